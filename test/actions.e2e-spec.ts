import { shopRegistry } from './support/registry';
import { TargetServer } from './support/target-server';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { jobFinished } from './support/jobs';

describe('actions, end to end', () => {
  const target = new TargetServer();
  let t: TestApp;

  beforeAll(async () => {
    const baseUrl = await target.start();
    t = await startTestApp('actions', shopRegistry(baseUrl));
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  const dispatch = (body: Record<string, unknown>) => t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', ...body });
  const job = async (id: string) => (await t.http.get(`/jobs/${id}`).expect(200)).body;
  const runs = async (id: string) => (await t.http.get(`/jobs/${id}/runs`).expect(200)).body.items;
  const finished = (id: string) => jobFinished(t.http, id);

  it('runs an immediate action with the method, path, query, body and headers of the registry and the input', async () => {
    const res = await dispatch({
      event: 'send_welcome_email',
      input: { body: { userId: 'user_123' }, query: { lang: 'en', n: 2 }, headers: { 'X-Trace': 'abc', authorization: 'Bearer override' } },
    }).expect(201);
    expect(res.body).toEqual({ job_id: expect.any(String), status: 'queued', scheduled_at: expect.any(Number), recurring: false });
    const done = await finished(res.body.job_id);
    expect(done.status).toBe('completed');
    expect(done.run_count).toBe(1);
    const [req] = target.requests('POST', '/emails/welcome');
    expect(req.body).toEqual({ userId: 'user_123' });
    expect(req.query).toEqual({ lang: 'en', n: '2' });
    expect(req.headers['x-trace']).toBe('abc');
    expect(req.headers['x-app']).toBe('mailer');
    expect(req.headers.authorization).toBe('Bearer override');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe(`${res.body.job_id}:1`);
    const [run] = await runs(res.body.job_id);
    expect(run).toMatchObject({ occurrence: 1, attempt: 1, status: 'completed', result: { status: 200, body: { ok: true } } });
  });

  it('fills :name path segments from params, encoded', async () => {
    const res = await dispatch({ event: 'update_user', input: { params: { id: 'a/b c' }, body: { seen: true } } }).expect(201);
    await finished(res.body.job_id);
    const [req] = target.requests('PUT', '/users/a%2Fb%20c');
    expect(req.body).toEqual({ seen: true });
  });

  it('runs a start_at 2 s ahead within 1 s of it', async () => {
    const at = Date.now() + 2000;
    const res = await dispatch({ event: 'ping', input: { query: { tag: 'start-at' } }, schedule: { start_at: at } }).expect(201);
    expect(res.body).toMatchObject({ status: 'scheduled', scheduled_at: at, recurring: false });
    await finished(res.body.job_id);
    const req = target.requests('GET', '/ping').find((r) => r.query.tag === 'start-at');
    expect(req).toBeDefined();
    expect(req!.at).toBeGreaterThanOrEqual(at);
    expect(req!.at - at).toBeLessThan(1000);
  });

  it('runs every: 1000, limit: 3 exactly three times and ends completed', async () => {
    const res = await dispatch({ event: 'ping', input: { query: { tag: 'every' } }, schedule: { every: 1000, limit: 3 } }).expect(201);
    expect(res.body).toMatchObject({ recurring: true, next_run_at: res.body.scheduled_at });
    const done = await finished(res.body.job_id);
    expect(done).toMatchObject({ status: 'completed', run_count: 3, next_run_at: null, upcoming_runs: [] });
    const calls = target.requests('GET', '/ping').filter((r) => r.query.tag === 'every');
    expect(calls.map((c) => c.headers['idempotency-key'])).toEqual([1, 2, 3].map((n) => `${res.body.job_id}:${n}`));
    await new Promise((r) => setTimeout(r, 1500));
    expect(target.requests('GET', '/ping').filter((r) => r.query.tag === 'every')).toHaveLength(3);
  });

  it('runs a 6-field cron with seconds', async () => {
    const res = await dispatch({ event: 'ping', input: { query: { tag: 'cron6' } }, schedule: { cron: '* * * * * *', limit: 2 } }).expect(201);
    const done = await finished(res.body.job_id);
    expect(done).toMatchObject({ status: 'completed', run_count: 2 });
    const calls = target.requests('GET', '/ping').filter((r) => r.query.tag === 'cron6');
    expect(calls).toHaveLength(2);
    expect(calls[1].at - calls[0].at).toBeGreaterThan(500);
  });

  it('stops a schedule at its endDate', async () => {
    const start = Date.now() + 500;
    const res = await dispatch({ event: 'ping', input: { query: { tag: 'end' } }, schedule: { start_at: start, every: 1000, endDate: start + 2500 } }).expect(201);
    const done = await finished(res.body.job_id);
    expect(done).toMatchObject({ status: 'completed', run_count: 3 });
    expect(target.requests('GET', '/ping').filter((r) => r.query.tag === 'end')).toHaveLength(3);
  });

  it('retries a failing target and completes on the third attempt', async () => {
    target.respond('POST', '/flaky', (_, n) => (n <= 2 ? { status: 503, body: { error: 'busy' } } : { status: 200, body: { ok: 'finally' } }));
    const res = await dispatch({ event: 'flaky', retries: 2 }).expect(201);
    const done = await finished(res.body.job_id);
    expect(done.status).toBe('completed');
    const attempts = await runs(res.body.job_id);
    expect(attempts.map((r: { attempt: number; status: string; will_retry: boolean }) => [r.attempt, r.status, r.will_retry])).toEqual([
      [1, 'failed', true],
      [2, 'failed', true],
      [3, 'completed', false],
    ]);
    const calls = target.requests('POST', '/flaky');
    expect(calls).toHaveLength(3);
    // Exponential backoff with jitter: 0.5-1 s, then 1-2 s.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(450);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(950);
  });

  it('fails at once on a 400 from the target, without retrying', async () => {
    target.respond('POST', '/reject', () => ({ status: 400, body: { error: 'bad' } }));
    const res = await dispatch({ event: 'reject', retries: 3 }).expect(201);
    const done = await finished(res.body.job_id);
    expect(done).toMatchObject({ status: 'failed', failure_count: 1 });
    expect(done.last_error).toContain('HTTP 400');
    expect(await runs(res.body.job_id)).toHaveLength(1);
    expect(target.requests('POST', '/reject')).toHaveLength(1);
  });

  it('cancels a recurring job: no run after the cancel', async () => {
    const res = await dispatch({ event: 'ping', input: { query: { tag: 'cancel' } }, schedule: { every: 1000 } }).expect(201);
    const id = res.body.job_id;
    await waitFor(() => target.requests('GET', '/ping').some((r) => r.query.tag === 'cancel'));
    const cancelled = await t.http.delete(`/jobs/${id}`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', next_run_at: null, upcoming_runs: [] });
    const count = target.requests('GET', '/ping').filter((r) => r.query.tag === 'cancel').length;
    await new Promise((r) => setTimeout(r, 2500));
    // A run already started when the cancel landed may finish; nothing new starts.
    expect(target.requests('GET', '/ping').filter((r) => r.query.tag === 'cancel').length).toBeLessThanOrEqual(count + 1);
    const again = await t.http.delete(`/jobs/${id}`).expect(409);
    expect(again.body.message).toBe(`Job '${id}' is already cancelled`);
  });

  it('shows a recurring job with its next five run times', async () => {
    const res = await dispatch({ event: 'ping', schedule: { cron: '0 9 * * MON-FRI', tz: 'America/New_York', limit: 3 } }).expect(201);
    const view = await job(res.body.job_id);
    expect(view).toMatchObject({ status: 'scheduled', recurring: true, run_count: 0, last_error: null, next_run_at: res.body.scheduled_at });
    expect(view.schedule).toMatchObject({ cron: '0 9 * * MON-FRI', tz: 'America/New_York', limit: 3 });
    expect(view.upcoming_runs).toHaveLength(3);
    expect(view.upcoming_runs[0]).toBe(res.body.scheduled_at);
    await t.http.delete(`/jobs/${res.body.job_id}`).expect(200);
  });

  it('finds a job by its id written in capitals too, as UUIDs are case-insensitive', async () => {
    const res = await dispatch({ event: 'ping', schedule: { start_at: Date.now() + 60_000 } }).expect(201);
    const upper = String(res.body.job_id).toUpperCase();
    expect((await t.http.get(`/jobs/${upper}`).expect(200)).body.id).toBe(res.body.job_id);
    await t.http.get(`/jobs/${upper}/runs`).expect(200);
    expect((await t.http.delete(`/jobs/${upper}`).expect(200)).body.status).toBe('cancelled');
  });

  it('answers 404 for an unknown job id on every job endpoint', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    const get = await t.http.get(`/jobs/${id}`).expect(404);
    expect(get.body.message).toBe(`Job '${id}' not found`);
    await t.http.get(`/jobs/${id}/runs`).expect(404);
    await t.http.delete(`/jobs/${id}`).expect(404);
    await t.http.get('/jobs/not-a-uuid').expect(404);
  });

  it('answers a URL that cannot be routed in the shape of every other error, with the security headers', async () => {
    const badEncoding = await t.http.get('/jobs/%FF').expect(400);
    expect(badEncoding.body).toEqual({ statusCode: 400, error: 'Bad Request', field: 'url', message: "'/jobs/%FF' is not a valid url component" });
    expect(badEncoding.headers['x-content-type-options']).toBe('nosniff');
    const longSegment = await t.http.get(`/jobs/${'a'.repeat(101)}`).expect(414);
    expect(longSegment.body).toMatchObject({ statusCode: 414, error: 'URI Too Long', field: 'url' });
  });

  it('makes a repeated Idempotency-Key return the first answer, and a reuse with another body a 422', async () => {
    const before = await countRows(t.dataSource, 'jobs');
    const body = { event: 'send_welcome_email', input: { body: { n: 1 } }, schedule: { start_at: Date.now() + 60_000 } };
    const first = await dispatch(body).set('Idempotency-Key', 'order-42').expect(201);
    const second = await dispatch(body).set('Idempotency-Key', 'order-42').expect(201);
    expect(second.body).toEqual(first.body);
    const reuse = await dispatch({ ...body, input: { body: { n: 2 } } }).set('Idempotency-Key', 'order-42').expect(422);
    expect(reuse.body.message).toBe('Idempotency-Key was already used with a different request body');
    expect(await countRows(t.dataSource, 'jobs')).toBe(before + 1);
    await dispatch(body).set('Idempotency-Key', 'x'.repeat(256)).expect(400);
  });

  it('previews the upcoming run times of a schedule', async () => {
    const res = await t.http
      .post('/schedules/preview')
      .send({ schedule: { cron: '30 2 * * *', tz: 'America/New_York' }, from: '2027-03-13T00:00:00Z', count: 3 })
      .expect(200);
    expect(res.body.runs).toHaveLength(3);
    expect(res.body.runs[0]).toEqual({ iso: '2027-03-13T07:30:00.000Z', epoch_ms: Date.parse('2027-03-13T07:30:00.000Z') });
    await t.http.post('/schedules/preview').send({ schedule: { every: 1000 }, count: 101 }).expect(400);
  });
});
