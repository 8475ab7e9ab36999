import { FilterError } from './filter-errors';
import { COMPARISON_SQL, LOGICAL_OPS, resolveOperator } from './filter-operators';
import { describeValue, exceedsDepth, isPlainObject } from '../../../common/plain-values';

/** Every object or array level counts, so `{ a: { $in: [1] } }` is 3 deep. */
export const MAX_FILTER_DEPTH = 8;
export const MAX_IN_VALUES = 1000;

export interface TranslateOptions {
  /** Identifier quoting; defaults to MySQL backticks. Postgres callers pass double quotes. */
  quote?: (name: string) => string;
  /**
   * Maps a value before it is bound, knowing its column: the database layer uses it to put ISO dates
   * into the form a zone-less date column compares correctly. Never changes the SQL text.
   */
  bindValue?: (column: string, value: string | number | boolean) => unknown;
}

export interface TranslatedFilter {
  /** SQL boolean expression with `:fN` named placeholders, for `queryBuilder.where()`. */
  where: string;
  parameters: Record<string, unknown>;
}

type Scalar = string | number | boolean | null;

/** An expression plus whether it can be combined with AND/OR without parentheses. */
interface Expr {
  sql: string;
  atomic: boolean;
}

interface Context {
  columns: ReadonlySet<string>;
  column: (name: string) => string;
  parameters: Record<string, unknown>;
  next: number;
  bindValue?: TranslateOptions['bindValue'];
  /** The column whose operators are being translated, for `bindValue`. */
  current: string;
}

// These names resolve through the prototype chain on plain objects, so they can
// never be trusted as real columns even if a caller's allow-list contains them.
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const SCALAR = 'a scalar (string, number, boolean, null or ISO date string)';
const NON_NULL_SCALAR = 'a non-null scalar (string, number, boolean or ISO date string)';
const TRUE_SQL: Expr = { sql: '1 = 1', atomic: true };
const FALSE_SQL: Expr = { sql: '1 = 0', atomic: true };

export const backtickQuote = (name: string): string => '`' + name.replace(/`/g, '``') + '`';
export const doubleQuote = (name: string): string => '"' + name.replace(/"/g, '""') + '"';

/**
 * Translates a filter document into a parameterised SQL condition. Values are
 * only ever bound as parameters; identifiers only come from `columns`.
 *
 * Empty `{}` yields `1 = 1`; an empty `$in` yields `1 = 0` and an empty `$nin`
 * `1 = 1`, matching the set semantics. `$ne` is plain SQL `<>`, so NULL rows
 * do not match it.
 */
export function translateFilter(
  filter: unknown,
  columns: ReadonlySet<string>,
  alias?: string,
  options: TranslateOptions = {},
): TranslatedFilter {
  const quote = options.quote ?? backtickQuote;
  // Checked up front and without deep recursion so hostile nesting cannot exhaust the stack.
  if (exceedsDepth(filter, MAX_FILTER_DEPTH)) {
    throw new FilterError('filter', `nested deeper than ${MAX_FILTER_DEPTH} levels`);
  }
  const ctx: Context = {
    columns,
    column: (name) => (alias === undefined ? quote(name) : `${quote(alias)}.${quote(name)}`),
    parameters: {},
    next: 0,
    bindValue: options.bindValue,
    current: '',
  };
  const expr = translateFilterObject(filter, 'filter', ctx);
  return { where: expr.sql, parameters: ctx.parameters };
}




function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function expectScalar(value: unknown, path: string): Scalar {
  if (!isScalar(value)) throw new FilterError(path, `expected ${SCALAR}, got ${describeValue(value)}`);
  return value;
}

function expectNonNullScalar(value: unknown, path: string): Exclude<Scalar, null> {
  if (value === null || !isScalar(value)) {
    throw new FilterError(path, `expected ${NON_NULL_SCALAR}, got ${describeValue(value)}`);
  }
  return value;
}

function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new FilterError(path, `expected a boolean, got ${describeValue(value)}`);
  return value;
}

function bind(ctx: Context, value: Scalar): string {
  const name = `f${ctx.next++}`;
  ctx.parameters[name] = ctx.bindValue && value !== null ? ctx.bindValue(ctx.current, value) : value;
  return `:${name}`;
}

function combine(parts: Expr[], joiner: 'AND' | 'OR'): Expr {
  if (parts.length === 1) return parts[0];
  return { sql: parts.map((p) => (p.atomic ? p.sql : `(${p.sql})`)).join(` ${joiner} `), atomic: false };
}

function negate(expr: Expr): Expr {
  return { sql: `NOT (${expr.sql})`, atomic: true };
}

function translateFilterObject(value: unknown, path: string, ctx: Context): Expr {
  if (!isPlainObject(value)) {
    throw new FilterError(path, `expected a filter object, got ${describeValue(value)}`);
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return TRUE_SQL;
  return combine(
    keys.map((key) => translateEntry(key, value[key], `${path}.${key}`, ctx)),
    'AND',
  );
}

function translateEntry(key: string, value: unknown, path: string, ctx: Context): Expr {
  if (key.startsWith('$')) {
    const op = resolveOperator(key);
    if (op === undefined) throw new FilterError(path, `unknown operator '${key}'`);
    if (op === '$not') return negate(translateFilterObject(value, path, ctx));
    if (op === '$and' || op === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new FilterError(path, `expected a non-empty array of filters, got ${describeValue(value)}`);
      }
      const parts = value.map((item, i) => translateFilterObject(item, `${path}[${i}]`, ctx));
      return combine(parts, op === '$and' ? 'AND' : 'OR');
    }
    throw new FilterError(path, `operator '${key}' must be used under a column`);
  }
  if (FORBIDDEN_KEYS.has(key) || !ctx.columns.has(key)) {
    throw new FilterError(path, `unknown column '${key}'`);
  }
  const column = ctx.column(key);
  ctx.current = key;
  if (isPlainObject(value)) return translateOperators(column, value, path, ctx);
  return equality(column, expectScalar(value, path), ctx);
}

function equality(column: string, value: Scalar, ctx: Context): Expr {
  if (value === null) return { sql: `${column} IS NULL`, atomic: true };
  return { sql: `${column} = ${bind(ctx, value)}`, atomic: true };
}

function translateOperators(column: string, ops: Record<string, unknown>, path: string, ctx: Context): Expr {
  const keys = Object.keys(ops);
  if (keys.length === 0) throw new FilterError(path, 'expected at least one operator');
  return combine(
    keys.map((key) => translateOperator(column, key, ops[key], `${path}.${key}`, ctx)),
    'AND',
  );
}

function translateOperator(column: string, key: string, value: unknown, path: string, ctx: Context): Expr {
  const op = key.startsWith('$') ? resolveOperator(key) : undefined;
  if (op === undefined) throw new FilterError(path, `unknown operator '${key}'`);
  if (op === '$not') {
    if (!isPlainObject(value)) throw new FilterError(path, `expected an operator object, got ${describeValue(value)}`);
    return negate(translateOperators(column, value, path, ctx));
  }
  if (LOGICAL_OPS.has(op)) throw new FilterError(path, `operator '${key}' cannot be used under a column`);
  switch (op) {
    case '$eq':
      return equality(column, expectScalar(value, path), ctx);
    case '$ne': {
      const scalar = expectScalar(value, path);
      if (scalar === null) return { sql: `${column} IS NOT NULL`, atomic: true };
      return { sql: `${column} <> ${bind(ctx, scalar)}`, atomic: true };
    }
    case '$in':
    case '$nin':
      return membership(column, op, value, path, ctx);
    case '$like': {
      if (typeof value !== 'string') throw new FilterError(path, `expected a string, got ${describeValue(value)}`);
      return { sql: `${column} LIKE ${bind(ctx, value)}`, atomic: true };
    }
    case '$exists':
      return { sql: `${column} ${expectBoolean(value, path) ? 'IS NOT NULL' : 'IS NULL'}`, atomic: true };
    case '$isNull':
      return { sql: `${column} ${expectBoolean(value, path) ? 'IS NULL' : 'IS NOT NULL'}`, atomic: true };
    case '$between': {
      if (!Array.isArray(value) || value.length !== 2) {
        throw new FilterError(path, `expected an array of exactly 2 values, got ${describeValue(value)}`);
      }
      const low = bind(ctx, expectNonNullScalar(value[0], `${path}[0]`));
      const high = bind(ctx, expectNonNullScalar(value[1], `${path}[1]`));
      return { sql: `${column} BETWEEN ${low} AND ${high}`, atomic: true };
    }
    default: {
      const sqlOp = COMPARISON_SQL.get(op);
      if (sqlOp === undefined) throw new FilterError(path, `unknown operator '${key}'`);
      return { sql: `${column} ${sqlOp} ${bind(ctx, expectNonNullScalar(value, path))}`, atomic: true };
    }
  }
}

function membership(column: string, op: '$in' | '$nin', value: unknown, path: string, ctx: Context): Expr {
  if (!Array.isArray(value)) throw new FilterError(path, `expected an array, got ${describeValue(value)}`);
  if (value.length > MAX_IN_VALUES) {
    throw new FilterError(path, `at most ${MAX_IN_VALUES} values, got ${value.length}`);
  }
  if (value.length === 0) return op === '$in' ? FALSE_SQL : TRUE_SQL;
  const placeholders = value.map((item, i) => bind(ctx, expectNonNullScalar(item, `${path}[${i}]`)));
  return { sql: `${column} ${op === '$in' ? 'IN' : 'NOT IN'} (${placeholders.join(', ')})`, atomic: true };
}
