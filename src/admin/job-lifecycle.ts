import type { JobEntity } from '../scheduler/entities/job.entity';
import { pendingOccurrence } from '../scheduler/pending-occurrence';
import { nextRunAfter } from '../scheduler/schedule';

export type ResumePlan = { runAt: number; occurrence: number } | { runAt: null };

/**
 * When a paused job runs next, counted from now: a recurring job at its next run time after now
 * (none once its limit or end date is reached); a one-off at its start time, or now if that passed.
 */
export function resumePlan(job: Pick<JobEntity, 'recurring' | 'occurrence' | 'schedule' | 'nextRunAt'>, now: number, currentEnded = false): ResumePlan {
  if (!job.recurring) return { runAt: Math.max(job.nextRunAt?.getTime() ?? now, now), occurrence: pendingOccurrence(job, currentEnded) };
  const limit = job.schedule.limit;
  if (limit !== undefined && job.occurrence >= limit) return { runAt: null };
  const runAt = job.occurrence === 0 && job.schedule.startAt > now ? job.schedule.startAt : nextRunAfter(job.schedule, now);
  return runAt === null ? { runAt: null } : { runAt, occurrence: pendingOccurrence(job, currentEnded) };
}

/** Status of a job whose next run is at `runAt`: `queued` when that is now. */
export function waitingStatus(runAt: number, now: number): 'queued' | 'scheduled' {
  return runAt <= now ? 'queued' : 'scheduled';
}
