import { shopRegistry } from './support/registry';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';

describe('probe', () => {
  const target = new TargetServer();
  let t: TestApp;
  beforeAll(async () => {
    const baseUrl = await target.start();
    t = await startTestApp('validation', shopRegistry(baseUrl));
  });
  afterAll(async () => {
    await t?.close();
    await target.stop();
  });
  const base = { env: 'prd', product: 'shop', app: 'mailer', event: 'ping' };
  const F = Date.UTC(2099, 0, 1);
  const cases: [string, Record<string, unknown>][] = [
    ['cron+every', { schedule: { cron: '* * * * *', every: 1000 } }],
    ['cron 3 fields', { schedule: { cron: '* * *' } }],
    ['cron 7 fields', { schedule: { cron: '* * * * * * *' } }],
    ['cron bad value', { schedule: { cron: '61 * * * *' } }],
    ['cron bad name', { schedule: { cron: '0 9 * * FOO' } }],
    ['zone', { schedule: { cron: '0 9 * * *', tz: 'Mars/Olympus' } }],
    ['every<1000', { schedule: { every: 999 } }],
    ['every float', { schedule: { every: 1500.5 } }],
    ['limit 0', { schedule: { every: 1000, limit: 0 } }],
    ['limit no rec', { schedule: { limit: 3 } }],
    ['endDate before first', { schedule: { start_at: F, cron: '0 9 * * *', endDate: '2099-01-01T08:00:00Z' } }],
    ['endDate past', { schedule: { every: 1000, endDate: '2020-01-01T00:00:00Z' } }],
    ['endDate no rec', { schedule: { start_at: F, endDate: F + 1000 } }],
    ['tz no cron', { schedule: { tz: 'UTC' } }],
    ['tz with every', { schedule: { every: 1000, tz: 'UTC' } }],
    ['start_at garbage', { schedule: { start_at: 'tomorrow-ish' } }],
    ['start_at no offset', { schedule: { start_at: '2099-01-01T09:00' } }],
    ['unknown top', { foo: 1 }],
    ['unknown sched', { schedule: { every: 1000, foo: 1 } }],
    ['unknown input', { input: { foo: 1 } }],
    ['env number', { env: 123 }],
    ['retries string', { retries: '3' }],
    ['query object', { input: { query: { a: { b: 1 } } } }],
    ['headers number', { input: { headers: { 'x-a': 1 } } }],
    ['retries -1', { retries: -1 }],
    ['retries 51', { retries: 51 }],
    ['env empty', { env: '' }],
    ['path param', { event: 'update_user', input: { body: {} } }],
    ['product unknown', { product: 'nope' }],
    ['env unknown', { env: 'stg' }],
    ['app unknown', { app: 'nope' }],
    ['event unknown', { event: 'nope' }],
  ];
  it('dumps', async () => {
    const extra: [string, Record<string, unknown>][] = [
      ['input array', { input: [] }],
      ['input array obj', { input: [{ params: { id: 1 } }] }],
      ['input string', { input: 'x' }],
      ['schedule string', { schedule: 'daily' }],
      ['schedule array', { schedule: [] }],
      ['schedule array obj', { schedule: [{ every: 1000 }] }],
      ['start huge', { schedule: { start_at: 9e15 } }],
      ['every huge', { schedule: { every: 1e20 } }],
      ['tz empty', { schedule: { cron: '0 9 * * *', tz: '' } }],
      ['params obj', { event: 'update_user', input: { params: { id: { a: 1 } } } }],
      ['params empty', { event: 'update_user', input: { params: { id: '' } }, schedule: { start_at: Date.UTC(2099,0,1) } }],
      ['limit float', { schedule: { every: 1000, limit: 1.5 } }],
      ['limit str', { schedule: { every: 1000, limit: '2' } }],
      ['cron number', { schedule: { cron: 5 } }],
      ['cron empty', { schedule: { cron: '' } }],
      ['cron never', { schedule: { cron: '0 0 30 2 *' } }],
      ['endDate garbage', { schedule: { every: 1000, endDate: 'soon' } }],
      ['headers many', { input: { headers: Object.fromEntries(Array.from({ length: 51 }, (_, i) => ['h' + i, 'v'])) } }],
      ['proto', JSON.parse('{"__proto__": {"x": 1}}')],
      ['retries float', { retries: 1.5 }],
      ['session', { session: { tag: 'user', token: 'x' } }],
      ['cache', { cache: 'digest' }],
    ];
    for (const [name, body] of extra) {
      const res = await t.http.post('/actions/dispatch').send({ ...base, ...body });
      console.log(name, res.status, JSON.stringify(res.body));
    }
    for (const raw of ['[]', 'null', '"x"', '', '{"env":"prd","env":5}']) {
      const res = await t.http.post('/actions/dispatch').set('Content-Type', 'application/json').send(raw);
      console.log('raw', JSON.stringify(raw), res.status, JSON.stringify(res.body));
    }
    let res = await t.http.post('/actions/dispatch').set('Content-Type', 'text/plain').send('hello');
    console.log('text', res.status, JSON.stringify(res.body));
    res = await t.http.post('/actions/dispatch').set('Idempotency-Key', '').send(base);
    console.log('idem empty', res.status, JSON.stringify(res.body));
    res = await t.http.post('/actions/dispatch').set('Idempotency-Key', 'k1').send({ ...base, schedule: { every: 5 } });
    console.log('idem+bad', res.status, JSON.stringify(res.body));
    res = await t.http.post('/actions/dispatch').set('Idempotency-Key', 'k2').send({ ...base, product: 'nope' });
    console.log('idem+404', res.status, JSON.stringify(res.body));
    res = await t.http.post('/schedules/preview').send({ schedule: { every: 1000 }, from: 'x' });
    console.log('preview from', res.status, JSON.stringify(res.body));
    res = await t.http.post('/schedules/preview').send({ schedule: { cron: '0 9 * * *' }, count: '3' });
    console.log('preview count str', res.status, JSON.stringify(res.body));
    res = await t.http.post('/schedules/preview').send({ schedule: { cron: '0 9 * * *' }, foo: 1 });
    console.log('preview unknown', res.status, JSON.stringify(res.body));
    res = await t.http.post('/schedules/preview').send({ schedule: { every: 1000, endDate: '2020-01-01T00:00:00Z' }, from: '2019-01-01T00:00:00Z' });
    console.log('preview endDate relative', res.status, JSON.stringify(res.body).slice(0, 200));
    res = await t.http.get('/jobs/01900000-0000-7000-8000-000000000000/runs?foo=1');
    console.log('runs unknown q', res.status, JSON.stringify(res.body));
    res = await t.http.get('/jobs/01900000-0000-7000-8000-000000000000/runs?limit=1.5');
    console.log('runs 1.5', res.status, JSON.stringify(res.body));
    res = await t.http.get('/jobs/01900000-0000-7000-8000-000000000000/runs?limit=');
    console.log('runs empty', res.status, JSON.stringify(res.body));
    console.log(JSON.stringify(await t.dataSource.query('SELECT id, input, status, schedule FROM jobs')));
    console.log(JSON.stringify(await t.dataSource.query('SELECT * FROM idempotency_keys')));
    console.log(await t.redis.keys(t.config.queuePrefix + ':*'));
  });
});
