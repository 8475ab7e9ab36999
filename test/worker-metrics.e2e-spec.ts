import { createServer } from 'node:net';
import { ADMIN_KEY, bearer, KEY_A } from './support/api-keys';
import { writeRegistryFile } from './support/registry-file';
import { shopRegistry } from './support/registry';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WorkerProcess } from './support/worker-process';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A ROLE=worker process has no HTTP API; the runs it executes are scraped from its METRICS_PORT. */
describe('metrics of a worker process', () => {
  const target = new TargetServer();
  let t: TestApp;
  let worker: WorkerProcess | undefined;
  let url: string;

  beforeAll(async () => {
    const baseUrl = await target.start();
    t = await startTestApp('worker_metrics', shopRegistry(baseUrl), { role: 'api', apiKeys: [KEY_A], adminApiKeys: [ADMIN_KEY], rateLimitPerMinute: 0 });
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    worker = await WorkerProcess.start(t.config, writeRegistryFile(baseUrl), {
      METRICS_PORT: String(port),
      API_KEYS: KEY_A,
      ADMIN_API_KEYS: ADMIN_KEY,
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await target.stop();
  });

  it('counts the runs the worker executed, behind the admin key', async () => {
    const res = await t.http.post('/actions/dispatch').set(bearer(KEY_A)).send({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping' }).expect(201);
    await waitFor(async () => (await t.http.get(`/jobs/${res.body.job_id}`).set(bearer(KEY_A)).expect(200)).body.status === 'completed', 15_000);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: bearer(KEY_A) })).status).toBe(403);
    expect((await fetch(url.replace('/metrics', '/other'), { headers: bearer(ADMIN_KEY) })).status).toBe(404);
    const text = await waitFor(async () => {
      const answer = await fetch(url, { headers: bearer(ADMIN_KEY) });
      expect(answer.status).toBe(200);
      const body = await answer.text();
      return body.includes('dispatch_runs_total{namespace="actions",outcome="completed"} 1') ? body : '';
    }, 10_000);
    expect(text).toContain('dispatch_run_lateness_seconds_count{namespace="actions"} 1');
  });
});
