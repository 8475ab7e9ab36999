import { getDataSourceToken } from '@nestjs/typeorm';
import type { Connection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { DISPATCH_DATA_SOURCE } from '../src/database/typeorm-options';
import { DispatchService } from '../src/dispatch.service';
import { ResourceRegistry } from '../src/resources';
import { buildDispatch, OURS_DB, OURS_PREFIX } from './in-process';
import { median, PartResult, round, row } from './measures';
import { clearPrefix, dropDatabase, MYSQL_ROOT_URL, mysqlRoot, PartContext, resetDatabase, waitUntil } from './support';

/** The user's database the cleanup runs against, apart from ours. */
export const ROWS_DB = 'dispatch_bench_rows';
const TOTAL = 1_000_000;
const DELETED = 100_000;
/** Row n is created n seconds before this instant, so the oldest DELETED rows fall before the cutoff. */
const EPOCH = Date.parse('2030-01-01T00:00:00Z');
const CUTOFF = new Date(EPOCH - (TOTAL - DELETED) * 1000 - 500);
const ORDER = ['ours', 'baseline', 'baseline', 'ours'] as const;

/** The rows n in [from, to] (MariaDB's sequence engine makes the numbers; one statement per 100,000 rows). */
async function insertRows(conn: Connection, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += 100_000) {
    const end = Math.min(to, start + 99_999);
    await conn.query(
      `INSERT INTO logs (created_at, level, message)
       SELECT TIMESTAMP('2030-01-01 00:00:00') - INTERVAL seq SECOND, 'info', CONCAT('log line ', seq) FROM seq_${start}_to_${end}`,
    );
  }
}

/** The oldest rows back, as the last delete removed them. */
const restore = (conn: Connection) => insertRows(conn, TOTAL - DELETED + 1, TOTAL);

/**
 * `deleteMany` of 100,000 rows of 1,000,000 by an indexed date filter: ours is the whole job (dispatch
 * through DispatchService, claim, the executor's schema check and DELETE, the run recorded), timed until
 * the job row says completed; the baseline is the same DELETE sent through mysql2.
 */
export async function benchDeleteMany(ctx: PartContext): Promise<PartResult> {
  const notes: string[] = [];
  await resetDatabase(OURS_DB);
  await clearPrefix(ctx.redis, OURS_PREFIX);
  await resetDatabase(ROWS_DB);
  const conn = await mysqlRoot();
  await conn.query(`USE \`${ROWS_DB}\``);
  const registry = ResourceRegistry.fromObject(
    { products: { shop: { envs: ['prd'], databases: { logs: { type: 'mariadb', url: `${MYSQL_ROOT_URL}/${ROWS_DB}`, tables: ['logs'] } } } } },
    {},
  );
  const app = await buildDispatch('worker', undefined, registry);
  try {
    await conn.query(
      'CREATE TABLE logs (id BIGINT AUTO_INCREMENT PRIMARY KEY, created_at DATETIME(3) NOT NULL, level VARCHAR(16) NOT NULL, message VARCHAR(255) NOT NULL, INDEX idx_logs_created_at (created_at))',
    );
    const filled = performance.now();
    await insertRows(conn, 1, TOTAL);
    notes.push(`delete_many: ${TOTAL} rows generated in ${round((performance.now() - filled) / 1000)} s.`);
    await app.init();
    const dispatch = app.get(DispatchService);
    const ours = app.get<DataSource>(getDataSourceToken(DISPATCH_DATA_SOURCE));

    const oursOnce = async (): Promise<number> => {
      const started = performance.now();
      const { job_id: id } = await dispatch.dispatch('database-operations', {
        env: 'prd',
        product: 'shop',
        database: 'logs',
        operation: 'deleteMany',
        input: { table: 'logs', filter: { created_at: { $lt: CUTOFF.toISOString() } } },
      });
      await waitUntil(async () => (await ours.query('SELECT status FROM jobs WHERE id = ?', [id]))[0]?.status === 'completed', 120_000, 5, 'the deleteMany job');
      const ms = performance.now() - started;
      const [run] = await ours.query('SELECT result FROM job_runs WHERE job_id = ?', [id]);
      const affected = (typeof run.result === 'string' ? JSON.parse(run.result) : run.result).affected;
      if (affected !== DELETED) throw new Error(`our deleteMany removed ${affected} rows, not ${DELETED}`);
      return ms;
    };
    const baselineOnce = async (): Promise<number> => {
      const started = performance.now();
      const [result] = await conn.query('DELETE FROM logs WHERE created_at < ?', [CUTOFF]);
      const ms = performance.now() - started;
      if ((result as { affectedRows: number }).affectedRows !== DELETED) throw new Error('the baseline DELETE removed the wrong number of rows');
      return ms;
    };

    // Alternated, each after the same restore, so neither side always meets a warmer buffer pool; the
    // median of four, as one round in a few meets InnoDB purging the rows an earlier one deleted.
    const times: Record<'ours' | 'baseline', number[]> = { ours: [], baseline: [] };
    for (const side of [...ORDER, ...ORDER]) {
      times[side].push(side === 'ours' ? await oursOnce() : await baselineOnce());
      await restore(conn);
    }
    const rate = (ms: number[]) => round(DELETED / (median(ms) / 1000), 0);
    notes.push(
      `delete_many: ours = deleteMany of the ${DELETED} oldest of ${TOTAL} rows (filter { created_at: { $lt } } on an indexed DATETIME(3)) dispatched in-process through DispatchService, ` +
        `timed from dispatch until the job row says completed (polled every 5 ms): ${times.ours.map((ms) => round(ms, 0)).join(' / ')} ms; ` +
        `baseline = the same DELETE through mysql2: ${times.baseline.map((ms) => round(ms, 0)).join(' / ')} ms; rounds in the order ours, baseline, baseline, ours, twice, ` +
        `the rows restored after each; rates from each side's median.`,
    );
    return { rows: [row('delete_many', 'rows/s', rate(times.ours), rate(times.baseline))], notes };
  } finally {
    await app.close();
    await conn.end();
    await dropDatabase(ROWS_DB);
  }
}
