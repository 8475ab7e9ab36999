import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { hkdfSync } from 'node:crypto';
import { InvalidSessionError } from './session-errors';
import { SessionBinding, SessionTokens } from './session-tokens';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const tokens = new SessionTokens({ sessionSecret: SECRET });
const binding: SessionBinding = { product: 'shop', env: 'prd', tag: 'user' };
const inOneHour = () => Math.ceil(Date.now() / 1000) + 3600;

async function reason(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSessionError);
    expect((error as InvalidSessionError).httpStatus).toBe(401);
    return (error as InvalidSessionError).reason;
  }
}

describe('SessionTokens', () => {
  it('signs an HS256 JWT bound to product, env and tag, with a jti and the expiry asked for', async () => {
    const exp = inOneHour();
    const { token, jti } = await tokens.sign(binding, 'v1.sealed', exp);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'dispatch', aud: 'dispatch:session:shop:prd:user', product: 'shop', env: 'prd', tag: 'user', jti, exp, data: 'v1.sealed' });
    expect(jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.iat).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(await tokens.verify(token, binding)).toEqual({ jti, exp, data: 'v1.sealed' });
  });

  it('refuses a token for another product, env or tag', async () => {
    const { token } = await tokens.sign(binding, 'x', inOneHour());
    expect(await reason(tokens.verify(token, { ...binding, product: 'blog' }))).toBe('mismatch');
    expect(await reason(tokens.verify(token, { ...binding, env: 'dev' }))).toBe('mismatch');
    expect(await reason(tokens.verify(token, { ...binding, tag: 'admin' }))).toBe('mismatch');
  });

  it('keeps bindings apart even when names contain the separator', async () => {
    const { token } = await tokens.sign({ product: 'a:b', env: 'c', tag: 'd' }, 'x', inOneHour());
    expect(await reason(tokens.verify(token, { product: 'a', env: 'b:c', tag: 'd' }))).toBe('mismatch');
  });

  it('refuses an expired token', async () => {
    const { token } = await tokens.sign(binding, 'x', Math.floor(Date.now() / 1000) - 1);
    expect(await reason(tokens.verify(token, binding))).toBe('expired');
  });

  it('refuses a token signed with another secret, changed, or not a JWT', async () => {
    const { token } = await tokens.sign(binding, 'x', inOneHour());
    const other = new SessionTokens({ sessionSecret: `${SECRET}-other` });
    expect(await reason(other.verify(token, binding))).toBe('invalid');
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), tag: 'admin', aud: 'dispatch:session:shop:prd:admin' })).toString('base64url');
    expect(await reason(tokens.verify(`${header}.${forged}.${signature}`, { ...binding, tag: 'admin' }))).toBe('invalid');
    const changed = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await reason(tokens.verify(`${header}.${payload}.${changed}`, binding))).toBe('invalid');
    for (const junk of ['', 'abc', 'a.b.c', `${header}.${payload}.`]) expect(await reason(tokens.verify(junk, binding))).toBe('invalid');
  });

  it('refuses an unsigned token and one without an id, even under the right key', async () => {
    const { token } = await tokens.sign(binding, 'x', inOneHour());
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${token.split('.')[1]}.`;
    expect(await reason(tokens.verify(unsigned, binding))).toBe('invalid');
    const key = new Uint8Array(hkdfSync('sha256', SECRET, 'dispatch-session', 'session token hs256 v1', 32));
    const noJti = await new SignJWT({ ...binding, data: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('dispatch')
      .setAudience('dispatch:session:shop:prd:user')
      .setExpirationTime(inOneHour())
      .sign(key);
    expect(await reason(tokens.verify(noJti, binding))).toBe('invalid');
  });
});
