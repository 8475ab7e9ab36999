import type { JobEntity } from '../scheduler/entities/job.entity';
import { nextRunAfter } from '../scheduler/schedule';

/**
 * The occurrence a job waits for: the next one of a recurring job; for a one-off, its only one
 * (occurrence 1, also while a retry of it is pending).
 */
export function pendingOccurrence(job: Pick<JobEntity, 'recurring' | 'occurrence'>): number {
  return job.recurring ? job.occurrence + 1 : Math.max(1, job.occurrence);
}

export type ResumePlan = { runAt: number; occurrence: number } | { runAt: null };

/**
 * When a paused job runs next, counted from now: a recurring job at its next run time after now
 * (none once its limit or end date is reached); a one-off at its start time, or now if that passed.
 */
export function resumePlan(job: Pick<JobEntity, 'recurring' | 'occurrence' | 'schedule' | 'nextRunAt'>, now: number): ResumePlan {
  if (!job.recurring) return { runAt: Math.max(job.nextRunAt?.getTime() ?? now, now), occurrence: pendingOccurrence(job) };
  const limit = job.schedule.limit;
  if (limit !== undefined && job.occurrence >= limit) return { runAt: null };
  const runAt = job.occurrence === 0 && job.schedule.startAt > now ? job.schedule.startAt : nextRunAfter(job.schedule, now);
  return runAt === null ? { runAt: null } : { runAt, occurrence: pendingOccurrence(job) };
}

/** Status of a job whose next run is at `runAt`: `queued` when that is now. */
export function waitingStatus(runAt: number, now: number): 'queued' | 'scheduled' {
  return runAt <= now ? 'queued' : 'scheduled';
}
