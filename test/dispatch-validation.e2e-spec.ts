import type { Response } from 'supertest';
import { shopRegistry } from './support/registry';
import { TargetServer } from './support/target-server';
import { countRows, startTestApp, TestApp } from './support/test-app';

/**
 * Bad input to the dispatch contract (DESIGN §1): every rejection is a 400 (or a 404 for an unknown
 * registry name) whose message names the field and the problem, and a rejected request writes nothing:
 * no `jobs`, `job_runs` or `idempotency_keys` row and no Bull key.
 */
describe('dispatch validation, end to end', () => {
  const target = new TargetServer();
  let t: TestApp;

  /** A far-future instant, so that messages quoting run times are deterministic. */
  const FUTURE = Date.UTC(2099, 0, 1);
  const VALID = { env: 'prd', product: 'shop', app: 'mailer', event: 'ping' };

  interface Snapshot {
    jobs: number;
    jobRuns: number;
    idempotencyKeys: number;
    queueKeys: string[];
  }
  let before: Snapshot;

  /** Bull refreshes `stalled-check` on its own timer; every other key of the prefix comes from a job. */
  // Bull's keys only: the rate limit's counters (`<prefix>:throttle:…`) count rejected requests too.
  const queueKeys = async (): Promise<string[]> =>
    (await t.redis.keys(`${t.config.queuePrefix}:*`)).filter((key) => !key.endsWith(':stalled-check') && !key.startsWith(`${t.config.queuePrefix}:throttle:`)).sort();

  const snapshot = async (): Promise<Snapshot> => ({
    jobs: await countRows(t.dataSource, 'jobs'),
    jobRuns: await countRows(t.dataSource, 'job_runs'),
    idempotencyKeys: await countRows(t.dataSource, 'idempotency_keys'),
    queueKeys: await queueKeys(),
  });

  beforeAll(async () => {
    const baseUrl = await target.start();
    t = await startTestApp('validation', shopRegistry(baseUrl));
    before = await snapshot();
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  /**
   * Every rejected dispatch carries its own Idempotency-Key, so the `idempotency_keys` count proves that
   * a rejection does not take the key.
   */
  const usedKeys: string[] = [];
  const dispatch = (body: Record<string, unknown>) => {
    const key = `rejected-${usedKeys.length + 1}`;
    usedKeys.push(key);
    return t.http.post('/actions/dispatch').set('Idempotency-Key', key).send(body);
  };
  /** A body sent as it is, under its own Idempotency-Key: `dispatch(x).send(text)` would send `[object Object]text`. */
  const raw = (text: string, contentType = 'application/json') => {
    const key = `rejected-${usedKeys.length + 1}`;
    usedKeys.push(key);
    return t.http.post('/actions/dispatch').set('Idempotency-Key', key).set('Content-Type', contentType).send(text);
  };
  const withValid = (fields: Record<string, unknown>) => ({ ...VALID, ...fields });
  const without = (field: string) => Object.fromEntries(Object.entries(VALID).filter(([k]) => k !== field));

  const messages = (res: Response): string[] => ([] as string[]).concat(res.body.message);

  /** A 400 whose message list holds each expected text exactly, each naming `field`. */
  function expectBadRequest(res: Response, field: string, expected: string | string[]): void {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    for (const text of ([] as string[]).concat(expected)) {
      expect(text).toContain(field);
      expect(messages(res)).toContain(text);
    }
    // Errors raised past the validation pipe also carry the field on its own.
    if (res.body.field !== undefined) expect(res.body.field).toBe(field);
  }

  describe('POST /actions/dispatch: schedule rules', () => {
    it.each<[string, Record<string, unknown>, string, string]>([
      ['cron with every', { cron: '* * * * *', every: 60_000 }, 'schedule.every', 'schedule.every: cannot be combined with schedule.cron'],
      ['a cron of 3 fields', { cron: '* * *' }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 3'],
      ['a cron of 7 fields', { cron: '0 0 9 * * MON 2030' }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 7'],
      ['a cron minute out of range', { cron: '61 * * * *' }, 'schedule.cron', "schedule.cron: cannot parse '61 * * * *': invalid value for minute: 61"],
      ['a cron with an unknown day name', { cron: '0 9 * * FOO' }, 'schedule.cron', "schedule.cron: cannot parse '0 9 * * FOO': configuration entry 5 (FOO) contains illegal characters"],
      ['an unknown zone', { cron: '0 9 * * *', tz: 'Mars/Olympus' }, 'schedule.tz', "schedule.tz: unknown time zone 'Mars/Olympus'"],
      ['every below 1000 ms', { every: 999 }, 'schedule.every', 'schedule.every must not be less than 1000'],
      ['every not an integer', { every: 1500.5 }, 'schedule.every', 'schedule.every must be an integer number'],
      ['limit below 1', { every: 1000, limit: 0 }, 'schedule.limit', 'schedule.limit must not be less than 1'],
      ['limit without a recurring schedule', { start_at: FUTURE, limit: 3 }, 'schedule.limit', 'schedule.limit: only allowed with schedule.cron or schedule.every'],
      [
        'endDate before the first run',
        { start_at: FUTURE, cron: '0 9 * * *', endDate: '2099-01-01T08:00:00Z' },
        'schedule.endDate',
        'schedule.endDate: is before the first run at 2099-01-01T09:00:00.000Z',
      ],
      ['endDate in the past', { every: 1000, endDate: '2020-01-01T00:00:00Z' }, 'schedule.endDate', 'schedule.endDate: is in the past (2020-01-01T00:00:00.000Z)'],
      ['endDate without a recurring schedule', { start_at: FUTURE, endDate: FUTURE + 60_000 }, 'schedule.endDate', 'schedule.endDate: only allowed with schedule.cron or schedule.every'],
      ['tz without any recurrence', { start_at: FUTURE, tz: 'Europe/Paris' }, 'schedule.tz', 'schedule.tz: only allowed with schedule.cron'],
      ['tz with every', { every: 1000, tz: 'Europe/Paris' }, 'schedule.tz', 'schedule.tz: only allowed with schedule.cron'],
      ['start_at a garbage string', { start_at: 'tomorrow-ish' }, 'schedule.start_at', 'schedule.start_at must be epoch milliseconds or an ISO 8601 date'],
      [
        'start_at a date-time without offset',
        { start_at: '2099-01-01T09:00' },
        'schedule.start_at',
        "schedule.start_at: needs 'Z' or a UTC offset such as +02:00, got '2099-01-01T09:00'",
      ],
      ['an unknown field inside schedule', { every: 1000, timezone: 'UTC' }, 'timezone', 'schedule.property timezone should not exist'],
    ])('rejects %s', async (_, schedule, field, message) => {
      expectBadRequest(await dispatch(withValid({ schedule })), field, message);
    });
  });

  describe('POST /actions/dispatch: fields and types', () => {
    it.each<[string, Record<string, unknown>, string, string | string[]]>([
      ['an unknown top-level field', withValid({ priority: 'high' }), 'priority', 'property priority should not exist'],
      ['an unknown field inside input', withValid({ input: { payload: {} } }), 'payload', 'input.property payload should not exist'],
      ['env as a number', withValid({ env: 123 }), 'env', 'env must be a string'],
      ['retries as a string', withValid({ retries: '3' }), 'retries', 'retries must be an integer number'],
      ['an object as an input.query value', withValid({ input: { query: { filter: { a: 1 } } } }), 'input.query', 'input.query must be an object of string or number or boolean values (at most 100 keys)'],
      ['a number as an input.headers value', withValid({ input: { headers: { 'x-trace': 1 } } }), 'input.headers', 'input.headers must be an object of string values (at most 50 keys)'],
      ['retries -1', withValid({ retries: -1 }), 'retries', 'retries must not be less than 0'],
      ['retries 51', withValid({ retries: 51 }), 'retries', 'retries must not be greater than 50'],
      ['a missing env', without('env'), 'env', 'env should not be empty'],
      ['a missing product', without('product'), 'product', 'product should not be empty'],
      ['a missing app', without('app'), 'app', 'app should not be empty'],
      ['a missing event', without('event'), 'event', 'event should not be empty'],
      ['an empty env', withValid({ env: '' }), 'env', 'env should not be empty'],
      ['a schedule that is not an object', withValid({ schedule: 'daily' }), 'schedule', 'nested property schedule must be either object or array'],
      ['a schedule that is an array', withValid({ schedule: [{ every: 1000 }] }), 'schedule', 'schedule: expected an object, got array'],
      [
        'a path parameter missing for /users/:id',
        withValid({ event: 'update_user', input: { body: { seen: true } } }),
        'input.params.id',
        'input.params.id is required by the path /users/:id',
      ],
    ])('rejects %s', async (_, body, field, message) => {
      expectBadRequest(await dispatch(body), field, message);
    });

    it('rejects an Idempotency-Key over 255 characters', async () => {
      const res = await t.http.post('/actions/dispatch').set('Idempotency-Key', 'k'.repeat(256)).send(VALID);
      expectBadRequest(res, 'Idempotency-Key', 'Idempotency-Key must be 1 to 255 characters');
    });

    it.each([
      ['a truncated object', '{"env": "prd",'],
      ['unquoted keys', '{env: prd}'],
      ['a bare null', 'null'],
    ])('answers 400, not 500, to a JSON body that does not parse: %s', async (_, text) => {
      const res = await raw(text);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body).toMatchObject({ field: 'body', message: ['body is not valid JSON'] });
    });
  });

  describe('POST /actions/dispatch: size', () => {
    it('answers 413 naming input when the input is over 1 MiB as JSON', async () => {
      const res = await dispatch(withValid({ event: 'send_welcome_email', input: { body: { blob: 'x'.repeat(1024 * 1024) } } }));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, field: 'input', code: 'INPUT_TOO_LARGE' });
      expect(res.body.message).toMatch(/^input is \d+ bytes as JSON; at most 1048576 are accepted$/);
    });

    it('answers 413 naming the body when it is over BODY_LIMIT, before reading it as JSON', async () => {
      const before = await countRows(t.dataSource, 'jobs');
      const res = await raw(`{"pad":"${'x'.repeat(16 * 1024 * 1024)}"}`);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', field: 'body', message: 'body is larger than 16mb' });
      expect(await countRows(t.dataSource, 'jobs')).toBe(before);
    });

    it('answers 415 to a body that is not application/json, and to a charset other than UTF-8', async () => {
      const text = await raw(JSON.stringify(VALID), 'text/plain');
      expect(text.status).toBe(415);
      expect(text.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', field: 'body', message: 'the body must be application/json' });
      const latin1 = await raw(JSON.stringify(VALID), 'application/json; charset=iso-8859-1');
      expect(latin1.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', field: 'body', message: 'unsupported charset "ISO-8859-1"' });
      // UTF-8 named explicitly is read: validation, not the parser, answers this one.
      const utf8 = await raw(JSON.stringify({ ...VALID, retries: 'two' }), 'application/json; charset=UTF-8');
      expect(utf8.status).toBe(400);
      expect(utf8.body.message[0]).toMatch(/^retries /);
    });
  });

  describe('POST /actions/dispatch: names the registry does not know', () => {
    it.each([
      ['product', { product: 'garden' }, "Unknown product 'garden'"],
      ['env', { env: 'stg' }, "Unknown env 'stg' for product 'shop'"],
      ['app', { app: 'billing' }, "Unknown app 'billing' in product 'shop'"],
      ['event', { event: 'send_invoice' }, "Unknown event 'send_invoice' for app 'mailer' in product 'shop'"],
    ])('answers 404 naming the unknown %s', async (field, fields, message) => {
      const res = await dispatch(withValid(fields));
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'UNKNOWN_RESOURCE', field, message });
    });
  });

  describe('POST /schedules/preview', () => {
    it.each<[string, Record<string, unknown>, string, string]>([
      ['count 0', { schedule: { every: 1000 }, count: 0 }, 'count', 'count must not be less than 1'],
      ['count 101', { schedule: { every: 1000 }, count: 101 }, 'count', 'count must not be greater than 100'],
      ['a missing schedule', { count: 3 }, 'schedule', 'schedule should not be null or undefined'],
      ['a cron of 3 fields', { schedule: { cron: '* * *' } }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 3'],
      ['a cron minute out of range', { schedule: { cron: '99 * * * *' } }, 'schedule.cron', "schedule.cron: cannot parse '99 * * * *': invalid value for minute: 99"],
      ['an unknown zone', { schedule: { cron: '0 9 * * *', tz: 'Mars/Olympus' } }, 'schedule.tz', "schedule.tz: unknown time zone 'Mars/Olympus'"],
    ])('rejects %s', async (_, body, field, message) => {
      expectBadRequest(await t.http.post('/schedules/preview').send(body), field, message);
    });
  });

  describe('GET /jobs/:id/runs', () => {
    it.each([
      ['0', 'limit must not be less than 1'],
      ['101', 'limit must not be greater than 100'],
    ])('rejects limit=%s', async (limit, message) => {
      const res = await t.http.get(`/jobs/01900000-0000-7000-8000-000000000000/runs?limit=${limit}`);
      expectBadRequest(res, 'limit', message);
    });
  });

  describe('after every rejection above', () => {
    it('has written no jobs, job_runs or idempotency_keys row and no Bull key', async () => {
      expect(usedKeys.length).toBeGreaterThan(40);
      expect(await snapshot()).toEqual(before);
    });

    it('has left each Idempotency-Key of a rejected request free for a valid one', async () => {
      const body = { ...VALID, schedule: { start_at: FUTURE } };
      const first = await t.http.post('/actions/dispatch').set('Idempotency-Key', usedKeys[0]).send(body).expect(201);
      expect(first.body).toEqual({ job_id: expect.any(String), status: 'scheduled', scheduled_at: FUTURE, recurring: false });
      const again = await t.http.post('/actions/dispatch').set('Idempotency-Key', usedKeys[0]).send(body).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await countRows(t.dataSource, 'jobs')).toBe(before.jobs + 1);
      expect(await countRows(t.dataSource, 'idempotency_keys')).toBe(before.idempotencyKeys + 1);
    });
  });

  describe('inputs the contract does not allow', () => {
    /** Each request must be refused with nothing written; the schedule keeps an accepted one from running. */
    it.each<[string, Record<string, unknown>, string, string]>([
      ['an input that is an array', withValid({ input: [{ body: { seen: true } }], schedule: { start_at: FUTURE } }), 'input', 'input must be an object'],
      [
        'an empty path parameter for /users/:id',
        withValid({ event: 'update_user', input: { params: { id: '' } }, schedule: { start_at: FUTURE } }),
        'input.params.id',
        'input.params.id is required by the path /users/:id',
      ],
    ])('rejects %s', async (_, body, field, message) => {
      const jobs = await countRows(t.dataSource, 'jobs');
      const res = await t.http.post('/actions/dispatch').send(body);
      expectBadRequest(res, field, message);
      expect(await countRows(t.dataSource, 'jobs')).toBe(jobs);
    });
  });

  describe('the limits themselves', () => {
    it.each<[string, Record<string, unknown>, Record<string, string>?]>([
      ['retries 0', { retries: 0 }],
      ['retries 50', { retries: 50 }],
      ['every 1000 with limit 1', { schedule: { start_at: FUTURE, every: 1000, limit: 1 } }],
      ['an endDate equal to the first run', { schedule: { start_at: FUTURE, every: 1000, endDate: FUTURE } }],
      ['a cron in a named zone', { schedule: { start_at: FUTURE, cron: '0 9 * * MON-FRI', tz: 'Europe/Paris' } }],
      ['a 255-character Idempotency-Key', {}, { 'Idempotency-Key': 'k'.repeat(255) }],
    ])('accepts %s', async (_, fields, headers = {}) => {
      const res = await t.http.post('/actions/dispatch').set(headers).send({ ...VALID, schedule: { start_at: FUTURE }, ...fields }).expect(201);
      expect(res.body.job_id).toEqual(expect.any(String));
    });
  });
});
