import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { SessionCipherError } from './session-errors';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds each ciphertext to this format: a v1 message cannot be replayed as another version's.
const AAD = Buffer.from(`dispatch-session-data:${VERSION}`);

/** Key derivation inputs, fixed so that every process derives the same key from the same secret. */
const HKDF_SALT = 'dispatch-session';
const HKDF_INFO = `session data aes-256-gcm ${VERSION}`;

export type SessionKeyConfig = Pick<DispatchConfig, 'sessionSecret' | 'sessionEncryptionKey'>;

/**
 * Encrypts session data for storage with a job (DESIGN §6): AES-256-GCM under a key derived with
 * HKDF from SESSION_ENCRYPTION_KEY, or from SESSION_SECRET when that is unset. A message is
 * `v1.<base64url(iv ‖ ciphertext ‖ tag)>`: a fresh 12-byte IV each time, so equal data never
 * encrypts alike, and a 16-byte tag, so any change is refused rather than decrypted into garbage.
 */
@Injectable()
export class SessionCipher {
  private readonly key: Buffer;

  constructor(@Inject(DISPATCH_CONFIG) config: SessionKeyConfig) {
    const secret = config.sessionEncryptionKey ?? config.sessionSecret;
    this.key = Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, HKDF_INFO, 32));
  }

  /** `data` must be JSON: what comes back from `decrypt` is its JSON reading. */
  encrypt(data: unknown): string {
    const json = JSON.stringify(data);
    if (json === undefined) throw new TypeError('Session data must be a JSON value');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** Throws SessionCipherError for another key, a changed message or an unknown format. */
  decrypt(text: string): unknown {
    const [version, payload, extra] = typeof text === 'string' ? text.split('.') : [];
    if (version !== VERSION || payload === undefined || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(payload)) {
      throw new SessionCipherError(`Session data is not in the ${VERSION} format`);
    }
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SessionCipherError('Session data is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    let json: string;
    try {
      json = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SessionCipherError('Session data could not be decrypted: it was changed, or encrypted with another key');
    }
    return JSON.parse(json) as unknown;
  }
}
