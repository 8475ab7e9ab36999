/**
 * How expression values become text, typed results and argument values. Messages describe a value by
 * its kind only: values come from inputs and session data, which may be personal or secret.
 */

/** Raised by a conversion or a function; the evaluator prefixes it with the expression as written. */
export class ArgumentError extends Error {}

/** A JSON object or array (not a Date). */
export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/** Interpolation into a longer string: dates as ISO 8601, null as nothing, objects and lists as JSON. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The value of a string that is exactly one expression: what JSON can carry, dates as ISO 8601. */
export function toTyped(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** Text for functions that work on one string: scalars are formatted, objects and lists refused. */
export function asText(value: unknown, what: string): string {
  if (isContainer(value)) throw new ArgumentError(`${what} must be text, got ${describeKind(value)}`);
  return toText(value);
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A number, or text holding one (inputs often carry numbers as strings). */
export function asNumber(value: unknown, what: string): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw new ArgumentError(`${what} must be a number, got ${describeKind(value)}`);
  return number;
}

export function asInteger(value: unknown, what: string): number {
  const number = asNumber(value, what);
  if (!Number.isSafeInteger(number)) throw new ArgumentError(`${what} must be a whole number`);
  return number;
}

export function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ArgumentError(`${what} must be a list, got ${describeKind(value)}`);
  return value;
}

/** A key of `$Pick`: a field name, or a list index. */
export function asKey(value: unknown, what: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw new ArgumentError(`${what} must be a field name or a list index`);
}

/**
 * One step down a path. Only own fields count, so `constructor` or `__proto__` never reach into the
 * prototype; lists take decimal indexes.
 */
export function childValue(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
  if (isContainer(value) && Object.hasOwn(value, key)) return (value as Record<string, unknown>)[key];
  return undefined;
}
