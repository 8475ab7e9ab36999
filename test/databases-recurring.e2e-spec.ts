import { databaseClient, databasesRegistry, DATABASE_NAMES } from './support/databases/databases-registry';
import { createTables, Engine, mariadbTarget, postgresTarget, seedLogs, TargetDatabase } from './support/databases/targets';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const DAY_MS = 86_400_000;
const EVERY_MS = 3000;

/**
 * The seed's nightly cleanup, sped up: a recurring deleteMany of logs older than 30 days, whose cutoff
 * `$DateAdd($Now(), -30, "days")` must be computed at each run, not once at dispatch.
 */
describe('a recurring deleteMany with an expression filter', () => {
  const targets = {} as Record<Engine, TargetDatabase>;
  let t: TestApp | undefined;
  const client = databaseClient(() => t as TestApp);

  beforeAll(async () => {
    targets.mariadb = await mariadbTarget('recurring');
    targets.postgres = await postgresTarget('recurring');
    for (const target of Object.values(targets)) await createTables(target);
    t = await startTestApp('databases_recurring', databasesRegistry(targets));
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all(Object.values(targets).map((target) => target.drop()));
  });

  it.each<Engine>(['mariadb', 'postgres'])('on %s, deletes with a fresh cutoff at each run', async (engine) => {
    const seededAt = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    await seedLogs(targets[engine], [
      { level: 'info', message: 'old', qty: 1, createdAt: iso(seededAt - 40 * DAY_MS) },
      // Younger than 30 days at the first run, older by the second, EVERY_MS later.
      { level: 'info', message: 'edge', qty: 2, createdAt: iso(seededAt - 30 * DAY_MS + EVERY_MS - 500) },
      { level: 'info', message: 'new', qty: 3, createdAt: iso(seededAt) },
    ]);
    const res = await client.operation(
      DATABASE_NAMES[engine],
      'deleteMany',
      { table: 'logs', filter: { createdAt: { $lt: '$DateAdd($Now(), -30, "days")' } } },
      { schedule: { every: EVERY_MS, limit: 2 } },
    );
    expect(res.status).toBe(201);
    const id = res.body.job_id;
    await waitFor(async () => (await client.job(id)).status === 'completed', 20_000);
    const runs = (await client.runs(id)).filter((r) => r.status === 'completed');
    expect(runs.map((r) => r.result?.affected)).toEqual([1, 1]);
    const left = await targets[engine].query<{ message: string }>('SELECT message FROM logs ORDER BY id');
    expect(left.map((r) => r.message)).toEqual(['new']);
    // The row keeps the expression, never a date computed at dispatch.
    const [row] = await t!.dataSource.query('SELECT input FROM jobs WHERE id = ?', [id]);
    expect(JSON.stringify(row.input)).toContain('$DateAdd($Now(), -30, \\"days\\")');
  });
});
