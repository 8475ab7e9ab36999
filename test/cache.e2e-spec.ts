import { ResourceRegistry } from '../src/resources';
import { TargetServer } from './support/target-server';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { jobFinished } from './support/jobs';

/**
 * Result caching (DESIGN §6) through the actions namespace against real MariaDB and Redis: an identical
 * run under a cache tag within its TTL reuses the stored result, recorded as `cached`, and the target
 * is not called again — also when both runs start at the same moment.
 */
describe('cache, end to end', () => {
  const target = new TargetServer();
  let t: TestApp;

  beforeAll(async () => {
    const baseUrl = await target.start();
    target.respond('POST', '/digest', (req, count) => ({ status: 200, body: { call: count, echo: req.body } }));
    const registry = ResourceRegistry.fromObject(
      {
        products: {
          shop: {
            envs: ['dev', 'prd'],
            apps: {
              mailer: {
                base_url: baseUrl,
                actions: { digest: { method: 'POST', path: '/digest' }, slow: { method: 'POST', path: '/slow' }, shaky: { method: 'POST', path: '/shaky' } },
              },
            },
            caches: { digest: { ttl: '10m' }, brief: { ttl: '1s' } },
          },
        },
      },
      {},
    );
    t = await startTestApp('cache', registry);
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  const dispatch = (body: Record<string, unknown>) =>
    t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', event: 'digest', cache: 'digest', ...body });
  const runs = async (id: string) => (await t.http.get(`/jobs/${id}/runs`).expect(200)).body.items;
  const finished = (id: string) => jobFinished(t.http, id);
  const calls = (path: string, tag: string) => target.requests('POST', path).filter((r) => (r.body as { tag?: string } | undefined)?.tag === tag);
  const cacheKeys = () => t.redis.keys(`${t.config.queuePrefix}:cache:*`);

  it('calls the target once for two identical dispatches; the second run is cached with the same result', async () => {
    const input = { body: { tag: 'twice', user: 'ada' } };
    const first = await dispatch({ input }).expect(201);
    expect((await finished(first.body.job_id)).status).toBe('completed');
    const second = await dispatch({ input }).expect(201);
    expect((await finished(second.body.job_id)).status).toBe('completed');

    expect(calls('/digest', 'twice')).toHaveLength(1);
    const [ran] = await runs(first.body.job_id);
    const [reused] = await runs(second.body.job_id);
    expect(ran).toMatchObject({ status: 'completed', result: { status: 200, body: { echo: input.body } } });
    expect(reused).toMatchObject({ status: 'cached', error: null });
    expect(reused.result).toEqual(ran.result);
  });

  it('keys on the resolved input: another input, or the same under another cache tag, calls the target', async () => {
    const a = await dispatch({ input: { body: { tag: 'differ', user: 'ada' } } }).expect(201);
    const b = await dispatch({ input: { body: { tag: 'differ', user: 'bob' } } }).expect(201);
    const c = await dispatch({ input: { body: { tag: 'differ', user: 'ada' } }, cache: 'brief' }).expect(201);
    for (const res of [a, b, c]) expect((await finished(res.body.job_id)).status).toBe('completed');
    expect(calls('/digest', 'differ').map((r) => (r.body as { user: string }).user).sort()).toEqual(['ada', 'ada', 'bob']);
  });

  it('calls the target once when two identical runs are due at the same moment', async () => {
    target.respond('POST', '/slow', (req) => ({ status: 200, body: { echo: req.body }, delayMs: 400 }));
    const startAt = Date.now() + 1000;
    const input = { body: { tag: 'together' } };
    const jobs = await Promise.all([1, 2].map(() => dispatch({ event: 'slow', input, schedule: { start_at: startAt } }).expect(201)));
    for (const res of jobs) expect((await finished(res.body.job_id)).status).toBe('completed');

    expect(calls('/slow', 'together')).toHaveLength(1);
    const [one, two] = await Promise.all(jobs.map(async (res) => (await runs(res.body.job_id))[0]));
    expect([one.status, two.status].sort()).toEqual(['cached', 'completed']);
    expect(one.result).toEqual(two.result);
    // Both started together: the cached one waited for the other's result rather than running later.
    expect(Math.abs(one.started_at - two.started_at)).toBeLessThan(300);
  });

  it('runs the waiting run itself when the first fails', async () => {
    target.respond('POST', '/shaky', (req, count) => (count === 1 ? { status: 500, body: { error: 'down' }, delayMs: 400 } : { status: 200, body: { echo: req.body } }));
    const startAt = Date.now() + 1000;
    const input = { body: { tag: 'shaky' } };
    const jobs = await Promise.all([1, 2].map(() => dispatch({ event: 'shaky', input, schedule: { start_at: startAt } }).expect(201)));
    const statuses = await Promise.all(jobs.map(async (res) => (await finished(res.body.job_id)).status));
    expect(statuses.sort()).toEqual(['completed', 'failed']);
    expect(calls('/shaky', 'shaky')).toHaveLength(2);
    const allRuns = (await Promise.all(jobs.map(async (res) => runs(res.body.job_id)))).flat();
    expect(allRuns.map((r: { status: string }) => r.status).sort()).toEqual(['completed', 'failed']);
  });

  it('calls the target again once the TTL has passed', async () => {
    const input = { body: { tag: 'expiring' } };
    const first = await dispatch({ input, cache: 'brief' }).expect(201);
    await finished(first.body.job_id);
    const briefKeys = async () => (await cacheKeys()).filter((key) => key.includes(':cache:shop:brief:'));
    expect(await briefKeys()).not.toHaveLength(0);
    // The entry leaves Redis with its TTL (1 s): wait for that rather than for a fixed time.
    await waitFor(async () => (await briefKeys()).length === 0, 5000, 100);
    const second = await dispatch({ input, cache: 'brief' }).expect(201);
    await finished(second.body.job_id);
    expect(calls('/digest', 'expiring')).toHaveLength(2);
    expect((await runs(second.body.job_id))[0].status).toBe('completed');
  });

  it('refuses an unknown cache tag with a 400 naming cache, writing nothing', async () => {
    const before = await countRows(t.dataSource, 'jobs');
    const res = await dispatch({ input: { body: {} }, cache: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, field: 'cache', message: ["Unknown cache 'nope' in product 'shop'"] });
    expect(await countRows(t.dataSource, 'jobs')).toBe(before);
  });

  it('keeps cached results sealed: neither the input nor the response is readable in Redis', async () => {
    const res = await dispatch({ input: { body: { tag: 'sealed', secret: 'visible-marker-42' } } }).expect(201);
    await finished(res.body.job_id);
    const keys = await cacheKeys();
    const values = await Promise.all(keys.map((key) => t.redis.get(key)));
    expect(values.join('\n')).not.toContain('visible-marker-42');
    expect(keys.join('\n')).not.toContain('visible-marker-42');
  });
});
