import type { JobEntity } from './entities/job.entity';
import { countRunsBetween, nextRunAfter } from './schedule';

export interface ClaimPlan {
  /** Due time of the next occurrence, or null when the claimed one is the last. */
  nextRunAt: number | null;
  /** Occurrences that fell due while no worker was running, recorded as skipped. */
  skipped: number;
  /** When the claimed occurrence was due. */
  dueAt?: number;
}

/**
 * What claiming occurrence n of a job implies for the rest of its schedule. A late occurrence is the
 * single catch-up run; the run times it overran are skipped and the schedule continues from now.
 */
export function planClaim(job: JobEntity, occurrence: number, now: number): ClaimPlan {
  if (!job.recurring) return { nextRunAt: null, skipped: 0 };
  const dueAt = job.nextRunAt?.getTime() ?? now;
  const limit = job.schedule.limit;
  if (limit !== undefined && occurrence >= limit) return { nextRunAt: null, skipped: 0 };
  let next = nextRunAfter(job.schedule, dueAt);
  let skipped = 0;
  if (next !== null && next <= now) {
    skipped = countRunsBetween(job.schedule, dueAt, now + 1);
    next = nextRunAfter(job.schedule, now);
  }
  return { nextRunAt: next, skipped };
}
