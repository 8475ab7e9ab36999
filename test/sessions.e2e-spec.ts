import { decodeJwt } from 'jose';
import { ResourceRegistry } from '../src/resources';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * Sessions (DESIGN §6) against real MariaDB and Redis: tokens bound to product, env and tag, checked
 * for expiry and revocation; data checked against the tag's schema; unknown names are 404s.
 */
describe('sessions, end to end', () => {
  let t: TestApp;
  const USER = { env: 'prd', product: 'shop', tag: 'user' };
  const DATA = { user: { email: 'ann@shop.test', id: 7 } };

  const registry = ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          sessions: {
            user: {
              expiry: '1h',
              schema: {
                type: 'object',
                required: ['user'],
                properties: { user: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' }, id: { type: 'integer' } } } },
              },
            },
            admin: { expiry: '1h' },
            brief: { expiry: '1s' },
          },
        },
        blog: { envs: ['prd'], sessions: { user: { expiry: '1h' } } },
      },
    },
    {},
  );

  beforeAll(async () => {
    t = await startTestApp('sessions', registry);
  });

  afterAll(async () => {
    await t?.close();
  });

  const start = (body: Record<string, unknown>) => t.http.post('/sessions').send(body);
  const verify = (body: Record<string, unknown>) => t.http.post('/sessions/verify').send(body);
  const revoke = (body: Record<string, unknown>) => t.http.post('/sessions/revoke').send(body);

  async function startUser(): Promise<{ token: string; expires_at: number }> {
    const res = await start({ ...USER, data: DATA });
    expect(res.status).toBe(201);
    return res.body as { token: string; expires_at: number };
  }

  it('starts, verifies and revokes a session; a revoked token is a 401', async () => {
    const before = Date.now();
    const { token, expires_at } = await startUser();
    expect(expires_at).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(expires_at).toBeLessThanOrEqual(Date.now() + 3_601_000);

    const verified = await verify({ ...USER, token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ valid: true, expires_at, data: DATA });

    expect((await revoke({ ...USER, token })).status).toBe(204);
    const refused = await verify({ ...USER, token });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'INVALID_SESSION', field: 'token', message: 'Session token has been revoked' });
    // Revoking again changes nothing and is not an error.
    expect((await revoke({ ...USER, token })).status).toBe(204);
  });

  it('keeps only the revoked token id in Redis, and the data out of the token in clear', async () => {
    const { token } = await startUser();
    expect(JSON.stringify(decodeJwt(token))).not.toContain('ann@shop.test');
    await revoke({ ...USER, token }).expect(204);
    const { jti } = decodeJwt(token);
    const key = `${t.config.queuePrefix}:sessions:revoked:${jti}`;
    expect(await t.redis.exists(key)).toBe(1);
    const ttl = await t.redis.pttl(key);
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000 + 61_000);
    const signature = token.split('.')[2];
    for (const k of await t.redis.keys(`${t.config.queuePrefix}:*`)) {
      const dump = (await t.redis.dumpBuffer(k))?.toString('latin1') ?? '';
      expect(dump).not.toContain(signature);
      expect(dump).not.toContain('ann@shop.test');
    }
  });

  it('refuses an expired token', async () => {
    const res = await start({ ...USER, tag: 'brief', data: DATA }).expect(201);
    const { token, expires_at } = res.body as { token: string; expires_at: number };
    expect(expires_at - Date.now()).toBeLessThanOrEqual(2000);
    expect((await verify({ ...USER, tag: 'brief', token })).status).toBe(200);
    const expired = await waitFor(async () => {
      const answer = await verify({ ...USER, tag: 'brief', token });
      return answer.status === 401 ? answer.body : undefined;
    }, 5000, 100);
    expect(Date.now()).toBeGreaterThanOrEqual(expires_at);
    expect(expired).toMatchObject({ code: 'INVALID_SESSION', message: 'Session token has expired' });
    expect((await revoke({ ...USER, tag: 'brief', token })).status).toBe(401);
  });

  it('refuses a token for another product, env or tag, and one that was changed', async () => {
    const { token } = await startUser();
    for (const other of [{ product: 'blog' }, { env: 'dev' }, { tag: 'admin' }]) {
      const res = await verify({ ...USER, ...other, token });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Session token was issued for another product, env or session tag');
    }
    expect((await revoke({ ...USER, tag: 'admin', token })).status).toBe(401);
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect((await verify({ ...USER, token: tampered })).body).toMatchObject({ statusCode: 401, message: 'Session token is invalid' });
    expect((await verify({ ...USER, token: 'not-a-token' })).status).toBe(401);
    // The original is still good: refusals above revoked nothing.
    expect((await verify({ ...USER, token })).status).toBe(200);
  });

  it('refuses data that fails the schema, naming the path', async () => {
    const res = await start({ ...USER, data: { user: { email: 'not-an-address', id: 7 } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'INVALID_REQUEST',
      field: 'data.user.email',
      message: ['data.user.email: must match format "email"'],
    });
    const missing = await start({ ...USER, data: { account: {} } });
    expect(missing.body.message).toEqual(['data.user: is required']);
    // A tag without a schema takes any object.
    expect((await start({ ...USER, tag: 'admin', data: { anything: [1, 2, 3] } })).status).toBe(201);
  });

  it('answers 404 for an unknown product, env or tag, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ tag: 'nope' }, 'tag', "Unknown session 'nope' in product 'shop'"],
      [{ product: 'nope' }, 'product', "Unknown product 'nope'"],
      [{ env: 'stg' }, 'env', "Unknown env 'stg' for product 'shop'"],
      [{ product: 'blog', tag: 'admin' }, 'tag', "Unknown session 'admin' in product 'blog'"],
    ];
    const { token } = await startUser();
    for (const [fields, field, message] of cases) {
      for (const res of [await start({ ...USER, ...fields, data: DATA }), await verify({ ...USER, ...fields, token }), await revoke({ ...USER, ...fields, token })]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'UNKNOWN_RESOURCE', field, message });
      }
    }
  });

  it('refuses malformed bodies with a 400 naming the field', async () => {
    expect((await start({ ...USER })).body.message).toEqual(['data should not be null or undefined']);
    expect((await start({ ...USER, data: 'x' })).body.message).toEqual(['data must be an object']);
    expect((await start({ ...USER, data: DATA, expiry: 5 })).body.message).toEqual(['property expiry should not exist']);
    expect((await verify({ ...USER })).body.message).toEqual(['token should not be empty']);
    expect((await verify({ ...USER, token: 5 })).body.message).toEqual(['token must be a string']);
    expect((await start({ ...USER, tag: 'a b', data: DATA })).body.message).toEqual(['tag may hold letters, digits, _ . : - only']);
    const big = await start({ ...USER, tag: 'admin', data: { blob: 'x'.repeat(17_000) } });
    expect(big.status).toBe(400);
    expect(big.body.message).toEqual(['data is 17011 bytes as JSON; at most 16384 are accepted']);
  });
});
