import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { InputTooLargeError } from '../common/errors/domain-errors';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { DispatchMetrics } from '../metrics/dispatch-metrics';
import { ResourceRegistry } from '../resources';
import { SessionCipher, SessionsService } from '../sessions';
import { DispatchChecks, JobSession } from './dispatch-checks';
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
 * The producer side: validates the schedule, the input's expressions, the session and the cache tag,
 * writes the job row, then queues its first occurrence when it falls within the horizon. The row is
 * committed first, so a crash in between loses nothing: the reconciler finds the due row and queues it.
 */
@Injectable()
export class SchedulerService {
  private readonly checks: DispatchChecks;

  constructor(
    private readonly jobs: JobStore,
    private readonly queue: OccurrenceQueue,
    private readonly idempotency: IdempotencyService,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    private readonly metrics: DispatchMetrics,
    registry: ResourceRegistry,
    sessions: SessionsService,
    cipher: SessionCipher,
  ) {
    this.checks = new DispatchChecks(registry, sessions, cipher);
  }

  async dispatch(request: DispatchRequest, idempotency?: IdempotencyContext): Promise<DispatchResult> {
    if (idempotency) {
      const earlier = await this.idempotency.find(idempotency);
      if (earlier) return earlier;
    }
    const inputText = JSON.stringify(request.input);
    const inputBytes = Buffer.byteLength(inputText);
    if (inputBytes > MAX_INPUT_BYTES) throw new InputTooLargeError(inputBytes, MAX_INPUT_BYTES);
    // Every expression starts with `$`: an input without one (the common case) skips the parse.
    if (inputText.includes('$')) this.checks.checkExpressions(request);
    if (request.cache != null) this.checks.checkCache(request.product, request.env, request.cache);
    const now = Date.now();
    const schedule = normalizeSchedule(request.schedule, now);
    const firstRun = firstRunAt(schedule);
    if (firstRun === null) throw new InvalidScheduleError('schedule', 'schedule: never runs before its endDate');
    // Last of the checks, as the only one that waits on I/O (the revocation list in Redis).
    const session = request.session ? await this.checks.openSession(request.product, request.env, request.session) : undefined;
    const job = this.newJob(request, schedule, firstRun, now, session);
    const result = toResult(job, firstRun);

    if (idempotency) {
      const winner = await this.idempotency.insertWithJob(idempotency, job, result);
      if (winner) return winner;
    } else {
      await this.jobs.insert(job);
    }
    this.metrics.jobsDispatched(job.namespace);
    if (firstRun - now <= this.config.horizonMs) {
      await this.queue.addOrDefer({ jobId: job.id, occurrence: 1, runAt: firstRun, retries: job.retries });
    }
    return result;
  }

  private newJob(request: DispatchRequest, schedule: Schedule, firstRun: number, now: number, session: JobSession | undefined): JobEntity {
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
    job.sessionTag = session?.sessionTag ?? null;
    job.sessionData = session?.sessionData ?? null;
    job.createdAt = new Date(now);
    job.updatedAt = job.createdAt;
    job.cancelledAt = null;
    job.version = 1;
    job.apiKeyId = request.apiKeyId ?? null;
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
