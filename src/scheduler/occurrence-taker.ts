import { Injectable } from '@nestjs/common';
import type { JobEntity } from './entities/job.entity';
import { FINISHED_STATUSES } from './job-status';
import { JobStore, OccurrenceClaim } from './job-store';
import { MicroBatcher } from './micro-batcher';
import { ClaimPlan, planClaim } from './occurrence-claim';
import { RunStore } from './run-store';

export interface TakeRequest {
  jobId: string;
  occurrence: number;
  /** Bull's count for this delivery: 1 for a first delivery, n after n - 1 failed attempts. */
  deliveryAttempt: number;
}

export type TakeDecision =
  | { run: false }
  | {
      run: true;
      job: JobEntity;
      attempt: number;
      /** Nothing is pending after this occurrence: its success completes the job. */
      last: boolean;
      /** Set when this delivery claimed the occurrence: what follows it in the schedule. */
      claim?: ClaimPlan;
    };

/**
 * Decides, for a batch of Bull deliveries at once, which may run (DESIGN §2, fencing). A first delivery
 * of the pending occurrence claims it with a conditional UPDATE; a retry, or a redelivery after a worker
 * died or Redis lost the occurrence, runs only while the occurrence has not ended. The common path costs
 * one SELECT and one UPDATE per batch.
 */
@Injectable()
export class OccurrenceTaker {
  private readonly batches = new MicroBatcher<TakeRequest, TakeDecision>((requests) => this.takeMany(requests));

  constructor(
    private readonly jobs: JobStore,
    private readonly runs: RunStore,
  ) {}

  take(request: TakeRequest): Promise<TakeDecision> {
    return this.batches.submit(request);
  }

  private async takeMany(requests: TakeRequest[]): Promise<TakeDecision[]> {
    const now = Date.now();
    // A one-off job's first occurrence needs nothing from its row to be claimed, so that claim runs
    // beside the SELECT instead of after it: the common path costs one round trip to the database.
    const firstDeliveries = requests.filter((r) => r.occurrence === 1 && r.deliveryAttempt === 1).map((r) => r.jobId);
    const [rows, claimedOneOffs] = await Promise.all([
      this.jobs.loadMany(requests.map((r) => r.jobId)),
      firstDeliveries.length > 0 ? this.jobs.claimOneOffs(firstDeliveries, new Date(now)) : new Set<string>(),
    ]);
    const decisions: Array<Promise<TakeDecision> | TakeDecision> = [];
    const claims: Array<{ index: number; claim: OccurrenceClaim; plan: ClaimPlan; job: JobEntity }> = [];
    requests.forEach((request, index) => {
      const job = rows[index];
      if (job && !job.recurring && request.occurrence === 1 && request.deliveryAttempt === 1) {
        decisions[index] = this.oneOffFirstDelivery(job, request, claimedOneOffs.has(job.id), now);
      } else if (!job || FINISHED_STATUSES.includes(job.status) || job.status === 'paused' || request.occurrence > job.occurrence + 1) {
        decisions[index] = { run: false };
      } else if (request.occurrence === job.occurrence + 1 && request.deliveryAttempt === 1) {
        const plan = planClaim(job, request.occurrence, now);
        const nextRunAt = plan.nextRunAt === null ? null : new Date(plan.nextRunAt);
        claims.push({ index, plan, job, claim: { jobId: job.id, occurrence: request.occurrence, status: nextRunAt ? 'scheduled' : 'running', nextRunAt } });
      } else if (request.occurrence === job.occurrence + 1) {
        // A retry of an occurrence that was never claimed cannot happen; a stale copy can.
        decisions[index] = { run: false };
      } else {
        decisions[index] = this.redelivery(job, request);
      }
    });
    if (claims.length > 0) {
      const held = await this.jobs.claimMany(claims.map((c) => c.claim));
      claims.forEach(({ index, plan, job, claim }, i) => {
        if (!held[i]) {
          decisions[index] = { run: false };
          return;
        }
        const dueAt = job.nextRunAt;
        Object.assign(job, { occurrence: claim.occurrence, status: claim.status, nextRunAt: claim.nextRunAt, runCount: job.runCount + 1 });
        decisions[index] = { run: true, job, attempt: 1, last: claim.nextRunAt === null, claim: { ...plan, dueAt: dueAt?.getTime() ?? now } };
      });
    }
    return Promise.all(decisions);
  }

  /** The SELECT beside the claim may have read the row before or after it: the claim's own answer decides. */
  private oneOffFirstDelivery(job: JobEntity, request: TakeRequest, claimed: boolean, now: number): TakeDecision | Promise<TakeDecision> {
    if (claimed) {
      const dueAt = job.occurrence === 0 ? job.nextRunAt : null;
      Object.assign(job, { occurrence: 1, status: 'running', nextRunAt: null, runCount: Math.max(job.runCount, 1) });
      return { run: true, job, attempt: 1, last: true, claim: { nextRunAt: null, skipped: 0, dueAt: dueAt?.getTime() ?? now } };
    }
    // Not claimable: cancelled, paused or finished, or claimed before (a redelivery after a worker died).
    if (job.occurrence === 0 || FINISHED_STATUSES.includes(job.status) || job.status === 'paused') return { run: false };
    return this.redelivery(job, request);
  }

  /**
   * An occurrence already claimed: run it again unless it ended, numbering the attempt after the last
   * recorded. Only the row's current occurrence can be its last: a copy of an earlier one (a one-off job
   * retried from the admin API is on its second occurrence) must not settle the row of a later one.
   */
  private async redelivery(job: JobEntity, request: TakeRequest): Promise<TakeDecision> {
    const state = await this.runs.attemptState(job.id, request.occurrence);
    const last = request.occurrence === job.occurrence && (!job.recurring || job.nextRunAt === null);
    if (state.succeeded || state.failed) {
      // A copy of an ended occurrence, re-added because its job row still says running: settle the row.
      if (last && job.status === 'running') {
        if (state.succeeded) await this.jobs.completeMany([job.id]);
        else await this.jobs.noteFailure(job, job.lastError ?? 'failed', true);
      }
      return { run: false };
    }
    if (!job.recurring && job.status === 'queued') await this.jobs.resumeRetry(job.id, request.occurrence);
    return { run: true, job, attempt: Math.max(request.deliveryAttempt, state.lastAttempt + 1), last };
  }
}
