import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/namespaces/databases/connections/data-source-options';
import { StatementCancelledError } from '../src/database/cancel-on-abort';
import { runStatement } from '../src/namespaces/databases/operations/statement-runner';
import { GraphSql } from '../src/namespaces/graphs/store/graph-sql';
import type { ResolvedDatabase } from '../src/resources/sections/databases.section';
import { Engine, mariadbTarget, postgresTarget, TargetDatabase } from './support/databases/targets';
import { waitFor } from './support/wait-for';

/** A worker stopping past its shutdown timeout aborts its runs: their statements end on the server too. */
describe.each<[Engine, string, string]>([
  // MariaDB runs it as `SET STATEMENT max_statement_time = … FOR SELECT SLEEP(20)`; the count skips itself.
  ['mariadb', 'SELECT SLEEP(20) AS slept', "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE info LIKE '%SLEEP(20)%' AND id <> CONNECTION_ID()"],
  ['postgres', 'SELECT pg_sleep(20) AS slept', "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(20)%' AND state = 'active' AND pid <> pg_backend_pid()"],
])('a running statement on %s', (engine, sleep, running) => {
  let target: TargetDatabase;
  let dataSource: DataSource;
  let database: ResolvedDatabase;

  beforeAll(async () => {
    target = engine === 'mariadb' ? await mariadbTarget('cancel') : await postgresTarget('cancel');
    database = { type: engine, url: target.url, pool_size: 2, statement_timeout: 60_000 };
    dataSource = await new DataSource(dataSourceOptions(database, `cancel-${engine}`)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.drop();
  });

  const stillRunning = async () => Number((await dataSource.query(running))[0].n);

  it('is cancelled on the server when the run is aborted, and the attempt fails to be retried', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const statement = runStatement(dataSource, sleep, [], database, abort.signal);
    await waitFor(async () => (await stillRunning()) === 1, 5000);
    abort.abort();
    await expect(statement).rejects.toBeInstanceOf(StatementCancelledError);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(async () => (await stillRunning()) === 0, 5000);
  });

  it('does not start once the run is aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(runStatement(dataSource, sleep, [], database, abort.signal)).rejects.toBeInstanceOf(StatementCancelledError);
    expect(await stillRunning()).toBe(0);
  });

  it('is cancelled likewise in a graph operation, whose transaction then gives back its merge lock', async () => {
    const abort = new AbortController();
    const operation = GraphSql.use(
      dataSource,
      'g',
      true,
      async (sql) => {
        await sql.lockUntilEnd('key');
        return sql.rows(sleep);
      },
      abort.signal,
    );
    await waitFor(async () => (await stillRunning()) === 1, 5000);
    abort.abort();
    await expect(operation).rejects.toBeInstanceOf(StatementCancelledError);
    await waitFor(async () => (await stillRunning()) === 0, 5000);
    // The same key is free at once for the next operation.
    const next = await GraphSql.use(dataSource, 'g', true, async (sql) => {
      await sql.lockUntilEnd('key');
      return sql.rows('SELECT 1 AS one');
    });
    expect(next).toEqual([{ one: 1 }]);
  });

  it('runs as before when nothing aborts it', async () => {
    const outcome = await runStatement(dataSource, 'SELECT 1 AS one', [], database, new AbortController().signal);
    expect(outcome.rows).toEqual([{ one: 1 }]);
  });
});
