import { DomainError } from '../common/errors/domain-errors';

/** An admin action that the job's current status does not allow (409). */
export class JobStateError extends DomainError {
  readonly code = 'JOB_STATE';
  readonly httpStatus = 409;
  constructor(jobId: string, status: string, action: string, hint: string) {
    super(`Job '${jobId}' is ${status} and cannot be ${action}: ${hint}`);
  }
}
