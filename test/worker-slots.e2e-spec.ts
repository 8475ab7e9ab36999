import { shopRegistry } from './support/registry';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** WORKER_CONCURRENCY bounds the runs in progress even though Bull holds the prefetch on top of it. */
describe('worker run slots', () => {
  const target = new TargetServer();
  let t: TestApp;
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    target.respond('GET', '/ping', async () => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight--;
      return { status: 200, body: { ok: true } };
    });
    t = await startTestApp('worker_slots', shopRegistry(await target.start()), { workerConcurrency: 2, workerPrefetch: 3 });
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  it('runs at most WORKER_CONCURRENCY occurrences at once and every one of a burst completes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping', input: {} }).expect(201);
      ids.push(res.body.job_id);
    }
    await waitFor(async () => {
      const rows: Array<{ n: string }> = await t.dataSource.query("SELECT COUNT(*) AS n FROM jobs WHERE status = 'completed'");
      return Number(rows[0].n) === ids.length || null;
    }, 20_000);
    expect(target.requests('GET', '/ping')).toHaveLength(10);
    expect(mostInFlight).toBe(2);
  });
});
