import type { DatabaseOperation } from '../../../resources/sections/databases.section';
import type { ColumnInfo, TableSchema } from '../schema/schema-catalog';
import { MYSQL_DIALECT, POSTGRES_DIALECT, SqlDialect } from '../schema/sql-dialect';
import { InputProblem } from './input-problem';
import { checkOperationInput } from './operation-input';
import { buildOperationSql, columnValue } from './operation-sql';

const columns = (names: string[], dates: string[] = []): Map<string, ColumnInfo> =>
  new Map(names.map((name) => [name, { name, ...(dates.includes(name) && { dateKind: 'zoneless' as const }) }]));
const LOGS: TableSchema = { name: 'logs', columns: columns(['id', 'level', 'qty', 'createdAt'], ['createdAt']), primaryKey: ['id'] };
const NOTES: TableSchema = { name: 'notes', columns: columns(['author', 'body']), primaryKey: [] };
const PAIRS: TableSchema = { name: 'pairs', columns: columns(['a', 'b', 'v']), primaryKey: ['a', 'b'] };

const build = (operation: DatabaseOperation, input: Record<string, unknown>, dialect: SqlDialect = MYSQL_DIALECT, schema = LOGS) =>
  buildOperationSql(operation, checkOperationInput(operation, { table: schema.name, ...input }), schema, dialect);

describe('buildOperationSql', () => {
  it.each<[string, DatabaseOperation, Record<string, unknown>, SqlDialect, string]>([
    ['find', 'find', { filter: { level: 'x' }, fields: ['id'], sort: { qty: -1 }, limit: 5, offset: 10 }, MYSQL_DIALECT, 'SELECT `id` FROM `logs` WHERE `level` = :f0 ORDER BY `qty` DESC LIMIT :d0 OFFSET :d1'],
    ['findOne', 'findOne', {}, POSTGRES_DIALECT, 'SELECT * FROM "logs" WHERE 1 = 1 LIMIT :d0'],
    ['count', 'count', { filter: { qty: { $gt: 1 } } }, POSTGRES_DIALECT, 'SELECT COUNT(*) AS "count" FROM "logs" WHERE "qty" > :f0'],
    ['insert with a default', 'insert', { data: [{ level: 'a' }, { qty: 1 }] }, MYSQL_DIALECT, 'INSERT INTO `logs` (`level`, `qty`) VALUES (:d0, DEFAULT), (DEFAULT, :d1)'],
    ['updateMany', 'updateMany', { filter: { id: 1 }, data: { level: 'b' } }, MYSQL_DIALECT, 'UPDATE `logs` SET `level` = :d0 WHERE `id` = :f0'],
    ['deleteMany', 'deleteMany', { all: true }, POSTGRES_DIALECT, 'DELETE FROM "logs" WHERE 1 = 1'],
    ['updateOne on MySQL', 'updateOne', { filter: { level: 'x' }, data: { qty: 0 }, sort: { id: 1 } }, MYSQL_DIALECT, 'UPDATE `logs` SET `qty` = :d0 WHERE `level` = :f0 ORDER BY `id` ASC LIMIT 1'],
    ['updateOne on Postgres', 'updateOne', { filter: { level: 'x' }, data: { qty: 0 } }, POSTGRES_DIALECT, 'UPDATE "logs" SET "qty" = :d0 WHERE "id" IN (SELECT "id" FROM "logs" WHERE "level" = :f0 LIMIT 1)'],
    ['deleteOne on MySQL', 'deleteOne', { filter: { level: 'x' } }, MYSQL_DIALECT, 'DELETE FROM `logs` WHERE `level` = :f0 LIMIT 1'],
    ['deleteOne on Postgres', 'deleteOne', { filter: { level: 'x' }, sort: { qty: 'desc' } }, POSTGRES_DIALECT, 'DELETE FROM "logs" WHERE "id" IN (SELECT "id" FROM "logs" WHERE "level" = :f0 ORDER BY "qty" DESC LIMIT 1)'],
    ['upsert on MySQL', 'upsert', { data: { id: 1, level: 'a' } }, MYSQL_DIALECT, 'INSERT INTO `logs` (`id`, `level`) VALUES (:d0, :d1) ON DUPLICATE KEY UPDATE `level` = VALUES(`level`)'],
    ['upsert on Postgres', 'upsert', { data: { id: 1, level: 'a' } }, POSTGRES_DIALECT, 'INSERT INTO "logs" ("id", "level") VALUES (:d0, :d1) ON CONFLICT ("id") DO UPDATE SET "level" = EXCLUDED."level"'],
    ['upsert of keys only', 'upsert', { data: { id: 1 } }, POSTGRES_DIALECT, 'INSERT INTO "logs" ("id") VALUES (:d0) ON CONFLICT ("id") DO NOTHING'],
    ['upsert of keys only on MySQL', 'upsert', { data: { id: 1 } }, MYSQL_DIALECT, 'INSERT INTO `logs` (`id`) VALUES (:d0) ON DUPLICATE KEY UPDATE `id` = `id`'],
    ['aggregate', 'aggregate', { groupBy: ['level'], aggregate: { sum: ['qty'], avg: ['qty'] }, sort: { sum_qty: 'desc', level: 1 } }, POSTGRES_DIALECT,
      'SELECT "level", COUNT(*) AS "count", SUM("qty") AS "sum_qty", AVG("qty") AS "avg_qty" FROM "logs" WHERE 1 = 1 GROUP BY "level" ORDER BY "sum_qty" DESC, "level" ASC LIMIT :d0'],
  ])('%s', (_label, operation, input, dialect, sql) => {
    expect(build(operation, input, dialect).sql).toBe(sql);
  });

  it('picks one row by ctid on a Postgres table without a key, and by the whole key when it has several columns', () => {
    expect(build('deleteOne', { filter: { author: 'a' } }, POSTGRES_DIALECT, NOTES).sql).toBe('DELETE FROM "notes" WHERE ctid IN (SELECT ctid FROM "notes" WHERE "author" = :f0 LIMIT 1)');
    expect(build('updateOne', { filter: { v: 1 }, data: { v: 2 } }, POSTGRES_DIALECT, PAIRS).sql).toBe(
      'UPDATE "pairs" SET "v" = :d0 WHERE ("a", "b") IN (SELECT "a", "b" FROM "pairs" WHERE "v" = :f0 LIMIT 1)',
    );
  });

  it('binds every value, converting ISO instants for zone-less date columns only', () => {
    const statement = build('updateMany', { filter: { createdAt: { $lt: '2025-01-01T01:00:00+01:00' }, level: '2025-01-01T00:00:00Z' }, data: { createdAt: '2024-06-01T12:00:00.5Z', level: "x'; --" } });
    expect(statement.parameters).toEqual({ d0: '2024-06-01 12:00:00.500', d1: "x'; --", f0: '2025-01-01 00:00:00.000', f1: '2025-01-01T00:00:00Z' });
    expect(statement.sql).not.toContain("x'");
  });

  it('names an unknown column with its table, wherever it appears', () => {
    const fails = (operation: DatabaseOperation, input: Record<string, unknown>, dialect = MYSQL_DIALECT, schema = LOGS) => {
      try {
        build(operation, input, dialect, schema);
      } catch (error) {
        expect(error).toBeInstanceOf(InputProblem);
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(fails('find', { filter: { $or: [{ id: 1 }, { pw: 1 }] } })).toBe("input.filter.$or[1].pw: unknown column 'pw' in table 'logs'");
    expect(fails('find', { fields: ['id', 'pw'] })).toBe("input.fields[1]: unknown column 'pw' in table 'logs'");
    expect(fails('find', { sort: { pw: 1 } })).toBe("input.sort.pw: unknown column 'pw' in table 'logs'");
    expect(fails('insert', { data: [{ id: 1 }, { pw: 1 }] })).toBe("input.data[1].pw: unknown column 'pw' in table 'logs'");
    expect(fails('updateMany', { data: { pw: 1 }, all: true })).toBe("input.data.pw: unknown column 'pw' in table 'logs'");
    expect(fails('aggregate', { aggregate: { sum: ['pw'] } })).toBe("input.aggregate.sum[0]: unknown column 'pw' in table 'logs'");
    expect(fails('aggregate', { aggregate: { sum: ['qty'] }, sort: { qty: 1 } })).toBe('input.sort.qty: sort by a groupBy column or an output (count, sum_qty)');
    expect(fails('upsert', { data: { author: 'a' } }, POSTGRES_DIALECT, NOTES)).toBe(
      "input.conflict is required: table 'notes' has no primary key; name the columns of a unique key",
    );
  });
});

describe('columnValue', () => {
  it('leaves values of other columns, and strings that are not instants, as they are', () => {
    expect(columnValue({ name: 'a' }, '2025-01-01T00:00:00Z')).toBe('2025-01-01T00:00:00Z');
    expect(columnValue({ name: 'a', dateKind: 'zoned' }, '2025-01-01T00:00:00Z')).toBe('2025-01-01T00:00:00Z');
    expect(columnValue({ name: 'a', dateKind: 'zoneless' }, '2025-01-01')).toBe('2025-01-01');
    expect(columnValue({ name: 'a', dateKind: 'zoneless' }, 5)).toBe(5);
    expect(columnValue({ name: 'a', dateKind: 'zoneless' }, '2025-01-01T23:30:00-0130')).toBe('2025-01-02 01:00:00.000');
  });
});
