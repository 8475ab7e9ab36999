import Bull from 'bull';
import { createPool, Pool } from 'mysql2/promise';
import { v7 as uuidv7 } from 'uuid';
import { MYSQL_ROOT_URL, REDIS_URL } from './support';

// Only Bull and mysql2 here: the bare-Bull process imports this file, and its RSS must not carry our stack.

export const BASELINE_DB = 'dispatch_bench_baseline';
export const BASELINE_PREFIX = 'dispatch-bench-baseline';
export const BASELINE_QUEUE = 'occurrences';

/** Same pool size and date handling as our TypeORM connection. */
export function baselinePool(db: string): Pool {
  return createPool({ uri: `${MYSQL_ROOT_URL}/${db}`, connectionLimit: 20, timezone: 'Z' });
}

export function baselineQueue(prefix = BASELINE_PREFIX): Bull.Queue {
  return new Bull(BASELINE_QUEUE, { redis: REDIS_URL, prefix });
}

const JOB_SQL = `INSERT INTO jobs (id, namespace, env, product, target, event, input, retries, schedule, recurring, tz, status,
  occurrence, run_count, failure_count, next_run_at, last_run_at, last_error, cache, session_tag, session_data,
  created_at, updated_at, cancelled_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The row a dispatch of `mailer/ping` writes, as plain values. */
export function insertJobRow(pool: Pool, id: string, runAt: number): Promise<unknown> {
  const now = new Date();
  const status = runAt <= now.getTime() ? 'queued' : 'scheduled';
  return pool.query(JOB_SQL, [
    id, 'actions', 'prd', 'shop', 'mailer', 'ping', '{}', 0, JSON.stringify({ startAt: runAt }), 0, null, status,
    0, 0, 0, new Date(runAt), null, null, null, null, null, now, now, null, 1,
  ]);
}

/** One completed run row: the least a durable record of an execution costs. */
export function insertRunRow(pool: Pool, jobId: string, startedAt: Date): Promise<unknown> {
  const finishedAt = new Date();
  return pool.query(
    `INSERT INTO job_runs (id, job_id, occurrence, attempt, status, will_retry, started_at, finished_at, duration_ms, result)
     VALUES (?, ?, 1, 1, 'completed', 0, ?, ?, ?, ?)`,
    [uuidv7(), jobId, startedAt, finishedAt, finishedAt.getTime() - startedAt.getTime(), '{}'],
  );
}

export function addOccurrence(queue: Bull.Queue, jobId: string, delay: number): Promise<unknown> {
  return queue.add({ jobId, occurrence: 1 }, { jobId: `${jobId}:1`, delay, attempts: 1, removeOnComplete: true, removeOnFail: true });
}
