import { DataSource, QueryFailedError } from 'typeorm';
import { cancellable, StatementCancelledError } from '../../../database/cancel-on-abort';
import { NonRetryableError } from '../../../scheduler/retry-policy';
import type { ResolvedDatabase } from '../../../resources/sections/databases.section';
import { redactPassword } from '../connections/data-source-options';

/** What a statement gave back: rows for a read, a count of touched rows for a write. */
export interface StatementOutcome {
  rows: Array<Record<string, unknown>>;
  affected: number;
}

/**
 * SQLSTATE classes a retry cannot fix: data exceptions (22), integrity constraints (23), syntax or
 * access rules (42), cardinality (21), unsupported features (0A). Others — a lost connection, a
 * deadlock, a lock timeout, a server shutting down — may pass on the next attempt.
 */
const PERMANENT_SQLSTATE_CLASSES = new Set(['21', '22', '23', '42', '0A']);

/**
 * Runs SQL whose values are all in `parameters` (positional, in the driver's own placeholder style) on a
 * connection of the pool, and reads back rows and the affected-row count on both drivers. When `signal`
 * aborts (a worker stopping past its shutdown timeout), the server is told to cancel the statement, and
 * the attempt fails so that another worker runs it again.
 */
export async function runStatement(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[],
  database: ResolvedDatabase,
  signal?: AbortSignal,
): Promise<StatementOutcome> {
  const runner = dataSource.createQueryRunner();
  try {
    const result = await cancellable(dataSource, runner, signal, () => runner.query(boundInTime(sql, database), parameters, true));
    const records: unknown = result.records;
    const rows = Array.isArray(records) ? records.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r)) : [];
    return { rows, affected: typeof result.affected === 'number' ? result.affected : rows.length };
  } catch (error) {
    throw error instanceof StatementCancelledError ? error : sqlFailure(error, database.url);
  } finally {
    await runner.release();
  }
}


/**
 * The statement with the database's time limit attached where the limit travels with it: MariaDB's
 * `SET STATEMENT max_statement_time` (seconds). PostgreSQL gets its limit on each pooled connection
 * (`statement_timeout`); MySQL has no per-statement limit for writes, so its statements go as they are.
 */
export function boundInTime(sql: string, database: Pick<ResolvedDatabase, 'type' | 'statement_timeout'>): string {
  if (database.type !== 'mariadb') return sql;
  return `SET STATEMENT max_statement_time = ${database.statement_timeout / 1000} FOR ${sql}`;
}

/** The run's error for a failed statement: the server's reason (never the SQL or its values), retryable or not. */
export function sqlFailure(error: unknown, databaseUrl: string): Error {
  if (!(error instanceof QueryFailedError)) {
    const text = error instanceof Error ? error.message : String(error);
    return new Error(`the database did not answer: ${redactPassword(text, databaseUrl)}`);
  }
  const driver = error.driverError as { sqlState?: unknown; code?: unknown; message?: unknown } | undefined;
  const state = typeof driver?.sqlState === 'string' ? driver.sqlState : typeof driver?.code === 'string' && /^[0-9A-Z]{5}$/.test(driver.code) ? driver.code : '';
  const message = `the database refused the statement${state ? ` (SQLSTATE ${state})` : ''}: ${redactPassword(String(driver?.message ?? error.message), databaseUrl)}`;
  return PERMANENT_SQLSTATE_CLASSES.has(state.slice(0, 2)) ? new NonRetryableError(message) : new Error(message);
}
