import type Bull from 'bull';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { ensureDatabase } from '../src/database/database-bootstrap';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { addOccurrence, BASELINE_DB, baselinePool, baselineQueue, insertJobRow, insertRunRow } from './bare';
import { MYSQL_ROOT_URL, mysqlRoot, runPool, waitUntil } from './support';

export { BASELINE_DB, BASELINE_PREFIX } from './bare';

/** Holds our migrated schema, so that baseline tables are `LIKE` ours: same columns, same indexes. */
export const SCHEMA_TEMPLATE_DB = 'dispatch_bench_schema';

export async function prepareSchemaTemplate(): Promise<void> {
  const url = `${MYSQL_ROOT_URL}/${SCHEMA_TEMPLATE_DB}`;
  const dataSource = new DataSource(typeOrmOptions(url, await ensureDatabase(url)));
  await dataSource.initialize();
  try {
    // Explicit, so the template does not hang on the options asking for migrations at connect.
    await dataSource.runMigrations();
    const rows: Array<{ n: number }> = await dataSource.query(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name IN ('jobs', 'job_runs')",
      [SCHEMA_TEMPLATE_DB],
    );
    if (Number(rows[0].n) !== 2) throw new Error(`our migrations did not create jobs and job_runs in ${SCHEMA_TEMPLATE_DB}`);
  } finally {
    await dataSource.destroy();
  }
}

/** Creates baseline tables shaped like ours in `db`, which must exist. */
export async function createBaselineTables(db: string, tables: Array<'jobs' | 'job_runs'>): Promise<void> {
  const conn = await mysqlRoot();
  try {
    for (const t of tables) await conn.query(`CREATE TABLE \`${db}\`.\`${t}\` LIKE \`${SCHEMA_TEMPLATE_DB}\`.\`${t}\``);
  } finally {
    await conn.end();
  }
}

export interface BaselineDispatcher {
  /** Dispatches `count` jobs, `concurrency` in flight; answers the elapsed ms. */
  run(count: number): Promise<number>;
  close(): Promise<void>;
}

/** (a) baseline: one INSERT and one `queue.add` (delayed 1 h) per job, kept open across measured rounds. */
export async function openBaselineDispatch(concurrency: number): Promise<BaselineDispatcher> {
  const pool = baselinePool(BASELINE_DB);
  const queue = baselineQueue();
  await queue.isReady();
  const runAt = Date.now() + 3_600_000;
  const one = async () => {
    const id = uuidv7();
    await insertJobRow(pool, id, runAt);
    await addOccurrence(queue, id, runAt - Date.now());
  };
  return {
    async run(count) {
      const started = performance.now();
      await runPool(count, concurrency, 180_000, one);
      return performance.now() - started;
    },
    async close() {
      await queue.close();
      await pool.end();
    },
  };
}

/**
 * (b) baseline: `count` jobs are added first, then processing starts at `concurrency`; timed until Bull
 * reports every job completed. With `recordRuns`, each job also INSERTs its run row.
 */
export async function baselineExecution(count: number, concurrency: number, recordRuns: boolean): Promise<{ rate: number; ms: number }> {
  const pool = baselinePool(BASELINE_DB);
  const queue = baselineQueue();
  try {
    await queue.isReady();
    const ids = Array.from({ length: count }, () => uuidv7());
    for (let i = 0; i < count; i += 1000) {
      await queue.addBulk(ids.slice(i, i + 1000).map((jobId) => ({
        data: { jobId, occurrence: 1 },
        opts: { jobId: `${jobId}:1`, attempts: 1, removeOnComplete: true, removeOnFail: true },
      })));
    }
    let completed = 0;
    let failed = 0;
    queue.on('completed', () => completed++);
    queue.on('failed', () => failed++);
    const started = performance.now();
    queue
      .process(concurrency, async (job: Bull.Job<{ jobId: string }>) => {
        const startedAt = new Date();
        if (recordRuns) await insertRunRow(pool, job.data.jobId, startedAt);
        return {};
      })
      .catch(() => undefined);
    await waitUntil(async () => completed + failed >= count, 120_000, 5, `${count} bare Bull jobs`);
    const ms = performance.now() - started;
    if (failed > 0) throw new Error(`${failed} bare Bull job(s) failed`);
    return { rate: count / (ms / 1000), ms };
  } finally {
    await queue.close();
    await pool.end();
  }
}

/** (c) baseline: lateness = processing start - (timestamp + delay), for `count` jobs due at one instant. */
export async function baselineLateness(count: number, warmup: number, leadMs: number, concurrency: number): Promise<{ lateness: number[]; dispatchedBeforeDue: boolean }> {
  const queue = baselineQueue();
  try {
    await queue.isReady();
    const lateness: number[] = [];
    queue
      .process(concurrency, async (job: Bull.Job) => {
        lateness.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
        return {};
      })
      .catch(() => undefined);
    await runPool(warmup, concurrency, 30_000, (i) => addOccurrence(queue, `warmup-${i}-${uuidv7()}`, 0).then(() => undefined));
    await waitUntil(async () => lateness.length >= warmup, 30_000, 20, 'warm-up jobs');
    lateness.length = 0;
    const dueAt = Date.now() + leadMs;
    await runPool(count, concurrency, leadMs * 4, (i) => addOccurrence(queue, `lateness-${i}-${uuidv7()}`, dueAt - Date.now()).then(() => undefined));
    const dispatchedBeforeDue = Date.now() < dueAt;
    await waitUntil(async () => lateness.length >= count, leadMs + 60_000, 20, `${count} bare Bull delayed jobs`);
    return { lateness, dispatchedBeforeDue };
  } finally {
    await queue.close();
  }
}
