import { ResourceRegistry } from '../src/resources';
import { SmtpSink } from './support/notifications/smtp-sink';
import { dumpRedis } from './support/redis-dump';
import { TargetServer } from './support/target-server';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { jobFinished } from './support/jobs';

/**
 * Dispatching with a session (DESIGN §6): the token is verified at dispatch (401 when it is not good,
 * and nothing is written), the session data travels encrypted with the job, and `$Session{…}` reads it
 * at each run. The scheduling guide's digest example, end to end against real MariaDB, Redis and SMTP.
 */
describe('dispatch with a session, end to end', () => {
  const smtp = new SmtpSink();
  const target = new TargetServer();
  let t: TestApp;
  const EMAIL = 'digest.reader@shop.test';
  const DATA = { user: { email: EMAIL, id: 'user_123' } };

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    const baseUrl = await target.start();
    const registry = ResourceRegistry.fromObject(
      {
        products: {
          shop: {
            envs: ['dev', 'prd'],
            apps: { mailer: { base_url: baseUrl, actions: { send: { method: 'POST', path: '/send' } } } },
            notifications: {
              'digest-notifications': {
                email: { smtp: smtpUrl, from: 'Shop <noreply@shop.test>' },
                events: { send_digest: { email: { subject: 'Digest for {{userId}}', text: 'Your digest', html: '<p>Your digest</p>' } } },
              },
            },
            sessions: {
              'user-session': { expiry: '1h', schema: { type: 'object', required: ['user'], properties: { user: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } } } } },
              other: { expiry: '1h' },
              brief: { expiry: '1s' },
            },
          },
        },
      },
      {},
    );
    t = await startTestApp('session_dispatch', registry);
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
    await smtp.stop();
  });

  const startSession = async (tag = 'user-session', env = 'prd', data: unknown = DATA): Promise<string> =>
    (await t.http.post('/sessions').send({ env, product: 'shop', tag, data }).expect(201)).body.token;
  const digest = (session: unknown, extra: Record<string, unknown> = {}) =>
    t.http.post('/notifications/dispatch').send({
      env: 'prd',
      product: 'shop',
      notification: 'digest-notifications',
      event: 'send_digest',
      input: { email: { recipients: ['$Session{user}{email}'], subject: { userId: '$Session{user}{id}' } } },
      retries: 3,
      session,
      ...extra,
    });
  const action = (body: Record<string, unknown>) => t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', event: 'send', ...body });
  const finished = (id: string) => jobFinished(t.http, id);

  it('sends the scheduled digest to the session user, keeping the token and the data out of the jobs table and Redis', async () => {
    const token = await startSession();
    const res = await digest({ tag: 'user-session', token }, { schedule: { start_at: Date.now() + 1000 } }).expect(201);
    expect(res.body.status).toBe('scheduled');

    const [row] = await t.dataSource.query('SELECT * FROM jobs WHERE id = ?', [res.body.job_id]);
    expect(row.session_tag).toBe('user-session');
    expect(row.session_data).toMatch(/^v1\./);
    const rowText = JSON.stringify(row);
    expect(rowText).not.toContain(token);
    expect(rowText).not.toContain(token.split('.')[2]);
    expect(rowText).not.toContain(EMAIL);
    expect(rowText).not.toContain('user_123');

    expect((await finished(res.body.job_id)).status).toBe('completed');
    const [mail, ...more] = smtp.to(EMAIL);
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ recipients: [EMAIL], subject: 'Digest for user_123', text: 'Your digest' });

    const redisText = await dumpPrefix(t);
    expect(redisText).not.toContain(token.split('.')[2]);
    expect(redisText).not.toContain(EMAIL);
    expect(redisText).not.toContain('user_123');
  });

  it.each([
    ['a tampered token', async () => `${(await startSession()).slice(0, -4)}AAAA`, 'Session token is invalid'],
    ['a token that is not a JWT', async () => 'not-a-token', 'Session token is invalid'],
    ['a token of another session tag', () => startSession('other', 'prd', DATA), 'Session token was issued for another product, env or session tag'],
    ['a token of another env', () => startSession('user-session', 'dev'), 'Session token was issued for another product, env or session tag'],
  ])('refuses %s with a 401 naming session.token, writing nothing', async (_, token, message) => {
    const before = await countRows(t.dataSource, 'jobs');
    const res = await digest({ tag: 'user-session', token: await token() });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_SESSION', field: 'session.token', message });
    expect(await countRows(t.dataSource, 'jobs')).toBe(before);
  });

  it('refuses an expired token with a 401, writing nothing', async () => {
    const token = await startSession('brief', 'prd');
    // The token's expiry is in whole seconds: wait until the service itself says it has ended.
    await waitFor(async () => (await t.http.post('/sessions/verify').send({ env: 'prd', product: 'shop', tag: 'brief', token })).status === 401, 5000, 100);
    const before = await countRows(t.dataSource, 'jobs');
    const res = await action({ input: { body: { to: '$Session{user}{email}' } }, session: { tag: 'brief', token } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ field: 'session.token', message: 'Session token has expired' });
    expect(await countRows(t.dataSource, 'jobs')).toBe(before);
  });

  it('refuses a revoked token with a 401', async () => {
    const token = await startSession();
    await t.http.post('/sessions/revoke').send({ env: 'prd', product: 'shop', tag: 'user-session', token }).expect(204);
    const res = await digest({ tag: 'user-session', token });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ field: 'session.token', message: 'Session token has been revoked' });
  });

  it('answers an unknown session tag with a 404 naming session.tag, and a malformed session with a 400', async () => {
    const token = await startSession();
    const unknown = await digest({ tag: 'nope', token });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ field: 'session.tag', message: "Unknown session 'nope' in product 'shop'" });
    const malformed = await digest({ tag: 'user-session' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^session\.token /)]));
  });

  it('fails a run whose input asks for a session path the data lacks, naming it, without retrying', async () => {
    const token = await startSession();
    const res = await action({ retries: 3, input: { body: { phone: '$Session{user}{phone}' } }, session: { tag: 'user-session', token } }).expect(201);
    const done = await finished(res.body.job_id);
    const message = 'input.body.phone, column 1: $Session{user}{phone}: no value at session.user.phone';
    expect(done).toMatchObject({ status: 'failed', last_error: message });
    const runs = (await t.http.get(`/jobs/${res.body.job_id}/runs`).expect(200)).body.items;
    expect(runs).toEqual([expect.objectContaining({ attempt: 1, status: 'failed', will_retry: false, error: message })]);
    expect(target.requests('POST', '/send')).toHaveLength(0);
  });

  it('gives an action the session data at its run', async () => {
    const token = await startSession();
    const res = await action({ input: { body: { to: '$Session{user}{email}', plain: 'x' } }, session: { tag: 'user-session', token } }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    expect(target.requests('POST', '/send').map((r) => r.body)).toEqual([{ to: EMAIL, plain: 'x' }]);
  });
});

/** Every key of the app's queue prefix with its value, whatever its type, as one text. */
async function dumpPrefix(t: TestApp): Promise<string> {
  const { keys, text } = await dumpRedis(t.redis, `${t.config.queuePrefix}:*`);
  expect(keys.length).toBeGreaterThan(0);
  return text;
}
