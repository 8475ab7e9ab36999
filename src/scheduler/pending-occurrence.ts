import type { JobEntity } from './entities/job.entity';

/**
 * The occurrence a waiting job (scheduled, queued or paused) runs next. For a recurring job, the one
 * after the last claimed. For a one-off job, its first, or the one whose failed attempt waits for
 * Bull's backoff in `queued`; but once that one has ended for good, a retry from the admin API has
 * given the job one more occurrence. `currentEnded` says whether occurrence `job.occurrence` has a final
 * run (`RunStore.withEndedOccurrence`).
 */
export function pendingOccurrence(job: Pick<JobEntity, 'recurring' | 'occurrence'>, currentEnded: boolean): number {
  if (job.recurring || (job.occurrence >= 1 && currentEnded)) return job.occurrence + 1;
  return Math.max(1, job.occurrence);
}
