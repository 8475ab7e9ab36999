import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { v7 as uuidv7 } from 'uuid';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import type { JobEntity } from './entities/job.entity';
import { ExecutorRegistry } from './executor-registry';
import { JobStore } from './job-store';
import { planClaim } from './occurrence-claim';
import { OccurrenceData, OccurrenceQueue, occurrenceId } from './occurrence-queue';
import { isRetryable, retryDelayMs } from './retry-policy';
import { RunStore } from './run-store';

/** Carries the delay we chose to Bull's backoff strategy, so the row and Redis agree on the retry time. */
export class RetryScheduled extends Error {
  constructor(
    readonly cause: unknown,
    readonly retryDelayMs: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export type OccurrenceOutcome = 'completed' | 'failed' | 'skipped' | 'fenced';

/**
 * Runs one Bull job, i.e. one attempt of one occurrence (DESIGN §2): load the row, skip what was
 * cancelled or already done, claim the occurrence and chain the next one, execute, record the attempt.
 * Failures surface to Bull so that it retries with our backoff.
 */
@Injectable()
export class OccurrenceProcessor {
  private readonly logger = new Logger(OccurrenceProcessor.name);

  constructor(
    private readonly jobs: JobStore,
    private readonly runs: RunStore,
    private readonly queue: OccurrenceQueue,
    private readonly executors: ExecutorRegistry,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async process(bullJob: Job<OccurrenceData>, signal: AbortSignal): Promise<OccurrenceOutcome> {
    const { jobId, occurrence } = bullJob.data;
    const attempt = bullJob.attemptsMade + 1;
    const job = await this.jobs.load(jobId);
    if (!job || !(await this.take(job, occurrence, attempt))) return 'skipped';
    const last = this.isLastOccurrence(job, occurrence);

    const runId = uuidv7();
    const startedAt = new Date();
    await this.runs.start({ id: runId, jobId, occurrence, attempt, startedAt });
    this.logger.debug(`Occurrence ${occurrenceId(jobId, occurrence)} attempt ${attempt} started`);
    try {
      const result = await this.executors.get(job.namespace).execute({
        job,
        occurrence,
        occurrenceId: occurrenceId(jobId, occurrence),
        attempt,
        input: job.input,
        signal,
      });
      const finishedAt = new Date();
      const ours = await this.runs.finish({
        id: runId,
        status: 'completed',
        willRetry: false,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        result,
        error: null,
      });
      if (!ours) return 'fenced';
      if (last) await this.jobs.complete(jobId);
      this.logger.debug(`Occurrence ${occurrenceId(jobId, occurrence)} completed`);
      return 'completed';
    } catch (error) {
      return this.fail(bullJob, job, { runId, startedAt, attempt, last }, error);
    }
  }

  /**
   * Decides whether this delivery may run. A first attempt of the pending occurrence claims it; a retry,
   * or a redelivery after a worker died, runs only while the occurrence has not ended.
   */
  private async take(job: JobEntity, occurrence: number, attempt: number): Promise<boolean> {
    if (job.status === 'cancelled' || job.status === 'paused' || job.status === 'completed' || job.status === 'failed') return false;
    if (occurrence === job.occurrence + 1 && attempt === 1) return this.claim(job, occurrence);
    if (occurrence > job.occurrence) return false;
    if (await this.runs.hasEnded(job.id, occurrence)) {
      // A copy of a finished occurrence (re-added after Redis lost it): settle the row if it lagged.
      if (this.isLastOccurrence(job, occurrence) && job.status === 'running') await this.jobs.complete(job.id);
      return false;
    }
    if (!job.recurring && job.status === 'queued') await this.jobs.resumeRetry(job.id, occurrence);
    return true;
  }

  private async claim(job: JobEntity, occurrence: number): Promise<boolean> {
    const now = Date.now();
    const dueAt = job.nextRunAt ?? new Date(now);
    const plan = planClaim(job, occurrence, now);
    const nextRunAt = plan.nextRunAt === null ? null : new Date(plan.nextRunAt);
    const held = await this.jobs.claim({ jobId: job.id, occurrence, status: nextRunAt ? 'scheduled' : 'running', nextRunAt });
    if (!held) return false;
    job.occurrence = occurrence;
    job.nextRunAt = nextRunAt;
    job.status = nextRunAt ? 'scheduled' : 'running';
    if (plan.nextRunAt !== null && plan.nextRunAt - now <= this.config.horizonMs) {
      await this.queue.addOrDefer({ jobId: job.id, occurrence: occurrence + 1, runAt: plan.nextRunAt, retries: job.retries });
    }
    if (plan.skipped > 0) {
      await this.runs.recordSkipped(uuidv7(), job.id, occurrence, plan.skipped, dueAt, new Date(now));
      this.logger.warn(`Job ${job.id}: ${plan.skipped} occurrence(s) missed while no worker ran were skipped`);
    }
    return true;
  }

  /** The occurrence after which nothing is pending: a one-off job's only one, a schedule's final one. */
  private isLastOccurrence(job: JobEntity, occurrence: number): boolean {
    return !job.recurring || (occurrence === job.occurrence && job.nextRunAt === null);
  }

  private async fail(
    bullJob: Job<OccurrenceData>,
    job: JobEntity,
    run: { runId: string; startedAt: Date; attempt: number; last: boolean },
    error: unknown,
  ): Promise<never> {
    const message = error instanceof Error ? error.message : String(error);
    const willRetry = isRetryable(error) && run.attempt <= job.retries;
    const finishedAt = new Date();
    const ours = await this.runs.finish({
      id: run.runId,
      status: 'failed',
      willRetry,
      finishedAt,
      durationMs: finishedAt.getTime() - run.startedAt.getTime(),
      result: null,
      error: message,
    });
    const where = `Occurrence ${occurrenceId(job.id, bullJob.data.occurrence)} attempt ${run.attempt}`;
    if (!willRetry) {
      await bullJob.discard();
      if (ours) await this.jobs.noteFailure(job, message, run.last);
      this.logger.warn(`${where} failed for good: ${message}`);
      throw error;
    }
    const delay = retryDelayMs(run.attempt);
    if (ours) await this.jobs.noteRetry(job, message, new Date(finishedAt.getTime() + delay));
    this.logger.warn(`${where} failed, retrying in ${delay} ms: ${message}`);
    throw new RetryScheduled(error, delay);
  }
}
