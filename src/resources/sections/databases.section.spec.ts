import { join } from 'node:path';
import { formatProblem } from '../registry-errors';
import { validateRegistry } from '../registry-validator';
import { ResourceRegistry } from '../resource-registry';
import { DATABASES_SECTION, databaseActionProblems, ResolvedDatabase, sqlPlaceholders } from './databases.section';

const PATH = 'products.shop.databases';

function validate(databases: Record<string, unknown>) {
  const doc = { products: { shop: { envs: ['dev', 'prd'], databases } } };
  const result = validateRegistry(doc, { databases: DATABASES_SECTION });
  const entries = result.products[0]?.entries.databases;
  return {
    problems: result.problems.map(formatProblem),
    database: (name: string, env = 'prd') => entries?.get(name)?.(env) as ResolvedDatabase,
  };
}

describe('databases section', () => {
  it('reads the design example with its defaults', () => {
    const env = { MAIL_TOKEN: 'm', EXPO_TOKEN: 'e', TW_SID: 's', TW_TOKEN: 't', HOOK_SECRET: 'h', S3_KEY: 'k', S3_SECRET: 'x' };
    const registry = ResourceRegistry.fromFile(join(__dirname, '..', 'fixtures', 'design-example.yaml'), env);
    expect(registry.entry<ResolvedDatabase>('shop', 'dev', 'databases', 'logs-db')).toEqual({
      type: 'mariadb',
      url: 'mysql://root@127.0.0.1:3306/logs',
      tables: ['logs', 'inventory'],
      pool_size: 10,
      statement_timeout: 600_000,
      actions: {
        purge_old: { operation: 'deleteMany', table: 'logs', filter: { createdAt: { $lt: '{{before}}' } } },
        sync_inventory: { sql: 'UPDATE inventory SET qty = :qty WHERE sku = :sku' },
      },
    });
    expect(() => registry.entry('shop', 'dev', 'databases', 'nope')).toThrow("Unknown database 'nope' in product 'shop'");
  });

  it('takes per-env urls, every type and every template field', () => {
    const { problems, database } = validate({
      logs: { type: 'mysql', url: { dev: 'mysql://root@127.0.0.1/dev', prd: 'mariadb://u:p@db:3306/prd' }, pool_size: 3, statement_timeout: '30s' },
      pg: {
        type: 'postgres',
        url: 'postgresql://postgres@127.0.0.1:5432/app',
        actions: {
          totals: { operation: 'aggregate', table: 'orders', groupBy: ['sku'], aggregate: { sum: ['qty'] }, sort: { sku: 'asc' }, limit: '{{n}}', offset: 0 },
          wipe: { operation: 'deleteMany', table: 'orders', all: true },
          pick: { operation: 'find', table: 'orders', fields: ['id', 'sku'], filter: { sku: '{{sku}}' }, data: { a: 1 } },
        },
      },
    });
    expect(problems).toEqual([]);
    expect(database('logs', 'dev')).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1/dev', pool_size: 3, statement_timeout: 30_000 });
    expect(database('logs')).toMatchObject({ url: 'mariadb://u:p@db:3306/prd' });
    expect(database('pg').actions?.totals).toEqual({
      operation: 'aggregate',
      table: 'orders',
      groupBy: ['sku'],
      aggregate: { sum: ['qty'] },
      sort: { sku: 'asc' },
      limit: '{{n}}',
      offset: 0,
    });
  });

  it('names each bad key by its path', () => {
    const { problems } = validate({
      a: { type: 'sqlite', url: 'file:x' },
      b: { type: 'postgres', url: 'mysql://x/db' },
      c: { type: 'mariadb', url: { dev: 'mysql://x/db' }, tables: [], pool_size: 0, statement_timeout: '2d' },
      d: { type: 'mysql', url: 'mysql://x/db', tables: ['ok', 'bad name'], host: 'x' },
      e: {
        type: 'mysql',
        url: 'mysql://x/db',
        actions: {
          'bad name': { sql: 'SELECT 1' },
          op: { operation: 'drop', table: 'logs; DROP', limit: -1, all: 'yes', fields: ['a-b'] },
          unknown: { sql: 'SELECT 1', where: 'x' },
        },
      },
    });
    expect(problems).toEqual([
      `${PATH}.a.type: must be one of mysql, mariadb, postgres`,
      `${PATH}.b.url: must be a URL with scheme postgres or postgresql`,
      `${PATH}.c.url: no value for env 'prd'`,
      `${PATH}.c.tables: must not be empty`,
      `${PATH}.c.pool_size: must be an integer from 1 to 100`,
      `${PATH}.c.statement_timeout: must be a duration greater than 0 and at most 86400000 ms`,
      `${PATH}.d.host: is not a known key`,
      `${PATH}.d.tables[1]: must be a table or column name (letters, digits, _ and $, not starting with a digit, at most 64)`,
      `${PATH}.e.actions.bad name: must be an action name: letters, digits, _ . : - (at most 128)`,
      `${PATH}.e.actions.op.operation: must be one of find, findOne, count, insert, updateOne, updateMany, deleteOne, deleteMany, upsert, aggregate`,
      `${PATH}.e.actions.op.table: must be a table or column name (letters, digits, _ and $, not starting with a digit, at most 64)`,
      `${PATH}.e.actions.op.fields[0]: must be a table or column name (letters, digits, _ and $, not starting with a digit, at most 64)`,
      `${PATH}.e.actions.op.limit: must be an integer of 0 or more, or a "{{placeholder}}"`,
      `${PATH}.e.actions.op.all: must be true or false`,
      `${PATH}.e.actions.unknown.where: is not a known key`,
    ]);
  });
});

describe('databaseActionProblems', () => {
  const database = (actions: Record<string, unknown>, tables?: string[]): ResolvedDatabase =>
    ({ type: 'mariadb', url: 'mysql://x/db', pool_size: 10, statement_timeout: 600_000, ...(tables && { tables }), actions }) as ResolvedDatabase;
  const problems = (db: ResolvedDatabase) => databaseActionProblems('shop', 'logs-db', db).map(formatProblem);
  const at = `${PATH}.logs-db.actions`;

  it('accepts operation templates with a table and sql alone', () => {
    expect(problems(database({ a: { operation: 'count', table: 'logs' }, b: { sql: 'SELECT 1' } }, ['logs']))).toEqual([]);
  });

  it('refuses positional placeholders in sql', () => {
    expect(problems(database({ a: { sql: "SELECT '?' FROM t WHERE x = :x" } }))).toEqual([`${at}.a.sql: must use :name placeholders only (no ?)`]);
    const pg = { ...database({ a: { sql: 'SELECT $1::int' }, b: { sql: "SELECT '$1', :x" } }), type: 'postgres' as const };
    expect(problems(pg)).toEqual([`${at}.a.sql: must use :name placeholders only (no $1)`]);
  });

  it('refuses mixed, incomplete and out-of-list actions', () => {
    expect(
      problems(
        database(
          {
            mixed: { sql: 'DELETE FROM logs', table: 'logs' },
            bare: { table: 'logs' },
            tableless: { operation: 'find' },
            outside: { operation: 'find', table: 'users' },
          },
          ['logs'],
        ),
      ),
    ).toEqual([
      `${at}.mixed.table: is not allowed with sql (an action is either sql or an operation template)`,
      `${at}.bare.operation: is required (or give sql)`,
      `${at}.tableless.table: is required with operation`,
      `${at}.outside.table: names a table that is not in the tables allow-list of database 'logs-db'`,
    ]);
  });
});

describe('sqlPlaceholders', () => {
  it.each<[string, string[]]>([
    ['UPDATE inventory SET qty = :qty WHERE sku = :sku', ['qty', 'sku']],
    ['SELECT :a, :a, :b_2', ['a', 'b_2']],
    ["SELECT ':inside', \"col:x\", `t:y` -- :comment\n, :real /* :c */", ['real']],
    ['SELECT x::text, :v::int FROM t', ['v']],
    ['SELECT 1', []],
  ])('%s', (sql, names) => expect(sqlPlaceholders(sql)).toEqual(names));
});
