import { SetMetadata } from '@nestjs/common';

/** Where `@FeatureHandler` keeps its tag on the decorated method. */
export const FEATURE_HANDLER_METADATA = 'dispatch:feature-handler';

/** What a feature handler learns about the run it serves, besides the feature's input. */
export interface FeatureHandlerContext {
  tag: string;
  product: string;
  env: string;
  jobId: string;
  occurrence: number;
  /** `<job_id>:<occurrence>`: pass it on as an idempotency key wherever the handler calls out. */
  occurrenceId: string;
  attempt: number;
  /** Aborted when the service shuts down past its grace period. */
  signal: AbortSignal;
}

/**
 * Serves `POST /features/dispatch` runs of `tag` with the decorated method of a provider of the host
 * app, called as `method(input, ctx)`; what it returns is the run's result. Throw `NonRetryableError`
 * for a failure that a retry cannot fix; any other error is retried as the job's `retries` allow.
 * A feature the registry declares for the product takes precedence over a handler of the same tag.
 *
 * ```ts
 * @Injectable()
 * export class Reports {
 *   @FeatureHandler('generate_daily_report')
 *   async daily(input: { day: string }, ctx: FeatureHandlerContext) { … }
 * }
 * ```
 */
export const FeatureHandler = (tag: string): MethodDecorator => SetMetadata(FEATURE_HANDLER_METADATA, tag);
