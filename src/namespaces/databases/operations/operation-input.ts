import { DATABASE_OPERATIONS, DatabaseOperation, IDENTIFIER } from '../../../resources/sections/databases.section';
import { FilterError, translateFilter } from '../filter';
import { describeValue, FORBIDDEN_KEYS, InputProblem, isPlainObject, isScalar, Scalar } from './input-problem';

/** Most rows an operation returns, inserts or upserts in one run. */
export const MAX_ROWS = 1000;
/** Bound parameters in one statement: MySQL and Postgres both stop at 65535. */
export const MAX_VALUES = 65_535;
export const AGGREGATE_FUNCTIONS = ['sum', 'avg', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export type Row = Record<string, Scalar>;
export type SortDirection = 'ASC' | 'DESC';

/** The `input` of a database operation (DESIGN §1), checked and normalised. */
export interface OperationInput {
  table: string;
  filter: Record<string, unknown>;
  /** Rows for insert and upsert, the new values (one row) for updates. */
  data?: Row[];
  fields?: string[];
  sort?: Array<[string, SortDirection]>;
  limit?: number;
  offset?: number;
  all?: boolean;
  groupBy?: string[];
  aggregate?: Partial<Record<AggregateFunction, string[]>>;
  /** Upsert on Postgres: the columns of the unique key that decides a conflict; default the primary key. */
  conflict?: string[];
}

type Field = keyof OperationInput;

/** Which input fields each operation takes besides `table`; anything else is a 400 naming it. */
const FIELDS: Record<DatabaseOperation, readonly Field[]> = {
  find: ['filter', 'fields', 'sort', 'limit', 'offset'],
  findOne: ['filter', 'fields', 'sort', 'offset'],
  count: ['filter'],
  insert: ['data'],
  updateOne: ['filter', 'data', 'sort'],
  updateMany: ['filter', 'data', 'all'],
  deleteOne: ['filter', 'sort'],
  deleteMany: ['filter', 'all'],
  upsert: ['data', 'conflict'],
  aggregate: ['filter', 'groupBy', 'aggregate', 'sort', 'limit', 'offset'],
};
const MANY_ROWS: ReadonlySet<DatabaseOperation> = new Set(['insert', 'upsert']);
const GUARDED: ReadonlySet<DatabaseOperation> = new Set(['updateMany', 'deleteMany']);

export function isOperation(value: unknown): value is DatabaseOperation {
  return (DATABASE_OPERATIONS as readonly unknown[]).includes(value);
}

/** A column name we can quote without surprise; whether the table has it is checked against its schema at run time. */
export function isColumnName(name: string): boolean {
  return IDENTIFIER.test(name) && !FORBIDDEN_KEYS.has(name);
}

const ANY_COLUMN: ReadonlySet<string> = { has: (name: string) => isColumnName(name) } as ReadonlySet<string>;

/**
 * Checks an operation's input as far as it can be judged without the database: shape, operators,
 * depth, list sizes, and the guard on filter-less updateMany/deleteMany. Throws InputProblem naming
 * the field (`input.filter.age.$gt`); the dispatch answers it with a 400, the executor fails the run.
 */
export function checkOperationInput(operation: string, raw: unknown): OperationInput {
  if (!isOperation(operation)) {
    throw new InputProblem('operation', `operation must be one of ${DATABASE_OPERATIONS.join(', ')}`);
  }
  if (!isPlainObject(raw)) throw new InputProblem('input', `input: expected an object, got ${describeValue(raw)}`);
  const allowed = new Set<string>(['table', ...FIELDS[operation]]);
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) throw new InputProblem(`input.${key}`, `input.${key} is not allowed with operation '${operation}' (allowed: ${[...allowed].join(', ')})`);
  }
  const table = raw.table;
  if (typeof table !== 'string' || !isColumnName(table)) {
    throw new InputProblem('input.table', 'input.table must be a table name (letters, digits, _ and $, not starting with a digit, at most 64)');
  }
  const input: OperationInput = { table, filter: checkFilter(raw.filter) };
  if (allowed.has('data')) input.data = checkData(operation, raw.data);
  if (raw.fields !== undefined) input.fields = columnList(raw.fields, 'input.fields', 100);
  if (raw.groupBy !== undefined) input.groupBy = columnList(raw.groupBy, 'input.groupBy', 16);
  if (raw.conflict !== undefined) input.conflict = columnList(raw.conflict, 'input.conflict', 16);
  if (raw.sort !== undefined) input.sort = checkSort(raw.sort);
  if (raw.limit !== undefined) input.limit = integer(raw.limit, 'input.limit', 1, MAX_ROWS);
  if (raw.offset !== undefined) input.offset = integer(raw.offset, 'input.offset', 0, Number.MAX_SAFE_INTEGER);
  if (raw.all !== undefined) {
    if (typeof raw.all !== 'boolean') throw new InputProblem('input.all', 'input.all must be a boolean');
    input.all = raw.all;
  }
  if (operation === 'aggregate') input.aggregate = checkAggregate(raw.aggregate);
  if (GUARDED.has(operation) && Object.keys(input.filter).length === 0 && input.all !== true) {
    throw new InputProblem('input.filter', `input.filter must not be empty for ${operation}; to touch every row, give all: true`);
  }
  return input;
}

function checkFilter(filter: unknown): Record<string, unknown> {
  if (filter === undefined) return {};
  try {
    translateFilter(filter, ANY_COLUMN);
  } catch (error) {
    if (error instanceof FilterError) throw new InputProblem(`input.${error.path}`, `input.${error.message}`);
    throw error;
  }
  return filter as Record<string, unknown>;
}

function checkData(operation: DatabaseOperation, data: unknown): Row[] {
  if (data === undefined) throw new InputProblem('input.data', `input.data is required for ${operation}`);
  const many = MANY_ROWS.has(operation);
  if (Array.isArray(data)) {
    if (!many) throw new InputProblem('input.data', `input.data must be one object of column values for ${operation}`);
    if (data.length === 0 || data.length > MAX_ROWS) {
      throw new InputProblem('input.data', `input.data must hold 1 to ${MAX_ROWS} rows, got ${data.length}`);
    }
  }
  const rows = (Array.isArray(data) ? data : [data]).map((row, i) => checkRow(row, Array.isArray(data) ? `input.data[${i}]` : 'input.data'));
  if (operation === 'upsert') {
    // One column list for every row: a row that left a column out would overwrite it with its default.
    const columns = Object.keys(rows[0]).sort().join(',');
    const odd = rows.findIndex((row) => Object.keys(row).sort().join(',') !== columns);
    if (odd !== -1) throw new InputProblem(`input.data[${odd}]`, `input.data[${odd}]: every row of an upsert must give the same columns`);
  }
  const values = rows.reduce((sum, row) => sum + Object.keys(row).length, 0);
  if (values > MAX_VALUES) throw new InputProblem('input.data', `input.data holds ${values} values; at most ${MAX_VALUES} fit one statement`);
  return rows;
}

function checkRow(row: unknown, path: string): Row {
  if (!isPlainObject(row)) throw new InputProblem(path, `${path}: expected an object of column values, got ${describeValue(row)}`);
  const keys = Object.keys(row);
  if (keys.length === 0) throw new InputProblem(path, `${path}: expected at least one column`);
  for (const key of keys) {
    if (!isColumnName(key)) throw new InputProblem(`${path}.${key}`, `${path}.${key}: unknown column '${key}'`);
    if (!isScalar(row[key])) {
      throw new InputProblem(`${path}.${key}`, `${path}.${key}: expected a scalar (string, number, boolean or null), got ${describeValue(row[key])}`);
    }
  }
  return row as Row;
}

function columnList(value: unknown, path: string, max: number): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    throw new InputProblem(path, `${path} must be a list of 1 to ${max} column names`);
  }
  value.forEach((name, i) => {
    if (typeof name !== 'string' || !isColumnName(name)) throw new InputProblem(`${path}[${i}]`, `${path}[${i}]: unknown column '${String(name)}'`);
  });
  return [...new Set(value as string[])];
}

function checkSort(sort: unknown): Array<[string, SortDirection]> {
  if (!isPlainObject(sort) || Object.keys(sort).length === 0 || Object.keys(sort).length > 16) {
    throw new InputProblem('input.sort', 'input.sort must be an object of 1 to 16 columns, each "asc", "desc", 1 or -1');
  }
  return Object.entries(sort).map(([column, direction]): [string, SortDirection] => {
    if (!isColumnName(column)) throw new InputProblem(`input.sort.${column}`, `input.sort.${column}: unknown column '${column}'`);
    const lower = typeof direction === 'string' ? direction.toLowerCase() : direction;
    if (lower === 'asc' || lower === 1) return [column, 'ASC'];
    if (lower === 'desc' || lower === -1) return [column, 'DESC'];
    throw new InputProblem(`input.sort.${column}`, `input.sort.${column} must be "asc", "desc", 1 or -1`);
  });
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputProblem(path, `${path} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function checkAggregate(value: unknown): Partial<Record<AggregateFunction, string[]>> {
  const expected = `input.aggregate must be an object of ${AGGREGATE_FUNCTIONS.join(', ')}, each a list of columns`;
  if (!isPlainObject(value) || Object.keys(value).length === 0) throw new InputProblem('input.aggregate', expected);
  const out: Partial<Record<AggregateFunction, string[]>> = {};
  for (const [fn, columns] of Object.entries(value)) {
    if (!(AGGREGATE_FUNCTIONS as readonly string[]).includes(fn)) {
      throw new InputProblem(`input.aggregate.${fn}`, `input.aggregate.${fn}: unknown function (expected ${AGGREGATE_FUNCTIONS.join(', ')})`);
    }
    out[fn as AggregateFunction] = columnList(columns, `input.aggregate.${fn}`, 32);
  }
  return out;
}
