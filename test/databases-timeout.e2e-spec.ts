import { ResourceRegistry } from '../src/resources';
import { databaseClient } from './support/databases/databases-registry';
import { Engine, mariadbTarget, postgresTarget, TargetDatabase } from './support/databases/targets';
import { startTestApp, TestApp } from './support/test-app';

/** A runaway statement is cancelled by the server after the database's statement_timeout. */
describe('database statement timeout', () => {
  const targets = {} as Record<Engine, TargetDatabase>;
  let t: TestApp | undefined;
  const client = databaseClient(() => t as TestApp);

  beforeAll(async () => {
    targets.mariadb = await mariadbTarget('timeout');
    targets.postgres = await postgresTarget('timeout');
    const registry = ResourceRegistry.fromObject(
      {
        products: {
          shop: {
            envs: ['prd'],
            databases: {
              maria: { type: 'mariadb', url: targets.mariadb.url, statement_timeout: '1s', actions: { stall: { sql: 'SELECT SLEEP(:seconds) AS slept' } } },
              pg: { type: 'postgres', url: targets.postgres.url, statement_timeout: '1s', actions: { stall: { sql: 'SELECT pg_sleep(:seconds) AS slept' } } },
            },
          },
        },
      },
      {},
    );
    t = await startTestApp('databases_timeout', registry);
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all(Object.values(targets).map((target) => target.drop()));
  });

  it.each<[Engine, string, RegExp]>([
    ['mariadb', 'maria', /max_statement_time/],
    ['postgres', 'pg', /statement timeout/],
  ])('on %s, fails the run once the statement outlives the limit', async (_engine, database, reason) => {
    const res = await client.action(database, 'stall', { query: { seconds: 5 } });
    expect(res.status).toBe(201);
    const job = (await client.finished(res.body.job_id, 15_000))!;
    expect(job.status).toBe('failed');
    expect(job.last_error).toMatch(reason);
    const [run] = await client.runs(res.body.job_id);
    expect(run.status).toBe('failed');
    const [row] = await t!.dataSource.query('SELECT duration_ms FROM job_runs WHERE job_id = ?', [res.body.job_id]);
    expect(row.duration_ms).toBeLessThan(4000);
  });

  it('lets a statement within the limit finish', async () => {
    const res = await client.action('pg', 'stall', { query: { seconds: 0.1 } });
    const job = (await client.finished(res.body.job_id, 15_000))!;
    expect(job.status).toBe('completed');
  });
});
