import { createHmac } from 'node:crypto';
import { HOOK_SECRET, featuresRegistry } from './support/features/features-registry';
import { HostReports, HostReportsModule, RivalReportsModule } from './support/features/handlers';
import { closeAfterFailedInit, createHostApp } from './support/features/host-app';
import { TargetServer } from './support/target-server';
import { countRows, startTestApp, TestApp, testConfig } from './support/test-app';
import { jobFinished } from './support/jobs';

describe('features, end to end', () => {
  const target = new TargetServer();
  let baseUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    baseUrl = await target.start();
    target.respond('GET', '/users/ada', () => ({ status: 200, body: { name: 'Ada', vip: true } }));
    target.respond('GET', '/users/bob', () => ({ status: 200, body: { name: 'Bob', vip: false } }));
    target.respond('POST', '/greetings', (req) => ({ status: 201, body: { id: `greeting-${(req.body as { to: string }).to}` } }));
    target.respond('POST', '/refuse', () => ({ status: 422, body: { error: 'no such template' } }));
    t = await startTestApp('features', featuresRegistry(baseUrl), {}, { imports: [HostReportsModule] });
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  const dispatch = (body: Record<string, unknown>) => t.http.post('/features/dispatch').send({ env: 'prd', product: 'shop', ...body });
  const runs = async (id: string) => (await t.http.get(`/jobs/${id}/runs`).expect(200)).body.items;
  const finished = (id: string) => jobFinished(t.http, id);

  it('runs registry steps in order, feeding the lookup answer and the input into later steps', async () => {
    const res = await dispatch({ tag: 'welcome', input: { userId: 'ada', email: 'ada@shop.test' } }).expect(201);
    const done = await finished(res.body.job_id);
    expect(done).toMatchObject({ namespace: 'features', target: 'welcome', event: 'welcome', status: 'completed', run_count: 1 });
    const occurrence = `${res.body.job_id}:1`;

    const [lookup] = target.requests('GET', '/users/ada');
    expect(lookup.headers['idempotency-key']).toBe(`${occurrence}:fetch`);
    const greeting = target.requests('POST', '/greetings').find((req) => req.headers['idempotency-key'] === `${occurrence}:greet`);
    expect(greeting?.body).toEqual({ text: 'Hello Ada', to: 'ada@shop.test', code: 200 });
    expect(greeting!.at).toBeGreaterThanOrEqual(lookup.at);

    const [hook] = target.requests('POST', '/hooks/vip');
    expect(hook.body).toEqual({ name: 'Ada', greeted: 'greeting-ada@shop.test' });
    expect(hook.headers['x-dispatch-signature']).toBe(`sha256=${createHmac('sha256', HOOK_SECRET).update(JSON.stringify(hook.body)).digest('hex')}`);
    expect(hook.headers['idempotency-key']).toBe(`${occurrence}:vip`);

    const [run] = await runs(res.body.job_id);
    expect(run).toMatchObject({ status: 'completed', error: null });
    expect(Object.keys(run.result.steps)).toEqual(['fetch', 'greet', 'vip']);
    expect(run.result.steps.fetch).toEqual({ status: 'completed', result: { status: 200, headers: expect.any(Object), body: { name: 'Ada', vip: true } } });
    expect(run.result.steps.greet).toMatchObject({ status: 'completed', result: { status: 201, body: { id: 'greeting-ada@shop.test' } } });
    expect(run.result.steps.vip).toMatchObject({ status: 'completed', result: { callback: [{ status: 'sent', http_status: 200 }] } });
  });

  it('skips a step whose condition is falsy, and records it as skipped', async () => {
    const hooksBefore = target.requests('POST', '/hooks/vip').length;
    const res = await dispatch({ tag: 'welcome', input: { userId: 'bob', email: 'bob@shop.test' } }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    expect(target.requests('POST', '/greetings').map((req) => req.body)).toContainEqual({ text: 'Hello Bob', to: 'bob@shop.test', code: 200 });
    expect(target.requests('POST', '/hooks/vip')).toHaveLength(hooksBefore);
    const [run] = await runs(res.body.job_id);
    expect(run.result.steps.vip).toEqual({ status: 'skipped' });
    expect(run.result.steps.greet.status).toBe('completed');
  });

  it('fails the run when a step fails, naming the step, after the steps before it ran', async () => {
    const res = await dispatch({ tag: 'broken', input: { userId: 'ada' }, retries: 2 }).expect(201);
    const done = await finished(res.body.job_id);
    expect(done.status).toBe('failed');
    expect(done.last_error).toBe('step \'notify\' failed: HTTP 422: {"error":"no such template"}');
    expect(target.requests('POST', '/refuse').map((req) => req.body)).toEqual([{ name: 'Ada' }]);
    // A 422 cannot succeed on retry: one attempt, despite retries: 2.
    const attempts = await runs(res.body.job_id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: 'failed', will_retry: false, error: done.last_error });
    expect(attempts[0].result.steps).toMatchObject({ fetch: { status: 'completed' }, notify: { status: 'failed', error: 'HTTP 422: {"error":"no such template"}' } });
  });

  it("runs a host app's @FeatureHandler with the dispatch input, keeping its return value", async () => {
    const res = await dispatch({ tag: 'host_report', input: { day: 'monday' } }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    const reports = t.app.get(HostReports);
    expect(reports.calls).toHaveLength(1);
    expect(reports.calls[0].input).toEqual({ day: 'monday' });
    expect(reports.calls[0].ctx).toMatchObject({ tag: 'host_report', product: 'shop', env: 'prd', jobId: res.body.job_id, occurrence: 1, attempt: 1 });
    const [run] = await runs(res.body.job_id);
    expect(run.result).toEqual({ report: 'for monday', occurrence: `${res.body.job_id}:1` });
  });

  it('answers 404 naming a tag that neither the registry nor a handler serves, and writes nothing', async () => {
    const before = await countRows(t.dataSource, 'jobs');
    const res = await dispatch({ tag: 'weekly_digest', input: {} }).expect(404);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_RESOURCE', field: 'tag', message: "Unknown feature 'weekly_digest' in product 'shop'" });
    const env = await dispatch({ env: 'stg', tag: 'welcome' }).expect(404);
    expect(env.body).toMatchObject({ field: 'env', message: "Unknown env 'stg' for product 'shop'" });
    const bad = await dispatch({ tag: 'welcome', input: ['x'] }).expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, message: ['input must be an object'] });
    expect(await countRows(t.dataSource, 'jobs')).toBe(before);
  });

  it('stops the start when two handlers claim one tag, naming both', async () => {
    const app = await createHostApp({ config: testConfig('features'), registry: featuresRegistry(baseUrl), logger: false }, { imports: [HostReportsModule, RivalReportsModule] });
    try {
      await expect(app.init()).rejects.toThrow(
        "Feature tag 'host_report' has two handlers: HostReports.build and RivalReports.build. Keep @FeatureHandler('host_report') on one method only.",
      );
    } finally {
      await closeAfterFailedInit(app);
    }
  });
});
