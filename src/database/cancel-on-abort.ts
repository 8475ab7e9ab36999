import type { DataSource, QueryRunner } from 'typeorm';

/** A statement cancelled because its run was aborted; retryable, as nothing says it could not succeed. */
export class StatementCancelledError extends Error {
  constructor() {
    super('the statement was cancelled: the worker running it stopped');
  }
}

/**
 * Runs `work` on the runner's connection. Should `signal` abort meanwhile, the server cancels what the
 * connection is executing and `work` fails with `StatementCancelledError`, whatever the driver said; once
 * aborted, nothing starts.
 */
export async function cancellable<T>(dataSource: DataSource, runner: QueryRunner, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  if (signal.aborted) throw new StatementCancelledError();
  const stopWatching = await cancelOnAbort(dataSource, runner, signal);
  try {
    return await work();
  } catch (error) {
    if (signal.aborted) throw new StatementCancelledError();
    throw error;
  } finally {
    stopWatching();
  }
}

/**
 * On abort, cancels what the runner's connection is executing, from another connection of the pool:
 * `KILL QUERY <thread id>` on MySQL and MariaDB, `pg_cancel_backend(<pid>)` on PostgreSQL. Answers the
 * function that stops watching.
 */
async function cancelOnAbort(dataSource: DataSource, runner: QueryRunner, signal: AbortSignal): Promise<() => void> {
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
