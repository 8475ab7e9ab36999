import { shopRegistry } from './support/registry';
import { writeRegistryFile } from './support/registry-file';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WorkerProcess } from './support/worker-process';

/**
 * Faults for real: worker processes killed with SIGKILL, Redis emptied under pending jobs, two workers
 * racing on one schedule. The Redis part uses its own database index so that emptying it (FLUSHDB)
 * cannot touch the queues of test files running beside this one.
 */
describe('faults', () => {
  const target = new TargetServer();
  const workers: WorkerProcess[] = [];
  let baseUrl: string;
  let resourcesFile: string;

  beforeAll(async () => {
    baseUrl = await target.start();
    resourcesFile = writeRegistryFile(baseUrl);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop('SIGKILL')));
  });

  afterAll(async () => {
    await target.stop();
  });

  const dispatch = (t: TestApp, body: Record<string, unknown>) =>
    t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', ...body }).expect(201);
  const status = async (t: TestApp, id: string) => (await t.http.get(`/jobs/${id}`).expect(200)).body;
  const keysOf = (path: string) => target.received.filter((r) => r.path === path).map((r) => String(r.headers['idempotency-key']));

  describe('a worker killed in the middle of a run', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp('faults_kill', shopRegistry(baseUrl), { role: 'api', lockDurationMs: 2000 })));
    afterAll(async () => t?.close());

    it('runs that occurrence again on another worker and the job completes', async () => {
      // The first call hangs as if the worker were busy with it; later ones answer at once.
      target.respond('POST', '/slow', (_, n) => (n === 1 ? { status: 200, delayMs: 20_000 } : { status: 200, body: { ok: n } }));
      const first = await WorkerProcess.start(t.config, resourcesFile);
      workers.push(first);
      const { body } = await dispatch(t, { event: 'slow' });
      await waitFor(() => target.requests('POST', '/slow').length === 1, 15_000);
      expect((await status(t, body.job_id)).status).toBe('running');

      await first.stop('SIGKILL');
      workers.push(await WorkerProcess.start(t.config, resourcesFile));

      const done = await waitFor(async () => {
        const job = await status(t, body.job_id);
        return job.status === 'completed' ? job : null;
      }, 30_000);
      expect(done.run_count).toBe(1);
      expect(keysOf('/slow')).toEqual([`${body.job_id}:1`, `${body.job_id}:1`]);
      const runs = (await t.http.get(`/jobs/${body.job_id}/runs`).expect(200)).body.items;
      expect(runs).toEqual([expect.objectContaining({ occurrence: 1, attempt: 1, status: 'completed' })]);
    }, 60_000);
  });

  describe('Redis emptied while jobs are pending', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp('faults_flush', shopRegistry(baseUrl), { redisUrl: 'redis://127.0.0.1:6379/3', reconcileIntervalMs: 500 })));
    afterAll(async () => t?.close());

    it('runs every one-off and recurring occurrence as scheduled after the reconciler pass, none twice', async () => {
      const start = Date.now() + 2500;
      const oneOffs = await Promise.all(
        [0, 1, 2, 3, 4].map((i) => dispatch(t, { event: 'ping', input: { query: { tag: `flush-${i}` } }, schedule: { start_at: start + i * 100 } })),
      );
      const recurring = await dispatch(t, { event: 'ping', input: { query: { tag: 'flush-every' } }, schedule: { start_at: start, every: 1000, limit: 4 } });
      const flusher = t.redis.duplicate();
      await flusher.select(3);
      expect(await flusher.dbsize()).toBeGreaterThan(0);
      await flusher.flushdb();
      flusher.disconnect();

      await waitFor(async () => {
        const jobs = await Promise.all([...oneOffs, recurring].map((r) => status(t, r.body.job_id)));
        return jobs.every((j) => j.status === 'completed');
      }, 20_000);
      for (const [i, r] of oneOffs.entries()) {
        const calls = target.requests('GET', '/ping').filter((c) => c.query.tag === `flush-${i}`);
        expect(calls.map((c) => c.headers['idempotency-key'])).toEqual([`${r.body.job_id}:1`]);
        // The reconciler runs every 500 ms: the occurrence is back in Redis well before it is due.
        expect(calls[0].at).toBeGreaterThanOrEqual(start + i * 100);
        expect(calls[0].at - (start + i * 100)).toBeLessThan(1000);
      }
      const every = target.requests('GET', '/ping').filter((c) => c.query.tag === 'flush-every');
      expect(every.map((c) => c.headers['idempotency-key'])).toEqual([1, 2, 3, 4].map((n) => `${recurring.body.job_id}:${n}`));
    }, 40_000);
  });

  describe('two workers on one schedule', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp('faults_two', shopRegistry(baseUrl), { role: 'api' })));
    afterAll(async () => t?.close());

    it('runs each of 20 occurrences exactly once', async () => {
      workers.push(...(await Promise.all([WorkerProcess.start(t.config, resourcesFile), WorkerProcess.start(t.config, resourcesFile)])));
      const { body } = await dispatch(t, { event: 'ping', input: { query: { tag: 'two' } }, schedule: { every: 1000, limit: 20 } });
      const done = await waitFor(async () => {
        const job = await status(t, body.job_id);
        return job.status === 'completed' ? job : null;
      }, 40_000);
      expect(done.run_count).toBe(20);
      const keys = target.requests('GET', '/ping').filter((c) => c.query.tag === 'two').map((c) => c.headers['idempotency-key']);
      expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => `${body.job_id}:${i + 1}`));
      const runs = await t.dataSource.query('SELECT occurrence, COUNT(*) AS n FROM job_runs WHERE job_id = ? GROUP BY occurrence', [body.job_id]);
      expect(runs).toHaveLength(20);
      expect(runs.every((r: { n: number | string }) => Number(r.n) === 1)).toBe(true);
    }, 60_000);
  });
});
