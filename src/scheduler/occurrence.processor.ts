import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { v7 as uuidv7 } from 'uuid';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { ResourceRegistry } from '../resources';
import { SessionCipher } from '../sessions';
import { RunCache } from './cache/run-cache';
import type { JobEntity } from './entities/job.entity';
import { ExecutorRegistry } from './executor-registry';
import type { ClaimPlan } from './occurrence-claim';
import { OccurrenceData, OccurrenceQueue, occurrenceId } from './occurrence-queue';
import { OccurrenceTaker } from './occurrence-taker';
import { isRetryable, retryDelayMs } from './retry-policy';
import { RunInputs } from './run-input';
import { JobEffect, RunRecorder } from './run-recorder';
import { RunSlots } from './run-slots';

/** Carries the delay we chose to Bull's backoff strategy, so the row and Redis agree on the retry time. */
export class RetryScheduled extends Error {
  constructor(
    readonly cause: unknown,
    readonly retryDelayMs: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export type OccurrenceOutcome = 'completed' | 'skipped';

interface Attempt {
  job: JobEntity;
  attempt: number;
  /** Nothing is pending after this occurrence: its success completes the job. */
  last: boolean;
  /** When the occurrence was due, for the attempt that claimed it. */
  dueAt?: number;
}

/**
 * Runs one Bull job, i.e. one attempt of one occurrence (DESIGN §2): take it (skip what was cancelled,
 * paused or already done; claim the pending occurrence and chain the next one), execute, record.
 * Failures surface to Bull so that it retries with our backoff.
 */
@Injectable()
export class OccurrenceProcessor {
  private readonly logger = new Logger(OccurrenceProcessor.name);
  private readonly slots: RunSlots;
  private readonly inputs: RunInputs;
  private readonly cache: RunCache;

  constructor(
    private readonly taker: OccurrenceTaker,
    private readonly recorder: RunRecorder,
    private readonly queue: OccurrenceQueue,
    private readonly executors: ExecutorRegistry,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    registry: ResourceRegistry,
    cipher: SessionCipher,
  ) {
    this.slots = new RunSlots(config.workerConcurrency);
    this.inputs = new RunInputs(cipher);
    this.cache = new RunCache(() => queue.queue.client, config.queuePrefix, registry, cipher);
  }

  async process(bullJob: Job<OccurrenceData>, signal: AbortSignal): Promise<OccurrenceOutcome> {
    const { jobId, occurrence } = bullJob.data;
    const decision = await this.taker.take({ jobId, occurrence, deliveryAttempt: bullJob.attemptsMade + 1 });
    if (!decision.run) return 'skipped';
    const { job, attempt, last } = decision;
    if (decision.claim) await this.afterClaim(job, occurrence, decision.claim);
    await this.slots.acquire();
    try {
      return await this.run(bullJob, { job, attempt, last, dueAt: decision.claim?.dueAt }, signal);
    } finally {
      this.slots.release();
    }
  }

  /** Executes one attempt in a held slot and records its outcome. */
  private async run(bullJob: Job<OccurrenceData>, { job, attempt, last, dueAt }: Attempt, signal: AbortSignal): Promise<OccurrenceOutcome> {
    const { jobId, occurrence } = bullJob.data;
    const id = occurrenceId(jobId, occurrence);
    const startedAt = new Date();
    const latenessMs = dueAt === undefined ? null : Math.max(0, startedAt.getTime() - dueAt);
    const run = { id: uuidv7(), jobId, occurrence, attempt, startedAt, latenessMs };
    let result: unknown;
    let cached = false;
    try {
      // Inside the try: an expression that cannot be evaluated fails the run like the executor would.
      const ctx = { job, occurrence, occurrenceId: id, attempt, input: this.inputs.resolve(job), signal };
      const executor = this.executors.get(job.namespace);
      if (!job.cache) result = await executor.execute(ctx);
      else ({ result, cached } = await this.cache.execute(job.cache, ctx, executor));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const willRetry = isRetryable(error) && attempt <= job.retries;
      const finishedAt = new Date();
      const ended = { ...run, status: 'failed' as const, willRetry, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime(), result: failureResult(error), error: message };
      if (!willRetry) {
        await bullJob.discard();
        this.recorder.record({ job, run: ended, effect: { kind: 'fail', error: message, last } });
        this.logger.warn(`Occurrence ${id} attempt ${attempt} failed for good: ${message}`);
        throw error;
      }
      const delay = retryDelayMs(attempt);
      this.recorder.record({ job, run: ended, effect: { kind: 'retry', error: message, retryAt: new Date(finishedAt.getTime() + delay) } });
      this.logger.warn(`Occurrence ${id} attempt ${attempt} failed, retrying in ${delay} ms: ${message}`);
      throw new RetryScheduled(error, delay);
    }
    const finishedAt = new Date();
    const effect: JobEffect = last ? { kind: 'complete' } : { kind: 'none' };
    this.recorder.record({
      job,
      run: { ...run, status: cached ? 'cached' : 'completed', willRetry: false, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime(), result, error: null },
      effect,
    });
    return 'completed';
  }

  /** Chains the next occurrence into Redis when it is near, and records the run times missed in downtime. */
  private async afterClaim(job: JobEntity, occurrence: number, plan: ClaimPlan): Promise<void> {
    const now = Date.now();
    if (plan.nextRunAt !== null && plan.nextRunAt - now <= this.config.horizonMs) {
      await this.queue.addOrDefer({ jobId: job.id, occurrence: occurrence + 1, runAt: plan.nextRunAt, retries: job.retries });
    }
    if (plan.skipped > 0) {
      await this.recorder.recordSkipped(job, occurrence, plan.skipped, new Date(plan.dueAt ?? now), new Date(now));
      this.logger.warn(`Job ${job.id}: ${plan.skipped} occurrence(s) missed while no worker ran were skipped`);
    }
  }
}

/** What a failed attempt got before it failed (a response, per-recipient outcomes), when its error carries it. */
function failureResult(error: unknown): unknown {
  return (error as { result?: unknown } | null)?.result ?? null;
}
