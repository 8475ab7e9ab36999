import { databaseClient, DATABASE_NAMES, databasesRegistry } from './support/databases/databases-registry';
import { createTables, Engine, mariadbTarget, postgresTarget, seedLogs, TargetDatabase } from './support/databases/targets';
import { countRows, startTestApp, TestApp } from './support/test-app';

const deep = (levels: number): Record<string, unknown> => {
  let filter: Record<string, unknown> = { level: 'info' };
  for (let i = 0; i < levels; i++) filter = { $not: filter };
  return filter;
};

/** Refused at dispatch: [label, operation, input, field, message]; no field for the body's own validation (it names the property in the message). */
const REFUSED: Array<[string, string, unknown, string, string]> = [
  ['a quote and comment in a column name', 'deleteMany', { table: 'logs', filter: { "level' OR 1=1 --": 'x' } }, "input.filter.level' OR 1=1 --", "input.filter.level' OR 1=1 --: unknown column 'level' OR 1=1 --'"],
  ['a statement in a table name', 'find', { table: 'logs; DROP TABLE secrets' }, 'input.table', 'input.table must be a table name (letters, digits, _ and $, not starting with a digit, at most 64)'],
  ['a table outside the allow-list', 'deleteMany', { table: 'secrets', all: true }, 'input.table', "input.table: table 'secrets' is not in the tables allow-list of database 'DB'"],
  ['$where', 'find', { table: 'logs', filter: { $where: 'sleep(5)' } }, 'input.filter.$where', "input.filter.$where: unknown operator '$where'"],
  ['$regex', 'deleteMany', { table: 'logs', filter: { message: { $regex: '.*' } } }, 'input.filter.message.$regex', "input.filter.message.$regex: unknown operator '$regex'"],
  ['an operator object as a value', 'deleteMany', { table: 'logs', filter: { level: { $eq: { $ne: null } } } }, 'input.filter.level.$eq', 'input.filter.level.$eq: expected a scalar (string, number, boolean, null or ISO date string), got object'],
  ['an operator object in data', 'updateMany', { table: 'logs', filter: { id: 1 }, data: { level: { $gt: '' } } }, 'input.data.level', 'input.data.level: expected a scalar (string, number, boolean or null), got object'],
  ['a 1001-item $in', 'deleteMany', { table: 'logs', filter: { id: { $in: Array.from({ length: 1001 }, (_, i) => i) } } }, 'input.filter.id.$in', 'input.filter.id.$in: at most 1000 values, got 1001'],
  ['a filter nested 9 deep', 'deleteMany', { table: 'logs', filter: deep(8) }, 'input.filter', 'input.filter: nested deeper than 8 levels'],
  ['an empty deleteMany filter', 'deleteMany', { table: 'logs', filter: {} }, 'input.filter', 'input.filter must not be empty for deleteMany; to touch every row, give all: true'],
  ['a statement in a sort key', 'find', { table: 'logs', sort: { 'id; DROP TABLE logs': 'asc' } }, 'input.sort.id; DROP TABLE logs', "input.sort.id; DROP TABLE logs: unknown column 'id; DROP TABLE logs'"],
  ['SQL as a sort direction', 'find', { table: 'logs', sort: { id: 'asc; DROP TABLE logs' } }, 'input.sort.id', 'input.sort.id must be "asc", "desc", 1 or -1'],
  ['a star in fields', 'find', { table: 'logs', fields: ['*'] }, 'input.fields[0]', "input.fields[0]: unknown column '*'"],
  ['an unknown operation', 'drop', { table: 'logs' }, '', 'operation must be one of find, findOne, count, insert, updateOne, updateMany, deleteOne, deleteMany, upsert, aggregate'],
  ['a string as the filter', 'deleteMany', { table: 'logs', filter: "1=1; DROP TABLE logs" }, 'input.filter', 'input.filter: expected a filter object, got string'],
];

/** Accepted, then failed for good when the run meets the real schema: [label, operation, input, error]. */
const FAILED_RUNS: Array<[string, string, unknown, string]> = [
  ['an unknown column in a filter', 'deleteMany', { table: 'logs', filter: { password: { $ne: null } } }, "input.filter.password: unknown column 'password' in table 'logs'"],
  ['an unknown column in fields', 'find', { table: 'logs', fields: ['id', 'value'] }, "input.fields[1]: unknown column 'value' in table 'logs'"],
  ['an unknown column in data', 'updateMany', { table: 'logs', filter: { id: 1 }, data: { is_admin: true } }, "input.data.is_admin: unknown column 'is_admin' in table 'logs'"],
  ['a column of another table', 'deleteOne', { table: 'inventory', filter: { level: 'info' } }, "input.filter.level: unknown column 'level' in table 'inventory'"],
];

const REFUSED_KEY = 'is not allowed: __proto__ and constructor.prototype keys are refused';

/** SQL-looking values: bound as data, so they match nothing and change nothing. */
const INERT_VALUES = ["x' OR '1'='1", "'; DROP TABLE logs; --", "a') OR 1=1 -- ", '/* */ OR 1=1', "\\'; DELETE FROM logs; --", '\\'];

describe('database namespaces under injection attempts', () => {
  const targets = {} as Record<Engine, TargetDatabase>;
  let t: TestApp | undefined;
  const client = databaseClient(() => t as TestApp);

  beforeAll(async () => {
    targets.mariadb = await mariadbTarget('inject');
    targets.postgres = await postgresTarget('inject');
    for (const target of Object.values(targets)) {
      await createTables(target);
      await seedLogs(target, [
        { level: 'info', message: 'kept', qty: 1, createdAt: '2024-01-01T00:00:00.000Z' },
        { level: 'warn', message: "it's", qty: 2, createdAt: '2024-01-02T00:00:00.000Z' },
      ]);
      await target.query("INSERT INTO inventory (sku, qty, price) VALUES ('a', 1, 1.00), ('b', 2, 2.00)");
      await target.query("INSERT INTO secrets (id, value) VALUES (1, 'top')");
    }
    t = await startTestApp('databases_inject', databasesRegistry(targets));
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all(Object.values(targets).map((target) => target.drop()));
  });

  describe.each<Engine>(['mariadb', 'postgres'])('on %s', (engine) => {
    const db = DATABASE_NAMES[engine];
    const target = () => targets[engine];
    const TABLES = ['logs', 'inventory', 'secrets'];
    let before: string[];
    beforeAll(async () => (before = await Promise.all(TABLES.map((table) => target().checksum(table)))));
    afterAll(async () => expect(await Promise.all(TABLES.map((table) => target().checksum(table)))).toEqual(before));

    it.each(REFUSED)('refuses %s at dispatch with a 400 naming the field, writing no job', async (_label, operation, input, field, message) => {
      const jobs = await countRows((t as TestApp).dataSource, 'jobs');
      const res = await client.operation(db, operation, input).expect(400);
      expect(res.body).toMatchObject({ ...(field && { field }), message: [message.replace("'DB'", `'${db}'`)] });
      expect(await countRows((t as TestApp).dataSource, 'jobs')).toBe(jobs);
    });

    // The service refuses prototype keys in any body before it reaches the namespace, which refuses them again.
    it('refuses __proto__ keys in a filter, in data and as a placeholder value source', async () => {
      const send = (path: string, body: string) => (t as TestApp).http.post(path).set('content-type', 'application/json').send(body);
      const head = `"env":"prd","product":"shop","database":"${db}"`;
      const filter = await send('/databases/dispatch', `{${head},"operation":"deleteMany","input":{"table":"logs","filter":{"__proto__":{"$ne":null}}}}`).expect(400);
      expect(filter.body).toMatchObject({ field: 'input.filter.__proto__', message: [`input.filter.__proto__ ${REFUSED_KEY}`] });
      const data = await send('/databases/dispatch', `{${head},"operation":"insert","input":{"table":"logs","data":{"__proto__":{"level":"x"}}}}`).expect(400);
      expect(data.body).toMatchObject({ field: 'input.data.__proto__', message: [`input.data.__proto__ ${REFUSED_KEY}`] });
      const action = await send('/databases/actions/dispatch', `{${head},"event":"set_qty","input":{"query":{"__proto__":{"qty":1,"sku":"a"}}}}`).expect(400);
      expect(action.body).toMatchObject({ field: 'input.query.__proto__', message: [`input.query.__proto__ ${REFUSED_KEY}`] });
    });

    it('refuses an operator object as a placeholder value, so a template cannot be widened', async () => {
      const res = await client.action(db, 'restock', { query: { skus: { $ne: null }, qty: 0 } }).expect(400);
      expect(res.body).toMatchObject({ field: 'input.query.skus', message: ['input.query.skus: expected a scalar (string, number, boolean or null) or a list of them, got object'] });
      const inList = await client.action(db, 'restock', { query: { skus: [{ $gt: '' }], qty: 0 } }).expect(400);
      expect(inList.body).toMatchObject({ field: 'input.query.skus[0]', message: ['input.query.skus[0]: expected a string, number or boolean, got object'] });
    });

    it.each(FAILED_RUNS)('fails %s at run time, naming the column, without retries', async (_label, operation, input, error) => {
      const res = await client.operation(db, operation, input, { retries: 3 }).expect(201);
      expect(await client.finished(res.body.job_id)).toMatchObject({ status: 'failed', run_count: 1, last_error: error });
      const runs = await client.runs(res.body.job_id);
      expect(runs).toEqual([expect.objectContaining({ attempt: 1, status: 'failed', error })]);
    });

    it('binds SQL-looking values as data in filters, templates and SQL actions: nothing matches, nothing runs', async () => {
      for (const value of INERT_VALUES) {
        const ops = [
          client.operation(db, 'deleteMany', { table: 'logs', filter: { $or: [{ message: value }, { level: { $in: [value, 'nope'] } }, { message: { $like: value.replace(/[\\%_]/g, '') } }] } }),
          client.operation(db, 'updateMany', { table: 'inventory', filter: { sku: value }, data: { qty: 0 } }),
          client.action(db, 'set_qty', { query: { qty: 0, sku: value } }),
          client.action(db, 'restock', { query: { skus: [value], qty: 0 } }),
        ];
        for (const res of await Promise.all(ops)) {
          expect(res.status).toBe(201);
          expect(await client.finished(res.body.job_id)).toMatchObject({ status: 'completed' });
          expect((await client.runs(res.body.job_id))[0].result).toMatchObject({ affected: 0 });
        }
      }
      // Found as the text it is, not as SQL: a value with a quote matches the one row that holds it.
      const found = await client.operation(db, 'find', { table: 'logs', filter: { message: "it's" }, fields: ['level'] }).expect(201);
      await client.finished(found.body.job_id);
      expect((await client.runs(found.body.job_id))[0].result).toMatchObject({ count: 1, rows: [{ level: 'warn' }] });
    });
  });
});
