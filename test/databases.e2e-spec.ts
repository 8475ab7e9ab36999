import { databaseClient, DATABASE_NAMES, databasesRegistry } from './support/databases/databases-registry';
import { createTables, Engine, LogRow, mariadbTarget, postgresTarget, seedLogs, TargetDatabase } from './support/databases/targets';
import { startTestApp, TestApp } from './support/test-app';

const LOGS: LogRow[] = [
  { level: 'info', message: 'a', qty: 1, createdAt: '2024-01-01T00:00:00.000Z' },
  { level: 'warn', message: 'b', qty: 2, createdAt: '2024-02-01T00:00:00.000Z' },
  { level: 'info', message: 'c', qty: 3, createdAt: '2024-03-01T00:00:00.000Z' },
  { level: 'error', message: 'd', qty: 4, createdAt: '2025-01-01T00:00:00.000Z' },
  { level: 'info', message: 'e', qty: 5, createdAt: '2025-06-01T00:00:00.000Z' },
  { level: 'warn', message: 'f', qty: 6, createdAt: '2026-01-01T00:00:00.000Z' },
];

describe('database operations and actions, end to end', () => {
  const targets = {} as Record<Engine, TargetDatabase>;
  let t: TestApp | undefined;
  const client = databaseClient(() => t as TestApp);

  beforeAll(async () => {
    targets.mariadb = await mariadbTarget('ops');
    targets.postgres = await postgresTarget('ops');
    for (const target of Object.values(targets)) await createTables(target);
    t = await startTestApp('databases', databasesRegistry(targets));
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all(Object.values(targets).map((target) => target.drop()));
  });

  /** Dispatches, waits for the run and answers its result; the run must complete. */
  async function run(kind: 'operation' | 'action', database: string, name: string, input: unknown, extra = {}) {
    const res = await client[kind](database, name, input, extra);
    expect(res.status).toBe(201);
    const job = await client.finished(res.body.job_id);
    expect(job).toMatchObject({ status: 'completed', last_error: null });
    return (await client.runs(res.body.job_id))[0].result as Record<string, unknown> & { rows?: Array<Record<string, unknown>> };
  }

  describe.each<Engine>(['mariadb', 'postgres'])('on %s', (engine) => {
    const db = DATABASE_NAMES[engine];
    const target = () => targets[engine];
    const op = (operation: string, input: unknown, extra = {}) => run('operation', db, operation, input, extra);
    const levels = async () => (await target().query<{ id: number; level: string }>('SELECT id, level FROM logs ORDER BY id')).map((r) => `${r.id}:${r.level}`);

    beforeEach(() => seedLogs(target(), LOGS));

    it('finds, finds one and counts with the filter language, fields, sort, limit and offset', async () => {
      const found = await op('find', {
        table: 'logs',
        filter: { level: { $in: ['info', 'warn'] }, qty: { $GTE: 2 } },
        fields: ['id', 'level'],
        sort: { qty: 'desc' },
        limit: 2,
        offset: 1,
      });
      expect(found).toEqual({ database: db, operation: 'find', table: 'logs', count: 2, rows: [{ id: 5, level: 'info' }, { id: 3, level: 'info' }] });
      const one = await op('findOne', { table: 'logs', filter: { $or: [{ level: 'error' }, { qty: { $gt: 100 } }] }, fields: ['message'] });
      expect(one).toEqual({ database: db, operation: 'findOne', table: 'logs', count: 1, row: { message: 'd' } });
      const none = await op('findOne', { table: 'logs', filter: { message: { $like: 'zz%' } } });
      expect(none).toMatchObject({ count: 0, row: null });
      const before2025 = await op('count', { table: 'logs', filter: { createdAt: { $lt: '2025-01-01T00:00:00Z' }, $not: { message: { $IS_NULL: true } } } });
      expect(before2025).toEqual({ database: db, operation: 'count', table: 'logs', count: 3 });
    });

    it('inserts one row and many rows, putting ISO instants into a zone-less date column as UTC', async () => {
      expect(await op('insert', { table: 'logs', data: { level: 'debug', message: 'x', qty: 7, createdAt: '2024-06-01T12:00:00+02:00' } })).toEqual({
        database: db,
        operation: 'insert',
        table: 'logs',
        affected: 1,
      });
      const many = await op('insert', {
        table: 'logs',
        data: [
          { level: 'debug', message: 'y', createdAt: '2024-06-02T00:00:00Z' },
          { level: 'debug', qty: 9, createdAt: '2024-06-03T00:00:00Z' },
        ],
      });
      expect(many).toMatchObject({ affected: 2 });
      const rows = await target().query<{ message: string | null; qty: number | null; at: string }>(
        engine === 'postgres'
          ? `SELECT message, qty, to_char("createdAt", 'YYYY-MM-DD HH24:MI:SS') AS at FROM logs WHERE level = 'debug' ORDER BY id`
          : `SELECT message, qty, DATE_FORMAT(createdAt, '%Y-%m-%d %H:%i:%s') AS at FROM logs WHERE level = 'debug' ORDER BY id`,
      );
      expect(rows).toEqual([
        { message: 'x', qty: 7, at: '2024-06-01 10:00:00' },
        { message: 'y', qty: null, at: '2024-06-02 00:00:00' },
        { message: null, qty: 9, at: '2024-06-03 00:00:00' },
      ]);
    });

    it('updates and deletes at most one row with the One forms, however many match', async () => {
      expect(await op('updateOne', { table: 'logs', filter: { level: 'info' }, data: { message: 'changed' }, sort: { id: -1 } })).toMatchObject({ affected: 1 });
      const changed = await target().query<{ id: number }>("SELECT id FROM logs WHERE message = 'changed'");
      expect(changed).toEqual([{ id: 5 }]);
      expect(await op('deleteOne', { table: 'logs', filter: { level: 'info' }, sort: { qty: 'asc' } })).toMatchObject({ affected: 1 });
      expect(await levels()).toEqual(['2:warn', '3:info', '4:error', '5:info', '6:warn']);
      // A table without a primary key: Postgres picks the row by its ctid.
      await target().query("INSERT INTO notes (author, body) VALUES ('ann', 'x'), ('ann', 'x'), ('bob', 'y')");
      expect(await op('updateOne', { table: 'notes', filter: { author: 'ann' }, data: { body: 'z' } })).toMatchObject({ affected: 1 });
      expect(await op('deleteOne', { table: 'notes', filter: { author: 'ann' } })).toMatchObject({ affected: 1 });
      expect(await target().query('SELECT author FROM notes ORDER BY author')).toEqual([{ author: 'ann' }, { author: 'bob' }]);
      await op('deleteMany', { table: 'notes', all: true });
    });

    it('updates and deletes many rows, and refuses an empty filter without all: true', async () => {
      expect(await op('updateMany', { table: 'logs', filter: { level: 'warn' }, data: { level: 'notice', qty: null } })).toMatchObject({ affected: 2 });
      expect(await op('deleteMany', { table: 'logs', filter: { qty: { $between: [1, 3] } } })).toMatchObject({ affected: 2 });
      expect(await levels()).toEqual(['2:notice', '4:error', '5:info', '6:notice']);
      for (const operation of ['deleteMany', 'updateMany']) {
        const res = await client.operation(db, operation, { table: 'logs', ...(operation === 'updateMany' && { data: { qty: 1 } }) }).expect(400);
        expect(res.body).toMatchObject({ field: 'input.filter', message: [`input.filter must not be empty for ${operation}; to touch every row, give all: true`] });
      }
      expect(await op('updateMany', { table: 'logs', data: { qty: 0 }, all: true })).toMatchObject({ affected: 4 });
      expect(await op('deleteMany', { table: 'logs', filter: {}, all: true })).toMatchObject({ affected: 4 });
      expect(await levels()).toEqual([]);
    });

    it('upserts: inserts new keys and updates existing ones', async () => {
      await target().query("DELETE FROM inventory");
      await target().query("INSERT INTO inventory (sku, qty, price) VALUES ('a', 1, 1.50)");
      await op('upsert', { table: 'inventory', data: [{ sku: 'a', qty: 10, price: 2.25 }, { sku: 'b', qty: 3, price: 9.99 }] });
      const rows = await target().query<{ sku: string; qty: number; price: unknown }>('SELECT sku, qty, price FROM inventory ORDER BY sku');
      expect(rows.map((r) => [r.sku, r.qty, Number(r.price)])).toEqual([['a', 10, 2.25], ['b', 3, 9.99]]);
      await op('upsert', { table: 'inventory', data: { sku: 'b', qty: 4, price: 9.99 } });
      expect(await target().query("SELECT qty FROM inventory WHERE sku = 'b'")).toEqual([{ qty: 4 }]);
    });

    it('aggregates sum, avg, min and max by group', async () => {
      const result = await op('aggregate', {
        table: 'logs',
        filter: { level: { $ne: 'error' } },
        groupBy: ['level'],
        aggregate: { sum: ['qty'], avg: ['qty'], min: ['qty'], max: ['qty'] },
        sort: { sum_qty: 'desc' },
      });
      expect(result).toEqual({
        database: db,
        operation: 'aggregate',
        table: 'logs',
        count: 2,
        rows: [
          { level: 'info', count: 3, sum_qty: 9, avg_qty: 3, min_qty: 1, max_qty: 5 },
          { level: 'warn', count: 2, sum_qty: 8, avg_qty: 4, min_qty: 2, max_qty: 6 },
        ],
      });
      expect(await op('aggregate', { table: 'logs', aggregate: { max: ['qty'] } })).toMatchObject({ rows: [{ count: 6, max_qty: 6 }] });
    });

    it('runs a scheduled deleteMany with a literal date filter when it falls due', async () => {
      const startAt = Date.now() + 1500;
      const res = await client
        .operation(db, 'deleteMany', { table: 'logs', filter: { createdAt: { $lt: '2025-01-01T00:00:00.000Z' } } }, { schedule: { start_at: startAt } })
        .expect(201);
      expect(res.body).toMatchObject({ status: 'scheduled', scheduled_at: startAt, recurring: false });
      expect(await levels()).toHaveLength(6);
      const job = await client.finished(res.body.job_id);
      expect(job).toMatchObject({ status: 'completed', run_count: 1 });
      expect((await client.runs(res.body.job_id))[0].result).toMatchObject({ operation: 'deleteMany', affected: 3 });
      expect(await levels()).toEqual(['4:error', '5:info', '6:warn']);
    });

    it('runs operation templates and parameterised SQL actions filled from query, then data', async () => {
      await target().query('DELETE FROM inventory');
      await target().query("INSERT INTO inventory (sku, qty, price) VALUES ('a', 1, 1), ('b', 2, 2), ('c', 3, 3)");
      expect(await run('action', db, 'purge_before', { query: { before: '2024-12-31T23:00:00-01:00' } })).toMatchObject({ action: 'purge_before', affected: 3 });
      expect(await run('action', db, 'restock', { query: { skus: ['a', 'b'] }, data: { qty: 50, skus: ['c'] } })).toMatchObject({ affected: 2 });
      expect(await run('action', db, 'set_qty', { data: { qty: 7, sku: 'c' } })).toMatchObject({ action: 'set_qty', affected: 1 });
      expect(await target().query('SELECT sku, qty FROM inventory ORDER BY sku')).toEqual([{ sku: 'a', qty: 50 }, { sku: 'b', qty: 50 }, { sku: 'c', qty: 7 }]);
      expect(await run('action', db, 'note', { query: { author: 'ann', text: 'hi' } })).toMatchObject({ affected: 1 });
      expect(await target().query("SELECT body FROM notes WHERE author = 'ann'")).toEqual([{ body: 'said: hi' }]);
      await target().query('DELETE FROM notes');
      const levelRows = await run('action', db, 'levels', { query: { level: 'warn' } });
      expect(levelRows).toMatchObject({ count: 1, rows: [{ level: 'warn', label: ':fake' }] });
      expect(Number(levelRows.rows?.[0].n)).toBe(1);
      expect(await run('action', db, 'in_list', { query: { skus: ['c', 'a', 'zz'] } })).toMatchObject({ rows: [{ sku: 'a' }, { sku: 'c' }] });
    });

    it('answers an unknown action with a 404 and a missing placeholder value with a 400, writing nothing', async () => {
      const unknown = await client.action(db, 'drop_all', {}).expect(404);
      expect(unknown.body).toMatchObject({ field: 'event', message: `Unknown action 'drop_all' for database '${db}' in product 'shop'` });
      const missing = await client.action(db, 'set_qty', { query: { qty: 1 } }).expect(400);
      expect(missing.body).toMatchObject({ field: 'input.query.sku', message: ["input.query.sku (or input.data.sku) is required by action 'set_qty'"] });
      expect(await levels()).toHaveLength(6);
    });

    it('fails a run without retrying when a column is unknown to the real schema', async () => {
      const res = await client.operation(db, 'updateMany', { table: 'logs', filter: { level: 'info' }, data: { nope: 1 } }, { retries: 2 }).expect(201);
      const job = await client.finished(res.body.job_id);
      expect(job).toMatchObject({ status: 'failed', run_count: 1, last_error: "input.data.nope: unknown column 'nope' in table 'logs'" });
      expect(await client.runs(res.body.job_id)).toHaveLength(1);
    });
  });
});
