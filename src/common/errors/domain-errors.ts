/**
 * Errors the domain raises, each with a stable code. `DomainExceptionFilter` maps them to HTTP, so
 * services never deal in status codes and messages live with the error that carries them.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: number;
  /** The request field at fault, when there is one. */
  readonly field?: string;
}

export class JobNotFoundError extends DomainError {
  readonly code = 'JOB_NOT_FOUND';
  readonly httpStatus = 404;
  constructor(readonly jobId: string) {
    super(`Job '${jobId}' not found`);
  }
}

export class JobFinishedError extends DomainError {
  readonly code = 'JOB_FINISHED';
  readonly httpStatus = 409;
  constructor(jobId: string, status: string) {
    super(`Job '${jobId}' is already ${status}`);
  }
}

export class IdempotencyConflictError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly httpStatus = 422;
  readonly field = 'Idempotency-Key';
  constructor() {
    super('Idempotency-Key was already used with a different request body');
  }
}

export class InvalidRequestError extends DomainError {
  readonly code = 'INVALID_REQUEST';
  readonly httpStatus = 400;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class InputTooLargeError extends DomainError {
  readonly code = 'INPUT_TOO_LARGE';
  readonly httpStatus = 413;
  readonly field = 'input';
  constructor(bytes: number, max: number) {
    super(`input is ${bytes} bytes as JSON; at most ${max} are accepted`);
  }
}
