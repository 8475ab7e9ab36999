import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiScope, Caller } from './caller';

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The id stored with a job and shown in logs: the first 12 hex characters of sha256(key). It names a
 * key without revealing it; an operator finds it with `printf %s "$KEY" | sha256sum | cut -c1-12`.
 */
export function apiKeyId(key: string): string {
  return sha256(key).toString('hex').slice(0, 12);
}

/**
 * The key a request presents: `Authorization: Bearer <key>`, else `x-api-key`. Basic credentials are
 * taken only where a browser must authenticate without a way to set headers (`basic: true`): the
 * password is the key.
 */
export function presentedKey(headers: IncomingHttpHeaders, options: { basic?: boolean } = {}): string | undefined {
  const authorization = headers.authorization?.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  const header = headers['x-api-key'];
  const apiKey = (Array.isArray(header) ? header[0] : header)?.trim();
  if (apiKey) return apiKey;
  const basic = options.basic ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '') : null;
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (decoded.includes(':') && password) return password;
  }
  return undefined;
}

interface KeyEntry {
  digest: Buffer;
  caller: Caller;
}

/** The configured keys of both scopes, and the lookup of a presented key in constant time. */
export class ApiKeys {
  private readonly entries: KeyEntry[];

  constructor(dispatchKeys: readonly string[], adminKeys: readonly string[]) {
    const byKey = new Map<string, ApiScope>();
    // A key listed in both scopes is an admin key: the admin scope includes the dispatch one.
    for (const key of dispatchKeys) byKey.set(key, 'dispatch');
    for (const key of adminKeys) byKey.set(key, 'admin');
    this.entries = [...byKey].map(([key, scope]) => ({ digest: sha256(key), caller: { keyId: apiKeyId(key), scope } }));
    const ids = new Set(this.entries.map((e) => e.caller.keyId));
    if (ids.size !== this.entries.length) throw new Error('Two API keys share the same id (first 12 hex characters of sha256): replace one of them');
  }

  /** No key of either scope: every endpoint is open (refused at start-up in production). */
  get open(): boolean {
    return this.entries.length === 0;
  }

  /**
   * The caller a presented key stands for, or null for an unknown key. Both sides are hashed, so the
   * compared buffers have one length whatever was sent, and every configured key is compared, so the
   * time taken says nothing about which one matched or how much of it.
   */
  identify(presented: string): Caller | null {
    const digest = sha256(presented);
    let found: Caller | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest) && found === null) found = entry.caller;
    }
    return found;
  }
}
