import { DomainError } from '../common/errors/domain-errors';

export class ApiKeyMissingError extends DomainError {
  readonly code = 'API_KEY_MISSING';
  readonly httpStatus = 401;
  constructor() {
    super('An API key is required: send it as "Authorization: Bearer <key>" or "x-api-key: <key>"');
  }
}

export class ApiKeyInvalidError extends DomainError {
  readonly code = 'API_KEY_INVALID';
  readonly httpStatus = 401;
  constructor() {
    super('The API key is not valid');
  }
}

export class ApiKeyScopeError extends DomainError {
  readonly code = 'API_KEY_SCOPE';
  readonly httpStatus = 403;
  constructor(required: string) {
    super(`This endpoint needs a key of the ${required} scope (ADMIN_API_KEYS)`);
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly httpStatus = 429;
  constructor(limit: number, retryAfterSeconds: number) {
    super(`More than ${limit} requests in a minute from this API key or address; retry after ${retryAfterSeconds} s`);
  }
}
