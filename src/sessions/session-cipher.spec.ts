import { SessionCipher } from './session-cipher';
import { SessionCipherError } from './session-errors';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const cipher = new SessionCipher({ sessionSecret: SECRET });

function flipByte(text: string, index: number): string {
  const [version, payload] = text.split('.');
  const bytes = Buffer.from(payload, 'base64url');
  bytes[index] ^= 0x01;
  return `${version}.${bytes.toString('base64url')}`;
}

describe('SessionCipher', () => {
  it('gives back what it encrypted, for any JSON value', () => {
    for (const data of [{ user: { email: 'ann@shop.test', id: 7 } }, [1, 'two', null], 'text', 0, false, null, { é: '😀' }]) {
      expect(cipher.decrypt(cipher.encrypt(data))).toEqual(data);
    }
  });

  it('writes a versioned compact message that hides the data and never repeats', () => {
    const data = { user: { email: 'ann@shop.test' } };
    const first = cipher.encrypt(data);
    const second = cipher.encrypt(data);
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('ann');
    expect(Buffer.from(first.slice(3), 'base64url').toString('latin1')).not.toContain('ann@shop.test');
    // 12-byte IV + JSON + 16-byte tag
    expect(Buffer.from(first.slice(3), 'base64url')).toHaveLength(12 + JSON.stringify(data).length + 16);
  });

  it('refuses a message changed anywhere: IV, ciphertext or tag', () => {
    const text = cipher.encrypt({ role: 'user' });
    const length = Buffer.from(text.slice(3), 'base64url').length;
    for (const index of [0, 11, 12, length - 17, length - 16, length - 1]) {
      expect(() => cipher.decrypt(flipByte(text, index))).toThrow(SessionCipherError);
    }
  });

  it('refuses other formats and other keys', () => {
    const text = cipher.encrypt({ a: 1 });
    for (const bad of ['', 'v1', 'v1.', `v2${text.slice(2)}`, `${text}.x`, 'v1.AAAA', 'v1.not base64!']) {
      expect(() => cipher.decrypt(bad)).toThrow(SessionCipherError);
    }
    expect(() => new SessionCipher({ sessionSecret: `${SECRET}-other` }).decrypt(text)).toThrow(
      'Session data could not be decrypted: it was changed, or encrypted with another key',
    );
  });

  it('derives its key from SESSION_ENCRYPTION_KEY when set, else from SESSION_SECRET', () => {
    const dedicated = new SessionCipher({ sessionSecret: SECRET, sessionEncryptionKey: 'another-key-of-at-least-32-characters!!' });
    const text = dedicated.encrypt({ a: 1 });
    expect(() => cipher.decrypt(text)).toThrow(SessionCipherError);
    expect(new SessionCipher({ sessionSecret: 'whatever-else', sessionEncryptionKey: 'another-key-of-at-least-32-characters!!' }).decrypt(text)).toEqual({ a: 1 });
    expect(new SessionCipher({ sessionSecret: SECRET }).decrypt(cipher.encrypt({ b: 2 }))).toEqual({ b: 2 });
  });

  it('refuses data that is not JSON', () => {
    expect(() => cipher.encrypt(undefined)).toThrow('Session data must be a JSON value');
  });
});
