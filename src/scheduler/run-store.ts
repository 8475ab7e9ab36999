import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobEntity } from './entities/job.entity';
import type { RunStatus } from './job-status';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

/** One finished attempt of one occurrence, as `job_runs` keeps it. */
export interface RunRecord {
  id: string;
  jobId: string;
  occurrence: number;
  attempt: number;
  status: Extract<RunStatus, 'completed' | 'cached' | 'failed'>;
  willRetry: boolean;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  result: unknown;
  error: string | null;
  /** Start minus due time, for the first attempt of an occurrence this worker claimed; else null. */
  latenessMs: number | null;
}

/** What `job_runs` says of an occurrence before a redelivered attempt of it runs. */
export interface AttemptState {
  succeeded: boolean;
  /** Failed with no retry left. */
  failed: boolean;
  /** Highest attempt recorded, 0 when none. */
  lastAttempt: number;
}

/** Results are capped so that one chatty target cannot bloat the table. */
export const MAX_RESULT_BYTES = 64 * 1024;
const MAX_ERROR_CHARS = 4000;

/**
 * Writes and reads of `job_runs`. An attempt is written once, when it ends, under the unique key
 * (job, occurrence, attempt): when two workers ran the same attempt (one stalled and lost its lock),
 * the first to finish is recorded and the other finds its row refused, so it changes nothing.
 */
@Injectable()
export class RunStore {
  constructor(@InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Inserts the runs; for each, whether it is ours (false when that attempt was recorded first elsewhere). */
  async insertMany(runs: RunRecord[]): Promise<boolean[]> {
    const values = runs.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const result = await this.dataSource.query(
      `INSERT IGNORE INTO job_runs (id, job_id, occurrence, attempt, status, will_retry, started_at, finished_at, duration_ms, result, error, lateness_ms)
       VALUES ${values}`,
      runs.flatMap((r) => [
        r.id,
        r.jobId,
        r.occurrence,
        r.attempt,
        r.status,
        r.willRetry ? 1 : 0,
        r.startedAt,
        r.finishedAt,
        r.durationMs,
        serializeResult(r.result),
        r.error === null ? null : r.error.slice(0, MAX_ERROR_CHARS),
        r.latenessMs,
      ]),
    );
    if (result.affectedRows === runs.length) return runs.map(() => true);
    const kept: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM job_runs WHERE id IN (?)', [runs.map((r) => r.id)]);
    const ours = new Set(kept.map((r) => r.id));
    return runs.map((r) => ours.has(r.id));
  }

  /** Records in one row the occurrences that fell due while no worker ran (DESIGN §2, missed runs). */
  async recordSkipped(id: string, jobId: string, occurrence: number, count: number, from: Date, to: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT IGNORE INTO job_runs (id, job_id, occurrence, attempt, status, will_retry, started_at, finished_at, duration_ms, result)
       VALUES (?, ?, ?, 0, 'skipped', 0, ?, ?, 0, ?)`,
      [id, jobId, occurrence, to, to, JSON.stringify({ skipped: count, from: from.toISOString(), to: to.toISOString() })],
    );
  }

  /**
   * The one-off jobs among `jobs` whose current occurrence has ended for good (succeeded, or failed with
   * no retry left): what tells a retry from the admin API from a retry waiting for Bull's backoff.
   */
  async withEndedOccurrence(jobs: ReadonlyArray<Pick<JobEntity, 'id' | 'recurring' | 'occurrence'>>): Promise<Set<string>> {
    const candidates = jobs.filter((job) => !job.recurring && job.occurrence >= 1);
    if (candidates.length === 0) return new Set();
    const rows: Array<{ job_id: string; occurrence: number }> = await this.dataSource.query(
      `SELECT DISTINCT job_id, occurrence FROM job_runs
       WHERE job_id IN (?) AND attempt > 0 AND (status IN ('completed', 'cached') OR (status = 'failed' AND will_retry = 0))`,
      [candidates.map((job) => job.id)],
    );
    const ended = new Set(rows.map((row) => `${row.job_id}:${Number(row.occurrence)}`));
    return new Set(candidates.filter((job) => ended.has(`${job.id}:${job.occurrence}`)).map((job) => job.id));
  }

  async attemptState(jobId: string, occurrence: number): Promise<AttemptState> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(MAX(attempt), 0) AS lastAttempt,
              COALESCE(MAX(status IN ('completed', 'cached')), 0) AS succeeded,
              COALESCE(MAX(status = 'failed' AND will_retry = 0), 0) AS failed
       FROM job_runs WHERE job_id = ? AND occurrence = ? AND attempt > 0`,
      [jobId, occurrence],
    );
    return { succeeded: Number(row.succeeded) === 1, failed: Number(row.failed) === 1, lastAttempt: Number(row.lastAttempt) };
  }
}

/** JSON text of a run's result, replaced by a note when it is larger than the cap. */
export function serializeResult(result: unknown): string | null {
  if (result === undefined) return null;
  const text = JSON.stringify(result);
  if (text === undefined) return null;
  if (Buffer.byteLength(text) <= MAX_RESULT_BYTES) return text;
  return JSON.stringify({ truncated: true, bytes: Buffer.byteLength(text), preview: text.slice(0, 1024) });
}
