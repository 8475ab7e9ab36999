import { createHash } from 'node:crypto';
import { ApiKeys, apiKeyId, presentedKey } from './api-keys';

const DISPATCH = 'dispatch-key-0123456789abcdef';
const ADMIN = 'admin-key-0123456789abcdef-xyz';

describe('apiKeyId', () => {
  it('is the first 12 hex characters of sha256(key), and never contains the key', () => {
    expect(apiKeyId(DISPATCH)).toBe(createHash('sha256').update(DISPATCH).digest('hex').slice(0, 12));
    expect(apiKeyId(DISPATCH)).not.toBe(apiKeyId(ADMIN));
    expect(apiKeyId('x'.repeat(12))).not.toContain('x');
  });
});

describe('presentedKey', () => {
  it('takes a Bearer token first, then x-api-key', () => {
    expect(presentedKey({ authorization: `Bearer ${DISPATCH}` })).toBe(DISPATCH);
    expect(presentedKey({ authorization: `bearer   ${DISPATCH}` })).toBe(DISPATCH);
    expect(presentedKey({ 'x-api-key': ` ${ADMIN} ` })).toBe(ADMIN);
    expect(presentedKey({ authorization: `Bearer ${DISPATCH}`, 'x-api-key': ADMIN })).toBe(DISPATCH);
  });

  it('finds nothing in an empty or other Authorization scheme, and reads Basic only when asked', () => {
    const basic = `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`;
    expect(presentedKey({})).toBeUndefined();
    expect(presentedKey({ authorization: 'Bearer' })).toBeUndefined();
    expect(presentedKey({ 'x-api-key': '  ' })).toBeUndefined();
    expect(presentedKey({ authorization: basic })).toBeUndefined();
    expect(presentedKey({ authorization: basic }, { basic: true })).toBe(ADMIN);
    expect(presentedKey({ authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }, { basic: true })).toBeUndefined();
    expect(presentedKey({ authorization: `Basic ${Buffer.from('user:').toString('base64')}` }, { basic: true })).toBeUndefined();
  });
});

describe('ApiKeys', () => {
  it('is open without keys', () => {
    expect(new ApiKeys([], []).open).toBe(true);
    expect(new ApiKeys([DISPATCH], []).open).toBe(false);
  });

  it('identifies each key with its scope and id, and nothing else', () => {
    const keys = new ApiKeys([DISPATCH], [ADMIN]);
    expect(keys.identify(DISPATCH)).toEqual({ keyId: apiKeyId(DISPATCH), scope: 'dispatch' });
    expect(keys.identify(ADMIN)).toEqual({ keyId: apiKeyId(ADMIN), scope: 'admin' });
    expect(keys.identify(DISPATCH.slice(0, -1))).toBeNull();
    expect(keys.identify(`${DISPATCH}x`)).toBeNull();
    expect(keys.identify('')).toBeNull();
    expect(keys.identify(DISPATCH.toUpperCase())).toBeNull();
  });

  it('treats a key listed in both scopes as an admin key', () => {
    expect(new ApiKeys([ADMIN], [ADMIN]).identify(ADMIN)?.scope).toBe('admin');
  });
});
