import { FilterError, LOGICAL_OPS, MAX_FILTER_DEPTH, MAX_IN_VALUES, resolveOperator } from '../../databases/filter';
import type { GraphDialect, JsonKind } from './graph-dialect';
import { describeValue, exceedsDepth, isPlainObject } from '../../../common/plain-values';

/**
 * The filter language of the database namespace (`$eq $ne $gt … $and $or $not` and the upper-case forms),
 * applied to the JSON `properties` of nodes and relationships. A property is compared only with values of
 * its own JSON kind (a number with numbers, a string with strings), so `{age: {$gt: 30}}` never matches
 * `"age": "31"` and never fails on it either; an absent property matches `$ne`, `$nin` and `$not` as in
 * Mongo. Values and property names are bound as parameters; only operators and the dialect's own SQL
 * reach the text.
 */

/** A property name: letters, digits, `_` and `-`, starting with a letter or `_`. */
export const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface PropertyFilterSql {
  /** A boolean SQL expression, never NULL, with `:<prefix>N` placeholders. */
  where: string;
  parameters: Record<string, unknown>;
}

interface Context {
  dialect: GraphDialect;
  column: string;
  prefix: string;
  parameters: Record<string, unknown>;
  next: number;
}

type Scalar = string | number | boolean;

/**
 * Translates `filter` over the JSON column `column` (already qualified, e.g. `n.properties`). `prefix`
 * keeps the placeholders of several translated filters in one statement apart.
 */
export function translatePropertyFilter(filter: unknown, dialect: GraphDialect, column: string, prefix = 'p'): PropertyFilterSql {
  if (exceedsDepth(filter, MAX_FILTER_DEPTH)) throw new FilterError('filter', `nested deeper than ${MAX_FILTER_DEPTH} levels`);
  const ctx: Context = { dialect, column, prefix, parameters: {}, next: 0 };
  return { where: filterObject(filter, 'filter', ctx), parameters: ctx.parameters };
}

/** True when the key may name a property; the same rule applies to the keys that inputs write. */
export function isPropertyName(key: string): boolean {
  return PROPERTY_NAME.test(key) && !FORBIDDEN_KEYS.has(key);
}




function kindOf(value: unknown): JsonKind | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' && Number.isFinite(value)) return 'number';
  return undefined;
}

function bind(ctx: Context, value: unknown): string {
  const name = `${ctx.prefix}${ctx.next++}`;
  ctx.parameters[name] = value;
  return `:${name}`;
}

function and(parts: string[]): string {
  return parts.length === 1 ? parts[0] : parts.map((part) => `(${part})`).join(' AND ');
}

function or(parts: string[]): string {
  return parts.length === 1 ? parts[0] : parts.map((part) => `(${part})`).join(' OR ');
}

function filterObject(value: unknown, path: string, ctx: Context): string {
  if (!isPlainObject(value)) throw new FilterError(path, `expected a filter object, got ${describeValue(value)}`);
  const keys = Object.keys(value);
  if (keys.length === 0) return '1 = 1';
  return and(keys.map((key) => entry(key, value[key], `${path}.${key}`, ctx)));
}

function entry(key: string, value: unknown, path: string, ctx: Context): string {
  if (key.startsWith('$')) {
    const op = resolveOperator(key);
    if (op === undefined) throw new FilterError(path, `unknown operator '${key}'`);
    if (op === '$not') return `NOT (${filterObject(value, path, ctx)})`;
    if (op === '$and' || op === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw new FilterError(path, `expected a non-empty array of filters, got ${describeValue(value)}`);
      const parts = value.map((item, i) => filterObject(item, `${path}[${i}]`, ctx));
      return op === '$and' ? and(parts) : or(parts);
    }
    throw new FilterError(path, `operator '${key}' must be used under a property`);
  }
  if (!isPropertyName(key)) throw new FilterError(path, `'${key}' is not a valid property name (letters, digits, _ and -, starting with a letter or _)`);
  const property = new Property(ctx, bind(ctx, ctx.dialect.keyParameter(key)));
  if (isPlainObject(value)) {
    const ops = Object.keys(value);
    if (ops.length === 0) throw new FilterError(path, 'expected at least one operator');
    return and(ops.map((op) => operator(property, op, value[op], `${path}.${op}`, ctx)));
  }
  return property.equals(scalarOrNull(value, path), ctx);
}

/** One property of the filtered column, with the typed comparisons on it. */
class Property {
  constructor(
    private readonly ctx: Context,
    private readonly key: string,
  ) {}

  private is(kind: JsonKind | 'null'): string {
    const names = this.ctx.dialect.typeNames(kind).map((name) => `'${name}'`);
    return `${this.ctx.dialect.typeOf(this.ctx.column, this.key)} IN (${names.join(', ')})`;
  }

  /** `comparison` applies only to a property of `kind`; any other property, or none, is false (never NULL). */
  typed(kind: JsonKind, comparison: (value: string) => string): string {
    return `CASE WHEN ${this.is(kind)} THEN ${comparison(this.ctx.dialect.value(this.ctx.column, this.key, kind))} ELSE 1 = 0 END`;
  }

  isNull(): string {
    return `COALESCE(${this.ctx.dialect.typeOf(this.ctx.column, this.key)}, 'absent') IN ('absent', ${this.ctx.dialect.typeNames('null').map((n) => `'${n}'`).join(', ')})`;
  }

  exists(): string {
    return `${this.ctx.dialect.json(this.ctx.column, this.key)} IS NOT NULL`;
  }

  equals(value: Scalar | null, ctx: Context): string {
    if (value === null) return this.isNull();
    return this.compare(value, '=', ctx);
  }

  compare(value: Scalar, sqlOp: string, ctx: Context): string {
    const kind = kindOf(value) as JsonKind;
    // Booleans are compared as the JSON text `true` / `false`, which both dialects read back alike.
    const bound = bind(ctx, kind === 'boolean' ? String(value) : value);
    return this.typed(kind, (column) => `${column} ${sqlOp} ${bound}`);
  }
}

function operator(property: Property, key: string, value: unknown, path: string, ctx: Context): string {
  const op = key.startsWith('$') ? resolveOperator(key) : undefined;
  if (op === undefined) throw new FilterError(path, `unknown operator '${key}'`);
  if (op === '$not') {
    if (!isPlainObject(value) || Object.keys(value).length === 0) throw new FilterError(path, `expected an operator object, got ${describeValue(value)}`);
    return `NOT (${and(Object.keys(value).map((inner) => operator(property, inner, value[inner], `${path}.${inner}`, ctx)))})`;
  }
  if (LOGICAL_OPS.has(op)) throw new FilterError(path, `operator '${key}' cannot be used under a property`);
  switch (op) {
    case '$eq':
      return property.equals(scalarOrNull(value, path), ctx);
    case '$ne':
      return `NOT (${property.equals(scalarOrNull(value, path), ctx)})`;
    case '$in':
      return membership(property, value, path, ctx);
    case '$nin':
      return `NOT (${membership(property, value, path, ctx)})`;
    case '$like':
      if (typeof value !== 'string') throw new FilterError(path, `expected a string, got ${describeValue(value)}`);
      return property.compare(value, 'LIKE', ctx);
    case '$exists':
      return expectBoolean(value, path) ? property.exists() : `NOT (${property.exists()})`;
    case '$isNull':
      return expectBoolean(value, path) ? property.isNull() : `NOT (${property.isNull()})`;
    case '$between': {
      if (!Array.isArray(value) || value.length !== 2) throw new FilterError(path, `expected an array of exactly 2 values, got ${describeValue(value)}`);
      const low = ordered(value[0], `${path}[0]`);
      const high = ordered(value[1], `${path}[1]`);
      if (typeof low !== typeof high) throw new FilterError(path, 'expected two values of the same kind (numbers or strings)');
      const [a, b] = [bind(ctx, low), bind(ctx, high)];
      return property.typed(kindOf(low) as JsonKind, (column) => `${column} BETWEEN ${a} AND ${b}`);
    }
    case '$gt':
      return property.compare(ordered(value, path), '>', ctx);
    case '$gte':
      return property.compare(ordered(value, path), '>=', ctx);
    case '$lt':
      return property.compare(ordered(value, path), '<', ctx);
    case '$lte':
      return property.compare(ordered(value, path), '<=', ctx);
    default:
      throw new FilterError(path, `unknown operator '${key}'`);
  }
}

function membership(property: Property, value: unknown, path: string, ctx: Context): string {
  if (!Array.isArray(value)) throw new FilterError(path, `expected an array, got ${describeValue(value)}`);
  if (value.length > MAX_IN_VALUES) throw new FilterError(path, `at most ${MAX_IN_VALUES} values, got ${value.length}`);
  if (value.length === 0) return '1 = 0';
  const byKind = new Map<JsonKind, unknown[]>();
  value.forEach((item, i) => {
    const kind = kindOf(item);
    if (kind === undefined) throw new FilterError(`${path}[${i}]`, `expected a string, number or boolean, got ${describeValue(item)}`);
    byKind.set(kind, [...(byKind.get(kind) ?? []), kind === 'boolean' ? String(item) : item]);
  });
  return or(
    [...byKind].map(([kind, items]) => {
      const placeholders = items.map((item) => bind(ctx, item)).join(', ');
      return property.typed(kind, (column) => `${column} IN (${placeholders})`);
    }),
  );
}

function scalarOrNull(value: unknown, path: string): Scalar | null {
  if (value === null || kindOf(value) !== undefined) return value as Scalar | null;
  throw new FilterError(path, `expected a string, number, boolean or null, got ${describeValue(value)}`);
}

/** A value that orders: a number, or a string (ISO dates order as strings). */
function ordered(value: unknown, path: string): string | number {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new FilterError(path, `expected a number or a string, got ${describeValue(value)}`);
}

function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new FilterError(path, `expected a boolean, got ${describeValue(value)}`);
  return value;
}
