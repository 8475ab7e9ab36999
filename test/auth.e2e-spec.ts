import { apiKeyId } from '../src/auth/api-keys';
import { createHttpApp } from '../src/app.factory';
import { ADMIN_KEY, bearer, KEY_A, KEY_B, xApiKey } from './support/api-keys';
import { shopRegistry } from './support/registry';
import { countRows, startTestApp, TestApp, testConfig } from './support/test-app';

/** Nothing here runs: jobs are an hour ahead, so the app's base URL is never called. */
const registry = () => shopRegistry('http://127.0.0.1:9');
const body = (extra: Record<string, unknown> = {}) => ({
  env: 'prd',
  product: 'shop',
  app: 'mailer',
  event: 'ping',
  schedule: { start_at: Date.now() + 3_600_000 },
  ...extra,
});

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('auth', registry(), { apiKeys: [KEY_A, KEY_B], adminApiKeys: [ADMIN_KEY] })));
  afterAll(() => t?.close());

  const dispatchAs = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
    t.http.post('/actions/dispatch').set(headers).send(body(extra));

  /** One request of each kind of endpoint: dispatch, job reads and cancel, preview, admin. */
  const endpoints = async (): Promise<Array<{ name: string; send: (h: Record<string, string>) => ReturnType<TestApp['http']['get']> }>> => {
    const { body: job } = await dispatchAs(bearer(ADMIN_KEY)).expect(201);
    return [
      { name: 'POST /actions/dispatch', send: (h) => t.http.post('/actions/dispatch').set(h).send(body()) },
      { name: 'GET /jobs/:id', send: (h) => t.http.get(`/jobs/${job.job_id}`).set(h) },
      { name: 'GET /jobs/:id/runs', send: (h) => t.http.get(`/jobs/${job.job_id}/runs`).set(h) },
      { name: 'DELETE /jobs/:id', send: (h) => t.http.delete(`/jobs/${job.job_id}`).set(h) },
      { name: 'POST /schedules/preview', send: (h) => t.http.post('/schedules/preview').set(h).send({ schedule: { cron: '0 9 * * *' }, count: 1 }) },
      { name: 'GET /metrics', send: (h) => t.http.get('/metrics').set(h) },
      { name: 'GET /admin/queues', send: (h) => t.http.get('/admin/queues').set(h) },
    ];
  };

  it('answers 401 on every endpoint kind without a key, and with an unknown key', async () => {
    for (const endpoint of await endpoints()) {
      const none = await endpoint.send({});
      expect([endpoint.name, none.status, none.body.code]).toEqual([endpoint.name, 401, 'API_KEY_MISSING']);
      expect(none.headers['www-authenticate']).toBeDefined();
      const unknown = await endpoint.send(bearer('not-a-key-0123456789abcdef'));
      expect([endpoint.name, unknown.status, unknown.body.code]).toEqual([endpoint.name, 401, 'API_KEY_INVALID']);
    }
  });

  it('answers 403 to a dispatch key on admin endpoints, and serves them to an admin key', async () => {
    for (const path of ['/metrics', '/admin/queues']) {
      const denied = await t.http.get(path).set(bearer(KEY_A));
      expect([path, denied.status, denied.body.code]).toEqual([path, 403, 'API_KEY_SCOPE']);
      const served = await t.http.get(path).set(xApiKey(ADMIN_KEY));
      expect([path, served.status]).toEqual([path, 200]);
    }
  });

  it('serves every dispatch endpoint to a dispatch key (Bearer or x-api-key) and to an admin key', async () => {
    for (const headers of [bearer(KEY_A), xApiKey(KEY_A), bearer(ADMIN_KEY)]) {
      const { body: job } = await dispatchAs(headers).expect(201);
      await t.http.get(`/jobs/${job.job_id}`).set(headers).expect(200);
      await t.http.get(`/jobs/${job.job_id}/runs`).set(headers).expect(200);
      await t.http.post('/schedules/preview').set(headers).send({ schedule: { every: 60_000 }, count: 2 }).expect(200);
      const cancelled = await t.http.delete(`/jobs/${job.job_id}`).set(headers).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
    }
  });

  it('keeps /health, /docs and /docs-json public', async () => {
    await t.http.get('/health').expect(200);
    await t.http.get('/docs').redirects(1).expect(200);
    const doc = await t.http.get('/docs-json').expect(200);
    expect(doc.body.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
    });
    expect(doc.body.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
    expect(doc.body.paths['/health'].get.security).toEqual([]);
  });

  it("stores the key's id with the job, never the key, and answers 404 to another dispatch key", async () => {
    const { body: job } = await dispatchAs(bearer(KEY_A)).expect(201);
    const [row] = await t.dataSource.query('SELECT * FROM jobs WHERE id = ?', [job.job_id]);
    expect(row.api_key_id).toBe(apiKeyId(KEY_A));
    expect(apiKeyId(KEY_A)).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(row)).not.toContain(KEY_A);

    for (const send of [
      () => t.http.get(`/jobs/${job.job_id}`),
      () => t.http.get(`/jobs/${job.job_id}/runs`),
      () => t.http.delete(`/jobs/${job.job_id}`),
    ]) {
      const res = await send().set(bearer(KEY_B));
      expect([res.status, res.body.code]).toEqual([404, 'JOB_NOT_FOUND']);
    }
    const [after] = await t.dataSource.query('SELECT status FROM jobs WHERE id = ?', [job.job_id]);
    expect(after.status).toBe('scheduled');
    expect((await t.http.get(`/jobs/${job.job_id}`).set(bearer(ADMIN_KEY)).expect(200)).body.id).toBe(job.job_id);
    expect((await t.http.get(`/jobs/${job.job_id}`).set(bearer(KEY_A)).expect(200)).body.id).toBe(job.job_id);
  });

  it('scopes Idempotency-Key per API key', async () => {
    const same = body({ schedule: { start_at: 1_900_000_000_000 } });
    const send = (key: string, payload: Record<string, unknown>) =>
      t.http.post('/actions/dispatch').set(bearer(key)).set('Idempotency-Key', 'order-42').send(payload);
    const first = await send(KEY_A, same).expect(201);
    const other = await send(KEY_B, same).expect(201);
    expect(other.body.job_id).not.toBe(first.body.job_id);
    expect((await send(KEY_A, same).expect(201)).body).toEqual(first.body);
    expect((await send(KEY_B, same).expect(201)).body).toEqual(other.body);
    const reused = await send(KEY_B, { ...same, retries: 2 }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const scopes = await t.dataSource.query("SELECT scope FROM idempotency_keys WHERE idempotency_key = 'order-42' ORDER BY scope");
    expect(scopes.map((r: { scope: string }) => r.scope)).toEqual([apiKeyId(KEY_A), apiKeyId(KEY_B)].sort());
  });

  it('sends the security headers of helmet, with a CSP that allows only our own scripts', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const docs = await t.http.get('/docs').redirects(1).expect(200);
    expect(docs.headers['content-security-policy']).toBeDefined();
  });

  it('refuses __proto__ and constructor.prototype keys anywhere in a body, writing nothing', async () => {
    const before = await countRows(t.dataSource, 'jobs');
    const raw = (json: string) => t.http.post('/actions/dispatch').set(bearer(KEY_A)).set('content-type', 'application/json').send(json);
    const proto = await raw('{"env":"prd","product":"shop","app":"mailer","event":"ping","input":{"body":{"__proto__":{"polluted":true}}}}').expect(400);
    expect(proto.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      field: 'input.body.__proto__',
      message: ['input.body.__proto__ is not allowed: __proto__ and constructor.prototype keys are refused'],
    });
    const ctor = await raw('{"env":"prd","product":"shop","app":"mailer","event":"ping","input":{"body":[{"constructor":{"prototype":{"polluted":true}}}]}}').expect(400);
    expect(ctor.body.field).toBe('input.body.0.constructor.prototype');
    const top = await raw('{"__proto__":{"polluted":true},"env":"prd"}').expect(400);
    expect(top.body.field).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await countRows(t.dataSource, 'jobs')).toBe(before);
    // A constructor key that holds no prototype is ordinary data.
    await raw(JSON.stringify(body({ input: { body: { constructor: 'Ada' } } }))).expect(201);
  });
});

describe('rate limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('auth_limit', registry(), { apiKeys: [KEY_A, KEY_B], rateLimitPerMinute: 3 })));
  afterAll(() => t?.close());

  it('answers 429 after RATE_LIMIT_PER_MINUTE requests of one key, over all endpoints, and not to another key', async () => {
    await t.http.post('/actions/dispatch').set(bearer(KEY_A)).send(body()).expect(201);
    await t.http.post('/schedules/preview').set(bearer(KEY_A)).send({ schedule: { every: 1000 } }).expect(200);
    const third = await t.http.get('/health').set(bearer(KEY_A)).expect(200);
    expect(third.headers['x-ratelimit-remaining']).toBe('0');
    const limited = await t.http.post('/actions/dispatch').set(bearer(KEY_A)).send(body()).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.post('/actions/dispatch').set(xApiKey(KEY_B)).send(body()).expect(201);
    // The count lives in Redis under the queue prefix, so that every instance shares it.
    const keys = await t.redis.keys(`${t.config.queuePrefix}:throttle:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('counts requests without a valid key per client address, so that guessing keys is limited too', async () => {
    for (let i = 0; i < 3; i++) await t.http.get('/metrics').set(bearer(`guess-${i}-0123456789abcdef`)).expect(401);
    await t.http.get('/metrics').set(bearer('guess-3-0123456789abcdef')).expect(429);
  });
});

describe('production without keys', () => {
  it('refuses to start, naming API_KEYS and ADMIN_API_KEYS', async () => {
    const config = testConfig('auth_prod', { nodeEnv: 'production' });
    await expect(createHttpApp({ config, registry: registry(), logger: false })).rejects.toThrow(
      /NODE_ENV=production but neither API_KEYS nor ADMIN_API_KEYS is set/,
    );
  });
});
