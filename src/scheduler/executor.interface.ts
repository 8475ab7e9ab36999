import { Inject } from '@nestjs/common';
import type { JobEntity } from './entities/job.entity';
import type { Namespace } from './job-status';

/** What an executor gets for one attempt of one occurrence (DESIGN §5). */
export interface ExecutionContext<TInput = Record<string, unknown>> {
  job: Readonly<JobEntity>;
  occurrence: number;
  /** `<job_id>:<occurrence>`: pass it on as an idempotency key wherever the target takes one. */
  occurrenceId: string;
  attempt: number;
  input: TInput;
  /** Aborted when the service shuts down past its grace period. */
  signal: AbortSignal;
}

/** Does the real work of one namespace. Throw `NonRetryableError` for failures a retry cannot fix. */
export interface JobExecutor<TInput = Record<string, unknown>, TResult = unknown> {
  execute(ctx: ExecutionContext<TInput>): Promise<TResult>;
}

/** The injection token of a namespace's executor; a host app overrides it to bring its own. */
export function getExecutorToken(namespace: Namespace): string {
  return `DispatchExecutor:${namespace}`;
}

/** Injects the executor of a namespace. */
export const InjectExecutor = (namespace: Namespace): ParameterDecorator => Inject(getExecutorToken(namespace));
