import { ADMIN_KEY, bearer, KEY_A } from './support/api-keys';
import { shopRegistry } from './support/registry';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** The value of one sample line of a Prometheus exposition, or undefined when the line is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('operations', shopRegistry('http://127.0.0.1:9'), { apiKeys: [KEY_A], adminApiKeys: [ADMIN_KEY] })));
  afterAll(() => t?.close());

  it('reports MySQL, Redis and the queue up on GET /health, without a key', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' }, queue: { status: 'up', name: 'occurrences' } },
      error: {},
    });
  });

  it('counts dispatched jobs by namespace and shows the queue depth on GET /metrics', async () => {
    const before = (await t.http.get('/metrics').set(bearer(ADMIN_KEY)).expect(200)).text;
    expect(sample(before, 'dispatch_jobs_dispatched_total{namespace="actions"}')).toBeUndefined();
    // A minute ahead: within the horizon, so each job waits in Redis as a delayed occurrence.
    const startAt = Date.now() + 60_000;
    for (let i = 0; i < 2; i++) {
      await t.http.post('/actions/dispatch').set(bearer(KEY_A)).send({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping', schedule: { start_at: startAt } }).expect(201);
    }
    const res = await t.http.get('/metrics').set(bearer(ADMIN_KEY)).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(sample(res.text, 'dispatch_jobs_dispatched_total{namespace="actions"}')).toBe(2);
    expect(sample(res.text, 'dispatch_queue_depth{state="delayed"}')).toBe(2);
    expect(sample(res.text, 'dispatch_queue_depth{state="active"}')).toBe(0);
    expect(res.text).toContain('dispatch_process_resident_memory_bytes');
  });

  it('counts each run by outcome, with its duration and lateness, as the worker records it', async () => {
    // Nothing listens on port 9: the one attempt fails at once, and with no retries it fails for good.
    const res = await t.http.post('/actions/dispatch').set(bearer(KEY_A)).send({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping' }).expect(201);
    const series = 'dispatch_runs_total{namespace="actions",outcome="failed"}';
    const text = await waitFor(async () => {
      const body: string = (await t.http.get('/metrics').set(bearer(ADMIN_KEY)).expect(200)).text;
      return sample(body, series) === 1 ? body : '';
    }, 15_000);
    expect(sample(text, 'dispatch_run_duration_seconds_count{namespace="actions",outcome="failed"}')).toBe(1);
    expect(sample(text, 'dispatch_run_lateness_seconds_count{namespace="actions"}')).toBe(1);
    expect(sample(text, 'dispatch_runs_total{namespace="actions",outcome="completed"}')).toBeUndefined();
    await t.http.get(`/jobs/${res.body.job_id}`).set(bearer(KEY_A)).expect(200);
  });

  it('serves Bull Board at /admin/queues to the admin key only', async () => {
    const none = await t.http.get('/admin/queues').expect(401);
    expect(none.headers['www-authenticate']).toContain('Basic');
    await t.http.get('/admin/queues').set(bearer(KEY_A)).expect(403);
    const page = await t.http.get('/admin/queues').set(bearer(ADMIN_KEY)).expect(200);
    expect(page.text).toContain('<div id="root">');
    // A browser gives the key as the password of HTTP Basic, and the board's API answers it too.
    const basic = `Basic ${Buffer.from(`admin:${ADMIN_KEY}`).toString('base64')}`;
    const queues = await t.http.get('/admin/queues/api/queues').set('authorization', basic).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(['occurrences']);
    await t.http.get('/admin/queues/api/queues').expect(401);
  });
});

describe('operations without keys', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('operations_open', shopRegistry('http://127.0.0.1:9'))));
  afterAll(() => t?.close());

  it('leaves every endpoint open, and counts into its own registry, not another app instance', async () => {
    const text = (await t.http.get('/metrics').expect(200)).text;
    expect(sample(text, 'dispatch_jobs_dispatched_total{namespace="actions"}')).toBeUndefined();
    await t.http.get('/admin/queues').expect(200);
    await t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping', schedule: { start_at: Date.now() + 3_600_000 } }).expect(201);
    const [row] = await t.dataSource.query('SELECT api_key_id FROM jobs');
    expect(row.api_key_id).toBeNull();
  });
});
