import { Inject, Provider, Type } from '@nestjs/common';
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

/** The executors this project ships; any other provider of the same token replaces them. */
const BUILT_IN_EXECUTORS = new Set<Type>();

/** How a namespace module provides its own executor, so that a host's provider of the token wins over it. */
export function builtInExecutor(namespace: Namespace, executor: Type): Provider {
  BUILT_IN_EXECUTORS.add(executor);
  return { provide: getExecutorToken(namespace), useClass: executor };
}

export function isBuiltInExecutor(executor: JobExecutor): boolean {
  return BUILT_IN_EXECUTORS.has(executor.constructor as Type);
}
