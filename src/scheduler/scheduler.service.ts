import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { InputTooLargeError } from '../common/errors/domain-errors';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { DispatchRequest, DispatchResult, IdempotencyContext } from './dispatch-request';
import { JobEntity } from './entities/job.entity';
import { JobStore } from './job-store';
import { OccurrenceQueue } from './occurrence-queue';
import { firstRunAt, InvalidScheduleError, isRecurring, normalizeSchedule, Schedule } from './schedule';

/**
 * Largest input a job keeps in its row. Bulk data (an upload's bytes) is staged by its namespace
 * instead, so that rows stay small and batched inserts stay under the server's packet size.
 */
export const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * The producer side: validates the schedule, writes the job row, then queues its first occurrence when
 * it falls within the horizon. The row is committed first, so a crash in between loses nothing: the
 * reconciler finds the due row and queues it.
 */
@Injectable()
export class SchedulerService {
  constructor(
    private readonly jobs: JobStore,
    private readonly queue: OccurrenceQueue,
    private readonly idempotency: IdempotencyService,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async dispatch(request: DispatchRequest, idempotency?: IdempotencyContext): Promise<DispatchResult> {
    if (idempotency) {
      const earlier = await this.idempotency.find(idempotency);
      if (earlier) return earlier;
    }
    const inputBytes = Buffer.byteLength(JSON.stringify(request.input));
    if (inputBytes > MAX_INPUT_BYTES) throw new InputTooLargeError(inputBytes, MAX_INPUT_BYTES);
    const now = Date.now();
    const schedule = normalizeSchedule(request.schedule, now);
    const firstRun = firstRunAt(schedule);
    if (firstRun === null) throw new InvalidScheduleError('schedule', 'schedule: never runs before its endDate');
    const job = this.newJob(request, schedule, firstRun, now);
    const result = toResult(job, firstRun);

    if (idempotency) {
      const winner = await this.idempotency.insertWithJob(idempotency, job, result);
      if (winner) return winner;
    } else {
      await this.jobs.insert(job);
    }
    if (firstRun - now <= this.config.horizonMs) {
      await this.queue.addOrDefer({ jobId: job.id, occurrence: 1, runAt: firstRun, retries: job.retries });
    }
    return result;
  }

  private newJob(request: DispatchRequest, schedule: Schedule, firstRun: number, now: number): JobEntity {
    const job = new JobEntity();
    job.id = uuidv7();
    job.namespace = request.namespace;
    job.env = request.env;
    job.product = request.product;
    job.target = request.target;
    job.event = request.event;
    job.input = request.input;
    job.retries = request.retries ?? 0;
    job.schedule = schedule;
    job.recurring = isRecurring(schedule);
    job.tz = schedule.tz ?? null;
    job.status = firstRun <= now ? 'queued' : 'scheduled';
    job.occurrence = 0;
    job.runCount = 0;
    job.failureCount = 0;
    job.nextRunAt = new Date(firstRun);
    job.lastRunAt = null;
    job.lastError = null;
    job.cache = request.cache ?? null;
    job.sessionTag = null;
    job.sessionData = null;
    job.createdAt = new Date(now);
    job.updatedAt = job.createdAt;
    job.cancelledAt = null;
    job.version = 1;
    return job;
  }
}

function toResult(job: JobEntity, firstRun: number): DispatchResult {
  const result: DispatchResult = {
    job_id: job.id,
    status: job.status === 'queued' ? 'queued' : 'scheduled',
    scheduled_at: firstRun,
    recurring: job.recurring,
  };
  if (job.recurring) result.next_run_at = firstRun;
  return result;
}
