import type { DataSource, QueryRunner } from 'typeorm';

/** A statement cancelled because its run was aborted; retryable, as nothing says it could not succeed. */
export class StatementCancelledError extends Error {
  constructor() {
    super('the statement was cancelled: the worker running it stopped');
  }
}

/**
 * On abort, cancels what the runner's connection is executing, from another connection of the pool:
 * `KILL QUERY <thread id>` on MySQL and MariaDB, `pg_cancel_backend(<pid>)` on PostgreSQL. Answers the
 * function that stops watching.
 */
export async function cancelOnAbort(dataSource: DataSource, runner: QueryRunner, signal: AbortSignal): Promise<() => void> {
  const connection = (await runner.connect()) as { threadId?: unknown; processID?: unknown };
  const postgres = dataSource.options.type === 'postgres';
  const id = postgres ? connection.processID : connection.threadId;
  if (!Number.isSafeInteger(id)) return () => undefined;
  const cancel = () => {
    const statement = postgres ? dataSource.query('SELECT pg_cancel_backend($1)', [id]) : dataSource.query(`KILL QUERY ${id as number}`);
    // Best effort: should the cancel fail, the statement still ends at the database's statement_timeout.
    statement.catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  return () => signal.removeEventListener('abort', cancel);
}
