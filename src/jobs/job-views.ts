import type { JobEntity } from '../scheduler/entities/job.entity';
import type { JobRunEntity } from '../scheduler/entities/job-run.entity';
import { FINISHED_STATUSES } from '../scheduler/job-status';
import { upcomingRuns } from '../scheduler/schedule';
import type { JobRunViewDto, JobViewDto } from './dto/job-view.dto';

const ms = (date: Date | null): number | null => (date ? date.getTime() : null);

export function toJobView(job: JobEntity): JobViewDto {
  return {
    id: job.id,
    namespace: job.namespace,
    env: job.env,
    product: job.product,
    target: job.target,
    event: job.event,
    status: job.status,
    schedule: job.schedule as unknown as Record<string, unknown>,
    recurring: job.recurring,
    retries: job.retries,
    run_count: job.runCount,
    failure_count: job.failureCount,
    next_run_at: ms(job.nextRunAt),
    last_run_at: ms(job.lastRunAt),
    last_error: job.lastError,
    upcoming_runs: upcoming(job),
    created_at: job.createdAt.getTime(),
    updated_at: job.updatedAt.getTime(),
    cancelled_at: ms(job.cancelledAt),
  };
}

/** The next five run times from the pending one; none for a job that will not run again. */
function upcoming(job: JobEntity): number[] {
  if (FINISHED_STATUSES.includes(job.status) || job.status === 'paused' || !job.nextRunAt) return [];
  if (!job.recurring) return [job.nextRunAt.getTime()];
  return upcomingRuns(job.schedule, job.nextRunAt.getTime(), 5, job.occurrence);
}

export function toRunView(run: JobRunEntity): JobRunViewDto {
  return {
    id: run.id,
    occurrence: run.occurrence,
    attempt: run.attempt,
    status: run.status,
    will_retry: run.willRetry,
    started_at: run.startedAt.getTime(),
    finished_at: ms(run.finishedAt),
    duration_ms: run.durationMs,
    result: run.result,
    error: run.error,
  };
}
