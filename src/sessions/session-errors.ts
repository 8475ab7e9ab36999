import { DomainError } from '../common/errors/domain-errors';

export type InvalidSessionReason = 'invalid' | 'expired' | 'revoked' | 'mismatch';

const MESSAGES: Record<InvalidSessionReason, string> = {
  invalid: 'Session token is invalid',
  expired: 'Session token has expired',
  revoked: 'Session token has been revoked',
  mismatch: 'Session token was issued for another product, env or session tag',
};

/**
 * A session token that cannot be used: a 401. Messages never include the token or its contents.
 * `field` is the request field that held it (`token`, or `session.token` in a dispatch body).
 */
export class InvalidSessionError extends DomainError {
  readonly code = 'INVALID_SESSION';
  readonly httpStatus = 401;

  constructor(
    readonly reason: InvalidSessionReason,
    readonly field: string = 'token',
  ) {
    super(MESSAGES[reason]);
  }

  /** The same refusal for a token found under another request field. */
  forField(field: string): InvalidSessionError {
    return new InvalidSessionError(this.reason, field);
  }
}

/** Revocations live in Redis; without an answer from it a token cannot be known to be good. */
export class SessionStoreUnavailableError extends DomainError {
  readonly code = 'SESSION_STORE_UNAVAILABLE';
  readonly httpStatus = 503;

  constructor() {
    super('Session tokens cannot be checked right now (the session store did not answer); try again');
  }
}

/** Session data that does not decrypt: another key, or a changed ciphertext. */
export class SessionCipherError extends Error {
  override readonly name = 'SessionCipherError';
}
