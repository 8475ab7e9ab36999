import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MicroBatcher } from './micro-batcher';
import type { RunStatus } from './job-status';

export interface RunStart {
  id: string;
  jobId: string;
  occurrence: number;
  attempt: number;
  startedAt: Date;
}

export interface RunFinish {
  id: string;
  status: Extract<RunStatus, 'completed' | 'failed'>;
  willRetry: boolean;
  finishedAt: Date;
  durationMs: number;
  result: unknown;
  error: string | null;
}

/** Results are capped so that one chatty target cannot bloat the table. */
export const MAX_RESULT_BYTES = 64 * 1024;
const MAX_ERROR_CHARS = 4000;

/**
 * Writes of `job_runs`. Starting an attempt takes over its (job, occurrence, attempt) slot under a fresh
 * id, so a worker that stalled and lost the attempt finds its id gone when it finishes and writes nothing.
 */
@Injectable()
export class RunStore {
  private readonly starts = new MicroBatcher<RunStart, void>((runs) => this.startMany(runs));
  private readonly finishes = new MicroBatcher<RunFinish, boolean>((runs) => this.finishMany(runs));

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  start(run: RunStart): Promise<void> {
    return this.starts.submit(run);
  }

  /** False when the attempt was taken over by another worker: the caller must then change nothing. */
  finish(run: RunFinish): Promise<boolean> {
    return this.finishes.submit(run);
  }

  /** Records in one row the occurrences that fell due while no worker ran (DESIGN §2, missed runs). */
  async recordSkipped(id: string, jobId: string, occurrence: number, count: number, from: Date, to: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT IGNORE INTO job_runs (id, job_id, occurrence, attempt, status, will_retry, started_at, finished_at, duration_ms, result)
       VALUES (?, ?, ?, 0, 'skipped', 0, ?, ?, 0, ?)`,
      [id, jobId, occurrence, to, to, JSON.stringify({ skipped: count, from: from.toISOString(), to: to.toISOString() })],
    );
  }

  /** Whether occurrence n already ended (succeeded, or failed with no retry left). */
  async hasEnded(jobId: string, occurrence: number): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM job_runs WHERE job_id = ? AND occurrence = ? AND attempt > 0
         AND (status = 'completed' OR (status = 'failed' AND will_retry = 0)) LIMIT 1`,
      [jobId, occurrence],
    );
    return rows.length > 0;
  }

  private async startMany(runs: RunStart[]): Promise<void[]> {
    const values = runs.map(() => "(?, ?, ?, ?, 'running', 0, ?)").join(', ');
    await this.dataSource.query(
      `INSERT INTO job_runs (id, job_id, occurrence, attempt, status, will_retry, started_at) VALUES ${values}
       ON DUPLICATE KEY UPDATE id = VALUES(id), status = 'running', will_retry = 0, started_at = VALUES(started_at),
         finished_at = NULL, duration_ms = NULL, result = NULL, error = NULL`,
      runs.flatMap((r) => [r.id, r.jobId, r.occurrence, r.attempt, r.startedAt]),
    );
    return runs.map(() => undefined);
  }

  private async finishMany(runs: RunFinish[]): Promise<boolean[]> {
    const rows = runs.map(() => 'SELECT ? AS id, ? AS status, ? AS will_retry, ? AS finished_at, ? AS duration_ms, ? AS result, ? AS error');
    const result = await this.dataSource.query(
      `UPDATE job_runs r JOIN (${rows.join(' UNION ALL ')}) v ON r.id = v.id
       SET r.status = v.status, r.will_retry = v.will_retry, r.finished_at = v.finished_at,
           r.duration_ms = v.duration_ms, r.result = v.result, r.error = v.error
       WHERE r.status = 'running'`,
      runs.flatMap((r) => [
        r.id,
        r.status,
        r.willRetry ? 1 : 0,
        r.finishedAt,
        r.durationMs,
        serializeResult(r.result),
        r.error === null ? null : r.error.slice(0, MAX_ERROR_CHARS),
      ]),
    );
    if (result.affectedRows === runs.length) return runs.map(() => true);
    const kept: Array<{ id: string }> = await this.dataSource.query(
      "SELECT id FROM job_runs WHERE id IN (?) AND status <> 'running'",
      [runs.map((r) => r.id)],
    );
    const ours = new Set(kept.map((r) => r.id));
    return runs.map((r) => ours.has(r.id));
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
