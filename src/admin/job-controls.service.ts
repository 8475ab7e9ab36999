import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { InvalidRequestError, JobFinishedError } from '../common/errors/domain-errors';
import { JobsService } from '../jobs/jobs.service';
import { JobEntity } from '../scheduler/entities/job.entity';
import { JobStore } from '../scheduler/job-store';
import { FINISHED_STATUSES } from '../scheduler/job-status';
import { OccurrenceQueue } from '../scheduler/occurrence-queue';
import { pendingOccurrence } from '../scheduler/pending-occurrence';
import { RunStore } from '../scheduler/run-store';
import { firstRunAt, isRecurring, normalizeSchedule, ScheduleInput } from '../scheduler/schedule';
import { toAdminJobView } from './admin-job-views';
import { AdminJobsService } from './admin-jobs.service';
import type { AdminJobViewDto } from './dto/admin-job-view.dto';
import { JobStateError } from './job-state.error';
import { resumePlan, waitingStatus } from './job-lifecycle';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

/** Statuses in which a job waits for its next run and so can be paused or rescheduled. */
const WAITING = ['scheduled', 'queued'];

/**
 * Operator actions on one job. Each is a conditional UPDATE on the row (MySQL decides), then the
 * matching change in Redis; should that second step be lost, the reconciler restores Redis from the row.
 */
@Injectable()
export class JobControlsService {
  constructor(
    @InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly adminJobs: AdminJobsService,
    private readonly clientJobs: JobsService,
    private readonly store: JobStore,
    private readonly queue: OccurrenceQueue,
    private readonly runs: RunStore,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async cancel(id: string): Promise<AdminJobViewDto> {
    await this.clientJobs.cancel(id);
    return this.view(id);
  }

  /** Stops a waiting job from running until it is resumed; its pending occurrence leaves Redis. */
  async pause(id: string, note?: string): Promise<AdminJobViewDto> {
    const job = await this.adminJobs.find(id);
    const changed = await this.update(id, "status = 'paused', status_note = ?", [note ?? null], 'status IN (?)', [WAITING]);
    if (!changed) throw await this.refusal(id, 'paused', 'a job can be paused while it waits for a run');
    await this.queue.remove(id, await this.pendingOf(job));
    return this.view(id);
  }

  /** Runs a paused job again from now on; a recurring job with nothing left to run completes. */
  async resume(id: string): Promise<AdminJobViewDto> {
    const job = await this.adminJobs.find(id);
    if (job.status !== 'paused') throw await this.refusal(id, 'resumed', 'only a paused job can be resumed');
    const now = Date.now();
    const plan = resumePlan(job, now, await this.currentEnded(job));
    if (plan.runAt === null) {
      await this.update(id, "status = 'completed', status_note = NULL, next_run_at = NULL", [], "status = 'paused'");
      return this.view(id);
    }
    const changed = await this.update(id, 'status = ?, status_note = NULL, next_run_at = ?', [waitingStatus(plan.runAt, now), new Date(plan.runAt)], "status = 'paused'");
    if (!changed) throw await this.refusal(id, 'resumed', 'only a paused job can be resumed');
    await this.enqueue(job, plan.occurrence, plan.runAt);
    return this.view(id);
  }

  /** Gives a failed job one more occurrence, now or after `delayMs`. */
  async retry(id: string, delayMs = 0): Promise<AdminJobViewDto> {
    const job = await this.adminJobs.find(id);
    if (job.status !== 'failed') throw await this.refusal(id, 'retried', 'only a failed job can be retried');
    const now = Date.now();
    const runAt = now + delayMs;
    const changed = await this.update(id, 'status = ?, next_run_at = ?', [waitingStatus(runAt, now), new Date(runAt)], "status = 'failed'");
    if (!changed) throw await this.refusal(id, 'retried', 'only a failed job can be retried');
    await this.enqueue(job, job.occurrence + 1, runAt);
    return this.view(id);
  }

  /**
   * Runs a job once now, outside its schedule: a one-off copy (same target, input, retries and
   * session) that points back to it, so the original's limit and next run stay as they are.
   */
  async trigger(id: string): Promise<AdminJobViewDto> {
    const original = await this.adminJobs.find(id);
    const now = new Date();
    const copy = Object.assign(new JobEntity(), original, {
      id: uuidv7(),
      schedule: { startAt: now.getTime() },
      recurring: false,
      tz: null,
      status: 'queued',
      occurrence: 0,
      runCount: 0,
      failureCount: 0,
      nextRunAt: now,
      lastRunAt: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      version: 1,
      parentId: original.id,
      statusNote: null,
    } satisfies Partial<JobEntity>);
    await this.store.insert(copy);
    await this.queue.addOrDefer({ jobId: copy.id, occurrence: 1, runAt: now.getTime(), retries: copy.retries });
    return toAdminJobView(copy);
  }

  /** Replaces the schedule of a job that has not finished, validated as at dispatch; a paused job stays paused. */
  async reschedule(id: string, input: ScheduleInput): Promise<AdminJobViewDto> {
    const job = await this.adminJobs.find(id);
    if (FINISHED_STATUSES.includes(job.status)) throw new JobFinishedError(id, job.status);
    if (job.status === 'running') throw new JobStateError(id, 'running', 'rescheduled', 'wait until the run ends');
    const now = Date.now();
    const schedule = normalizeSchedule(input, now);
    const runAt = firstRunAt(schedule);
    if (runAt === null) throw new InvalidRequestError('schedule', 'schedule: never runs before its endDate');
    const recurring = isRecurring(schedule);
    const paused = job.status === 'paused';
    const status = paused ? 'paused' : waitingStatus(runAt, now);
    const changed = await this.update(
      id,
      'schedule = ?, recurring = ?, tz = ?, status = ?, next_run_at = ?',
      [JSON.stringify(schedule), recurring ? 1 : 0, schedule.tz ?? null, status, new Date(runAt)],
      'version = ?',
      [job.version],
    );
    if (!changed) throw new JobStateError(id, 'changing', 'rescheduled', 'it changed meanwhile; try again');
    if (!paused) {
      const currentEnded = await this.currentEnded(job);
      await this.queue.remove(id, pendingOccurrence(job, currentEnded));
      await this.enqueue(job, pendingOccurrence({ recurring, occurrence: job.occurrence }, currentEnded), runAt);
    }
    return this.view(id);
  }

  /** Whether the job's current occurrence has ended for good (see `pendingOccurrence`). */
  private async currentEnded(job: JobEntity): Promise<boolean> {
    return (await this.runs.withEndedOccurrence([job])).has(job.id);
  }

  private async pendingOf(job: JobEntity): Promise<number> {
    return pendingOccurrence(job, await this.currentEnded(job));
  }

  private async view(id: string): Promise<AdminJobViewDto> {
    return toAdminJobView(await this.adminJobs.find(id));
  }

  /** Queues the occurrence now when it falls within the horizon; a later one is the reconciler's. */
  private async enqueue(job: Pick<JobEntity, 'id' | 'retries'>, occurrence: number, runAt: number): Promise<void> {
    if (runAt - Date.now() > this.config.horizonMs) return;
    await this.queue.addOrDefer({ jobId: job.id, occurrence, runAt, retries: job.retries });
  }

  private async update(id: string, set: string, params: unknown[], condition: string, conditionParams: unknown[] = []): Promise<boolean> {
    const now = new Date();
    const result = await this.dataSource.query(`UPDATE jobs SET ${set}, updated_at = ?, version = version + 1 WHERE id = ? AND ${condition}`, [
      ...params,
      now,
      id,
      ...conditionParams,
    ]);
    return result.affectedRows === 1;
  }

  /** Why an action did not apply, from the row as it is now. */
  private async refusal(id: string, action: string, hint: string): Promise<Error> {
    const job = await this.adminJobs.find(id);
    if (FINISHED_STATUSES.includes(job.status)) return new JobFinishedError(id, job.status);
    return new JobStateError(id, job.status, action, hint);
  }
}
