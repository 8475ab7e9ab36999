import { shopRegistry } from './support/registry';
import { writeRegistryFile } from './support/registry-file';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WorkerProcess } from './support/worker-process';

/** The reconciler's other duties, downtime catch-up and graceful shutdown, with real worker processes. */
describe('reconciler, downtime and shutdown', () => {
  const target = new TargetServer();
  const workers: WorkerProcess[] = [];
  let baseUrl: string;
  let resourcesFile: string;
  let t: TestApp;

  beforeAll(async () => {
    baseUrl = await target.start();
    resourcesFile = writeRegistryFile(baseUrl);
    // The API alone: occurrences run only in the worker processes a test starts.
    t = await startTestApp('reconciler', shopRegistry(baseUrl), { role: 'api', horizonMs: 1000, reconcileIntervalMs: 300 });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop('SIGKILL')));
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  const dispatch = (body: Record<string, unknown>) =>
    t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', ...body }).expect(201);
  const job = async (id: string) => (await t.http.get(`/jobs/${id}`).expect(200)).body;
  const pings = (tag: string) => target.requests('GET', '/ping').filter((r) => r.query.tag === tag);
  const worker = async (extra: Record<string, string> = {}) => {
    const w = await WorkerProcess.start(t.config, resourcesFile, { SCHEDULE_HORIZON_MS: '1000', RECONCILE_INTERVAL_MS: '300', ...extra });
    workers.push(w);
    return w;
  };

  it('keeps a job beyond the horizon in MySQL only, then moves it into Redis in time to run on schedule', async () => {
    const at = Date.now() + 3000;
    const { body } = await dispatch({ event: 'ping', input: { query: { tag: 'far' } }, schedule: { start_at: at } });
    const bullKey = `${t.config.queuePrefix}:occurrences:${body.job_id}:1`;
    expect(await t.redis.exists(bullKey)).toBe(0);
    await worker();
    await waitFor(() => pings('far').length === 1, 10_000);
    expect(pings('far')[0].at).toBeGreaterThanOrEqual(at);
    expect(pings('far')[0].at - at).toBeLessThan(1000);
    await waitFor(async () => (await job(body.job_id)).status === 'completed', 5000);
  }, 30_000);

  it('after downtime runs one catch-up occurrence, records the missed ones as skipped and goes on from now', async () => {
    const { body } = await dispatch({ event: 'ping', input: { query: { tag: 'down' } }, schedule: { every: 1000, limit: 20 } });
    // No worker for 4.5 s: occurrences due at +0 s … +4 s are missed.
    await new Promise((r) => setTimeout(r, 4500));
    const back = Date.now();
    await worker();
    await waitFor(() => pings('down').length >= 3, 10_000);
    const calls = pings('down');
    expect(calls[0].headers['idempotency-key']).toBe(`${body.job_id}:1`);
    // The catch-up run, then the schedule resumes on its grid from now (the next grid instant may be near):
    // the missed runs are not replayed in a burst.
    expect(calls.filter((c) => c.at - calls[0].at < 900).length).toBeLessThanOrEqual(2);
    const offGrid = (calls[1].at - body.scheduled_at) % 1000;
    expect(Math.min(offGrid, 1000 - offGrid)).toBeLessThan(300);
    const runs = (await t.http.get(`/jobs/${body.job_id}/runs`).expect(200)).body.items;
    const skipped = runs.filter((r: { status: string }) => r.status === 'skipped');
    expect(skipped).toHaveLength(1);
    // Every grid instant after the first one up to the catch-up run was skipped: at least the 4 of the downtime.
    const missed = Math.floor((calls[0].at - body.scheduled_at) / 1000);
    expect(skipped[0].result.skipped).toBeGreaterThanOrEqual(4);
    expect(Math.abs(skipped[0].result.skipped - missed)).toBeLessThanOrEqual(1);
    expect(calls[0].at).toBeGreaterThanOrEqual(back);
    await t.http.delete(`/jobs/${body.job_id}`).expect(200);
  }, 30_000);

  it('on SIGTERM stops taking occurrences, lets the running one finish, then exits', async () => {
    target.respond('POST', '/slow', () => ({ status: 200, body: { done: true }, delayMs: 1500 }));
    const w = await worker();
    const { body } = await dispatch({ event: 'slow' });
    await waitFor(() => target.requests('POST', '/slow').length === 1, 10_000);
    const stopped = w.stop('SIGTERM');
    await waitFor(() => w.log.includes('Waiting up to'), 5000);
    const later = await dispatch({ event: 'ping', input: { query: { tag: 'after-stop' } } });
    await stopped;
    expect((await job(body.job_id)).status).toBe('completed');
    // The stopping worker took nothing new: the later job waits for the next worker.
    expect(pings('after-stop')).toHaveLength(0);
    expect((await job(later.body.job_id)).status).toBe('queued');
    await worker();
    await waitFor(async () => (await job(later.body.job_id)).status === 'completed', 10_000);
  }, 30_000);
});
