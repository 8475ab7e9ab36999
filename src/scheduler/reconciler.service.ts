import { Inject, Injectable, Logger } from '@nestjs/common';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import type { JobEntity } from './entities/job.entity';
import { JobStore } from './job-store';
import { OccurrenceQueue } from './occurrence-queue';
import { pendingOccurrence } from './pending-occurrence';
import { RunStore } from './run-store';

const PAGE = 1000;

export interface ReconcileReport {
  pending: number;
  running: number;
}

/**
 * Copies MySQL's view of what is due into Redis (DESIGN §2). Adding is idempotent, so this can run on
 * every instance, at boot and on an interval: it restores occurrences Redis lost and brings in those
 * that were beyond the horizon when they were dispatched.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);
  private running: Promise<ReconcileReport> | null = null;

  constructor(
    private readonly jobs: JobStore,
    private readonly queue: OccurrenceQueue,
    private readonly runs: RunStore,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  /** One pass; concurrent callers share the pass in progress. */
  reconcile(): Promise<ReconcileReport> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<ReconcileReport> {
    const now = Date.now();
    const until = new Date(now + this.config.horizonMs);
    let pending = 0;
    let cursor: { nextRunAt: Date; id: string } | null = null;
    for (;;) {
      const rows = await this.jobs.findPending(until, cursor, PAGE);
      const ended = await this.runs.withEndedOccurrence(rows);
      await Promise.all(rows.map((job) => this.queue.add(this.pendingOf(job, ended.has(job.id)))));
      pending += rows.length;
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      cursor = { nextRunAt: last.nextRunAt as Date, id: last.id };
    }
    // A worker that died mid-run leaves its occurrence active in Redis, where Bull's stall check retakes it;
    // if Redis lost it as well, only this re-add brings it back.
    const stale = await this.jobs.findLongRunning(new Date(now - 2 * this.config.lockDurationMs), PAGE);
    await Promise.all(
      stale.map((job) => this.queue.add({ jobId: job.id, occurrence: job.occurrence, runAt: now, retries: job.retries })),
    );
    if (pending + stale.length > 0) this.logger.debug(`Reconciled ${pending} pending and ${stale.length} running occurrence(s)`);
    return { pending, running: stale.length };
  }

  private pendingOf(job: JobEntity, currentEnded: boolean) {
    return { jobId: job.id, occurrence: pendingOccurrence(job, currentEnded), runAt: (job.nextRunAt as Date).getTime(), retries: job.retries };
  }
}
