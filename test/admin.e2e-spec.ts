import { OccurrenceQueue } from '../src/scheduler/occurrence-queue';
import { shopRegistry } from './support/registry';
import { clearPrefix } from './support/services';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** The operators' API against real MariaDB and Redis, with the service open (no keys configured). */
describe('admin API, end to end', () => {
  const target = new TargetServer();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('admin', shopRegistry(await target.start()));
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  const dispatch = (body: Record<string, unknown>, env = 'prd') =>
    t.http.post('/actions/dispatch').send({ env, product: 'shop', app: 'mailer', event: 'ping', input: {}, ...body }).expect(201);
  const job = async (id: string) => (await t.http.get(`/admin/jobs/${id}`).expect(200)).body;
  const FAR = Date.now() + 30 * 86_400_000;

  describe('GET /admin/jobs', () => {
    it('pages through 1,000 jobs newest first with no duplicate and no gap while new jobs arrive', async () => {
      const original: string[] = [];
      for (let i = 0; i < 1000; i += 50) {
        const batch = await Promise.all(Array.from({ length: 50 }, () => dispatch({ schedule: { start_at: FAR } }, 'dev')));
        original.push(...batch.map((r) => r.body.job_id));
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ id: string }>; next_cursor: string | null } } = await t.http.get('/admin/jobs').query({ env: 'dev', status: 'scheduled', limit: 100, ...(cursor ? { cursor } : {}) }).expect(200);
        seen.push(...res.body.items.map((j: { id: string }) => j.id));
        cursor = res.body.next_cursor;
        await Promise.all(Array.from({ length: 5 }, () => dispatch({ schedule: { start_at: FAR } }, 'dev')));
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...original].sort());
      expect(seen).toEqual([...seen].sort().reverse());
    }, 120_000);

    it('filters by namespace, recurring and creation time, and answers 400 naming a bad field', async () => {
      const before = Date.now();
      const cron = await dispatch({ schedule: { cron: '0 3 * * *', tz: 'Europe/Berlin' } });
      const res = await t.http.get('/admin/jobs').query({ namespace: 'actions', recurring: 'true', from: before }).expect(200);
      expect(res.body.items.map((j: { id: string }) => j.id)).toEqual([cron.body.job_id]);
      expect(res.body.items[0]).toMatchObject({ recurring: true, api_key_id: null, parent_id: null, status_note: null });
      const bad = await t.http.get('/admin/jobs').query({ status: 'sleeping' }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('status must be one of the following values');
      await t.http.get('/admin/jobs').query({ cursor: 'abc' }).expect(400);
      await t.http.get('/admin/jobs').query({ from: 2000, to: 1000 }).expect(400);
    });
  });

  it('GET /admin/jobs/:id shows the job with its runs; an unknown id is a 404', async () => {
    const res = await dispatch({});
    await waitFor(async () => (await job(res.body.job_id)).status === 'completed', 15_000);
    const detail = await job(res.body.job_id);
    expect(detail.runs.items).toEqual([expect.objectContaining({ occurrence: 1, attempt: 1, status: 'completed' })]);
    await t.http.get('/admin/jobs/0190b8a3-0000-7000-8000-000000000000').expect(404);
  });

  it('pauses a cron job (no run while paused) and resumes it with its next run counted from now', async () => {
    const res = await dispatch({ schedule: { cron: '* * * * * *' } });
    const id = res.body.job_id;
    await waitFor(async () => (await job(id)).run_count >= 1, 10_000);
    const paused = await t.http.post(`/admin/jobs/${id}/pause`).send({ note: 'maintenance' }).expect(200);
    expect(paused.body).toMatchObject({ status: 'paused', status_note: 'maintenance', upcoming_runs: [] });
    // A run that had started before the pause may still end; after that, nothing.
    await new Promise((r) => setTimeout(r, 300));
    const countAtPause = (await job(id)).run_count;
    const calls = target.requests('GET', '/ping').length;
    await new Promise((r) => setTimeout(r, 2500));
    expect((await job(id)).run_count).toBe(countAtPause);
    expect(target.requests('GET', '/ping')).toHaveLength(calls);

    const resumedAt = Date.now();
    const resumed = await t.http.post(`/admin/jobs/${id}/resume`).expect(200);
    expect(resumed.body.status).toBe('scheduled');
    expect(resumed.body.status_note).toBeNull();
    expect(resumed.body.next_run_at).toBeGreaterThan(resumedAt - 1000);
    expect(resumed.body.next_run_at).toBeLessThanOrEqual(resumedAt + 1000);
    await waitFor(async () => (await job(id)).run_count >= countAtPause + 2, 10_000);
    await t.http.post(`/admin/jobs/${id}/resume`).expect(409);
    await t.http.post(`/admin/jobs/${id}/cancel`).expect(200);
    const cancelled = await t.http.post(`/admin/jobs/${id}/pause`).expect(409);
    expect(JSON.stringify(cancelled.body)).toContain('already cancelled');
  });

  it('triggers one run now that does not count toward the limit or move the schedule', async () => {
    const start = Date.now() + 3_600_000;
    const res = await dispatch({ schedule: { every: 3_600_000, limit: 1, start_at: start } });
    const id = res.body.job_id;
    const copy = await t.http.post(`/admin/jobs/${id}/trigger`).expect(201);
    expect(copy.body).toMatchObject({ parent_id: id, recurring: false, status: 'queued' });
    await waitFor(async () => (await job(copy.body.id)).status === 'completed', 15_000);
    const original = await job(id);
    expect(original).toMatchObject({ status: 'scheduled', run_count: 0, next_run_at: start });
  });

  it('retries a failed job, after a delay if asked', async () => {
    let reject = true;
    target.respond('POST', '/reject', () => ({ status: reject ? 400 : 200, body: {} }));
    const res = await dispatch({ event: 'reject' });
    const id = res.body.job_id;
    await waitFor(async () => (await job(id)).status === 'failed', 15_000);
    await t.http.post(`/admin/jobs/${id}/retry`).send({ delay_ms: -1 }).expect(400);
    reject = false;
    const asked = Date.now();
    const retried = await t.http.post(`/admin/jobs/${id}/retry`).send({ delay_ms: 1000 }).expect(200);
    expect(retried.body.status).toBe('scheduled');
    await waitFor(async () => (await job(id)).status === 'completed', 15_000);
    const detail = await job(id);
    expect(detail.runs.items.map((r: { status: string }) => r.status)).toEqual(['failed', 'completed']);
    expect(detail.runs.items[1].started_at).toBeGreaterThanOrEqual(asked + 1000);
    await t.http.post(`/admin/jobs/${id}/retry`).expect(409);
  });

  it('finishes a retried job completed although a stale copy of its failed occurrence arrives meanwhile', async () => {
    // The first call fails for good; the retried one takes a while, long enough for the copy to land.
    let calls = 0;
    target.respond('POST', '/reject', () => (++calls === 1 ? { status: 400, body: {} } : { status: 200, body: {}, delayMs: 1500 }));
    const id = (await dispatch({ event: 'reject' })).body.job_id;
    await waitFor(async () => (await job(id)).status === 'failed', 15_000);
    await t.http.post(`/admin/jobs/${id}/retry`).expect(200);
    await waitFor(async () => (await job(id)).status === 'running', 15_000);
    // What a stalled delivery or a reconciler pass could re-add: occurrence 1, which has ended.
    await t.app.get(OccurrenceQueue).add({ jobId: id, occurrence: 1, runAt: Date.now(), retries: 0 });
    await waitFor(async () => (await job(id)).status !== 'running', 15_000);
    const detail = await job(id);
    expect(detail).toMatchObject({ status: 'completed', failure_count: 1, run_count: 2 });
    expect(detail.runs.items.map((r: { occurrence: number; status: string }) => `${r.occurrence}:${r.status}`)).toEqual(['1:failed', '2:completed']);
  });

  it('runs a retried job even when Redis loses its new occurrence: the reconciler restores that one', async () => {
    let calls = 0;
    target.respond('POST', '/reject', () => (++calls === 1 ? { status: 400, body: {} } : { status: 200, body: {} }));
    const id = (await dispatch({ event: 'reject' })).body.job_id;
    await waitFor(async () => (await job(id)).status === 'failed', 15_000);
    await t.http.post(`/admin/jobs/${id}/retry`).send({ delay_ms: 2000 }).expect(200);
    // As a Redis restart would: every key of the queue gone before the retry falls due.
    await clearPrefix(t.redis, t.config.queuePrefix);
    await waitFor(async () => (await job(id)).status === 'completed', 15_000);
    const detail = await job(id);
    expect(detail.runs.items.map((r: { occurrence: number; status: string }) => `${r.occurrence}:${r.status}`)).toEqual(['1:failed', '2:completed']);
  });

  it('reschedules a waiting job, validating the schedule as a dispatch does', async () => {
    const res = await dispatch({ schedule: { start_at: FAR } });
    const id = res.body.job_id;
    const bad = await t.http.post(`/admin/jobs/${id}/reschedule`).send({ schedule: { cron: '* * *', tz: 'Mars/Base' } }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('schedule.cron');
    const soon = Date.now() + 1000;
    const moved = await t.http.post(`/admin/jobs/${id}/reschedule`).send({ schedule: { start_at: soon } }).expect(200);
    expect(moved.body).toMatchObject({ status: 'scheduled', next_run_at: soon });
    await waitFor(async () => (await job(id)).status === 'completed', 15_000);
  });

  it('pauses, resumes, cancels and deletes by filter, refusing an empty filter', async () => {
    const ids = (await Promise.all(Array.from({ length: 3 }, () => dispatch({ schedule: { start_at: FAR } }, 'dev')))).map((r) => r.body.job_id);
    const after = Date.now() - 60_000;
    const empty = await t.http.post('/admin/jobs/pause').send({}).expect(400);
    expect(JSON.stringify(empty.body)).toContain('or all: true to act on every job');
    const scope = { env: 'dev', status: 'scheduled' };
    const paused = await t.http.post('/admin/jobs/pause').send({ ...scope, note: 'freeze' }).expect(200);
    expect(paused.body.count).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect((await job(id)).status).toBe('paused');
    const resumed = await t.http.post('/admin/jobs/resume').send({ env: 'dev' }).expect(200);
    expect(resumed.body.count).toBe(paused.body.count);
    const cancelled = await t.http.post('/admin/jobs/cancel').send({ env: 'dev', from: after }).expect(200);
    expect(cancelled.body.count).toBeGreaterThanOrEqual(3);
    await t.http.delete('/admin/jobs').query({ status: 'scheduled', env: 'dev' }).expect(400);
    const deleted = await t.http.delete('/admin/jobs').query({ env: 'dev', status: 'cancelled' }).expect(200);
    expect(deleted.body.count).toBe(cancelled.body.count);
    for (const id of ids) await t.http.get(`/admin/jobs/${id}`).expect(404);
  }, 60_000);

  it('GET /admin/stats counts jobs, the queue, runs per minute and lateness', async () => {
    const res = await t.http.get('/admin/stats').expect(200);
    expect(res.body.by_status.completed).toBeGreaterThan(0);
    expect(res.body.by_namespace.actions.completed).toBe(res.body.by_status.completed);
    expect(res.body.queue).toEqual({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number) });
    const runs = res.body.runs_per_minute.reduce((n: number, m: { runs: number }) => n + m.runs, 0);
    expect(runs).toBeGreaterThan(0);
    expect(res.body.runs_per_minute[0].minute % 60_000).toBe(0);
    expect(res.body.lateness.samples).toBeGreaterThan(0);
    expect(res.body.lateness.p99_ms).toBeGreaterThanOrEqual(res.body.lateness.p50_ms);
  });
});
