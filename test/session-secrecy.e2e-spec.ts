import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { Connection, createConnection } from 'mysql2/promise';
import request from 'supertest';
import { SmtpSink } from './support/notifications/smtp-sink';
import { dumpRedis } from './support/redis-dump';
import { clearPrefix, connectRedis, dropDatabase } from './support/services';
import { testConfig } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WorkerProcess } from './support/worker-process';
import { jobFinished } from './support/jobs';

const NAME = 'session_secrecy';
const SESSION_SECRET = `session-secret-${randomBytes(16).toString('hex')}`;
/** Random parts of the session data, so that finding them anywhere (even in another file's keys) means this file leaked them. */
const MAILBOX = `reader.${randomBytes(6).toString('hex')}`;
const EMAIL = `${MAILBOX}@shop.test`;
const USER_ID = `user_${randomBytes(6).toString('hex')}`;
const DATA = { user: { email: EMAIL, id: USER_ID } };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The registry of the scheduling guide's digest example, as the service reads it from RESOURCES_FILE. */
function writeDigestRegistry(smtpUrl: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dispatch-test-')), 'resources.yaml');
  const registry = {
    products: {
      notifications: {
        envs: ['prd'],
        notifications: {
          'digest-notifications': {
            email: { smtp: smtpUrl, from: 'Digests <noreply@shop.test>' },
            events: { send_digest: { email: { subject: 'Digest for {{userId}}', text: 'Your digest', html: '<p>Your digest</p>' } } },
          },
        },
        sessions: {
          'user-session': { expiry: '1h', schema: { type: 'object', required: ['user'], properties: { user: { type: 'object', required: ['email', 'id'], properties: { email: { type: 'string' }, id: { type: 'string' } } } } } },
          brief: { expiry: '1s' },
        },
      },
    },
  };
  // JSON is YAML: the service parses this file as it parses any resources.yaml.
  writeFileSync(file, JSON.stringify(registry, null, 2));
  return file;
}

/**
 * The scheduling guide's digest example against the real service process (ROLE=all, LOG_LEVEL=debug),
 * so that what is checked for secrets is what the service really writes: its JSON logs on stdout and
 * stderr, its Redis keys and its `jobs` rows. The session token and the session data (the user's email
 * and id) must appear in none of them in clear, while the digest still reaches that email address.
 */
describe('session data and tokens stay secret, in the real service process', () => {
  const smtp = new SmtpSink();
  const config = testConfig(NAME);
  let service: WorkerProcess;
  let http: ReturnType<typeof request>;
  let db: Connection;
  let redis: Redis;
  /** Every token this file obtained, good or not: none may show up in the service's output or stores. */
  const tokens: string[] = [];
  let jobId: string;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    redis = await connectRedis();
    await clearPrefix(redis, config.queuePrefix);
    await dropDatabase(`dispatch_test_${NAME}`);
    const port = await freePort();
    service = await WorkerProcess.start(config, writeDigestRegistry(smtpUrl), {
      ROLE: 'all',
      PORT: String(port),
      LOG_LEVEL: 'debug',
      SESSION_SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
    });
    await service.waitForOutput('Listening on', 30_000);
    http = request(`http://127.0.0.1:${port}`);
    db = await createConnection({ uri: config.databaseUrl });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await db?.end();
    if (redis) {
      await clearPrefix(redis, config.queuePrefix);
      redis.disconnect();
    }
    await smtp.stop();
  });

  const startSession = async (tag: string): Promise<string> => {
    const res = await http.post('/sessions').send({ env: 'prd', product: 'notifications', tag, data: DATA }).expect(201);
    tokens.push(res.body.token);
    return res.body.token;
  };
  /** The guide's "With session data" example, scheduled a few seconds ahead. */
  const digest = (token: string, tag = 'user-session') =>
    http
      .post('/notifications/dispatch')
      .set('Idempotency-Key', randomUUID())
      .send({
        env: 'prd',
        product: 'notifications',
        notification: 'digest-notifications',
        event: 'send_digest',
        input: { email: { recipients: ['$Session{user}{email}'], subject: { userId: '$Session{user}{id}' } } },
        retries: 3,
        session: { tag, token },
        schedule: { start_at: Date.now() + 3000 },
      });
  const count = async (table: 'jobs' | 'idempotency_keys'): Promise<number> => {
    const [rows] = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number((rows as Array<{ n: unknown }>)[0].n);
  };
  /** The strings that must not appear in clear: each token whole and its payload and signature parts, the data, the secret. */
  const secrets = (): string[] => [
    ...tokens.flatMap((token) => [token, ...token.split('.').slice(1)]),
    EMAIL,
    MAILBOX,
    USER_ID,
    SESSION_SECRET,
  ];
  const expectNoSecret = (where: string, text: string): void => {
    const found = secrets().filter((secret) => text.includes(secret));
    expect({ where, found }).toEqual({ where, found: [] });
  };
  /** The test's queue prefix, and with `wholeDb` every other key too when there are few enough to read in a moment (other files share the database). */
  const redisDump = async (wholeDb: boolean): Promise<string> => {
    const own = await dumpRedis(redis, `${config.queuePrefix}:*`);
    expect(own.keys.length).toBeGreaterThan(0);
    const whole = wholeDb && (await redis.dbsize()) <= 200_000 ? (await dumpRedis(redis, '*')).text : '';
    return `${own.text}\n${whole}`;
  };

  it('sends the scheduled digest to the session user only, with the session data nowhere in the jobs table or Redis', async () => {
    const token = await startSession('user-session');
    const res = await digest(token).expect(201);
    expect(res.body).toMatchObject({ status: 'scheduled', recurring: false });
    jobId = res.body.job_id;

    // While the job waits: its row and its delayed Bull job hold the data, sealed.
    const [rows] = await db.query('SELECT * FROM jobs WHERE id = ?', [jobId]);
    const [row] = rows as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ status: 'scheduled', session_tag: 'user-session' });
    expect(String(row.session_data)).toMatch(/^v1\./);
    const waiting = await redisDump(false);
    // The occurrence is already queued in Redis, so its Bull job is part of what is searched.
    expect(waiting).toContain(`occurrences:${jobId}:1`);
    expectNoSecret('Redis while scheduled', waiting);

    const done = await jobFinished(http, jobId);
    expect(done).toMatchObject({ status: 'completed', run_count: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ recipients: [EMAIL], subject: `Digest for ${USER_ID}`, text: 'Your digest' });
    expect(smtp.received[0].at).toBeGreaterThanOrEqual(new Date(res.body.scheduled_at).getTime());

    expectNoSecret('Redis after the run', await redisDump(true));
  });

  /** A token the dispatch must refuse, of the given kind, with the session tag to present it under. */
  const badToken = async (kind: string): Promise<{ token: string; tag: string }> => {
    if (kind === 'an expired token') {
      const token = await startSession('brief');
      // Its expiry is in whole seconds: wait until the service itself says it has ended.
      await waitFor(async () => (await http.post('/sessions/verify').send({ env: 'prd', product: 'notifications', tag: 'brief', token })).status === 401, 5000, 100);
      return { token, tag: 'brief' };
    }
    const [header, payload, signature] = (await startSession('user-session')).split('.');
    let token: string;
    if (kind === 'a token with a tampered signature') token = `${header}.${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    else {
      // Claims pushed to a later expiry under the original signature: only the secret could sign them.
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      token = `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: 4102444800 })).toString('base64url')}.${signature}`;
    }
    tokens.push(token);
    return { token, tag: 'user-session' };
  };

  it.each([
    ['an expired token', 'Session token has expired'],
    ['a token with a tampered signature', 'Session token is invalid'],
    ['a token with tampered claims', 'Session token is invalid'],
  ])('refuses %s with a 401 at dispatch, writing no job and no idempotency key', async (kind, message) => {
    const { token, tag } = await badToken(kind);
    const before = { jobs: await count('jobs'), keys: await count('idempotency_keys') };
    expect(before.keys).toBeGreaterThan(0);
    const res = await digest(token, tag);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_SESSION', field: 'session.token', message });
    expect({ jobs: await count('jobs'), keys: await count('idempotency_keys') }).toEqual(before);
  });

  it('keeps every token and the session data out of every column of the jobs, job_runs and idempotency_keys tables', async () => {
    const [rows] = await db.query('SELECT * FROM jobs');
    const jobs = rows as Array<Record<string, unknown>>;
    // Only the digest was written: the refused dispatches added nothing.
    expect(jobs.map((job) => job.id)).toEqual([jobId]);
    const [keys] = await db.query('SELECT * FROM idempotency_keys');
    expect((keys as Array<Record<string, unknown>>).map((key) => key.job_id)).toEqual([jobId]);
    // The run's result names the delivery, but not the address the session data gave it.
    const [runs] = await db.query('SELECT * FROM job_runs');
    expect((runs as Array<Record<string, unknown>>).map((run) => run.result)).toEqual([{ email: [expect.objectContaining({ to: '[derived recipient 1]', status: 'sent' })] }]);
    expectNoSecret('GET /jobs/:id/runs', JSON.stringify((await http.get(`/jobs/${jobId}/runs`).expect(200)).body));
    const tables = [['jobs', jobs], ['job_runs', runs as Array<Record<string, unknown>>], ['idempotency_keys', keys as Array<Record<string, unknown>>]] as const;
    for (const [table, tableRows] of tables) {
      for (const row of tableRows) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('utf8') : typeof value === 'string' ? value : JSON.stringify(value);
          expectNoSecret(`${table}.${column}`, text ?? '');
        }
      }
    }
  });

  it("keeps every token, the session data and the secret out of the service's logs, request lines included", async () => {
    // A body the parser refuses is answered before any route: its line is written all the same.
    await http.post('/sessions').set('content-type', 'application/json').send(`{"token":"${tokens[0]}"`).expect(400);
    await waitFor(() => service.log.includes('"statusCode":400'));
    const lines = service.log
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        try {
          return JSON.parse(line) as { level: number; msg?: string; req?: { method: string; url: string }; res?: { statusCode: number } };
        } catch {
          return { level: 0, msg: line };
        }
      });
    const requests = lines.filter((line) => line.req && line.res).map((line) => `${line.req!.method} ${line.req!.url} ${line.res!.statusCode}`);
    // The lines worth checking are there: the requests that carried the data and the tokens, and debug output.
    expect(requests).toEqual(
      expect.arrayContaining(['POST /sessions 201', 'POST /sessions 400', 'POST /notifications/dispatch 201', 'POST /notifications/dispatch 401', 'POST /sessions/verify 401']),
    );
    expect(lines.some((line) => line.level === 20)).toBe(true);
    expectNoSecret('logs', service.log);
  });
});
