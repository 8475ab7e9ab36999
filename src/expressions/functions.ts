import { asDate, asUnit, asZone, dateAdd } from './dates';
import { formatDate } from './date-format';
import { ArgumentError, asInteger, asKey, asList, asNumber, asText, childValue, describeKind, toText } from './values';

/** What an argument must be. Literal arguments are checked at compile time with the same converter. */
type ParamKind = 'any' | 'text' | 'number' | 'integer' | 'date' | 'unit' | 'zone' | 'list' | 'key';

const CONVERT: Record<ParamKind, (value: unknown, what: string) => unknown> = {
  any: (value) => value,
  text: asText,
  number: asNumber,
  integer: asInteger,
  date: asDate,
  unit: asUnit,
  zone: asZone,
  list: asList,
  key: asKey,
};

export interface FunctionSpec {
  params: ParamKind[];
  /** Arguments that must be given; the rest of `params` are optional. */
  required: number;
  /** Kind of any further arguments; none allowed when absent. */
  rest?: ParamKind;
  apply(args: unknown[], now: Date): unknown;
}

/** Code points, so that `$Substring` and `$Length` never split an emoji or an accented letter in two. */
const chars = (text: string): string[] => Array.from(text);

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new ArgumentError('the result is not a finite number');
  return value;
}

/** Every function an expression may call, by name (without the `$`). */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  Now: { params: [], required: 0, apply: (_args, now) => new Date(now.getTime()) },
  DateAdd: {
    params: ['date', 'integer', 'unit', 'zone'],
    required: 3,
    apply: ([date, amount, unit, zone]) => dateAdd(date as Date, amount as number, unit as never, zone as string | undefined),
  },
  Format: {
    params: ['date', 'text', 'zone'],
    required: 2,
    apply: ([date, pattern, zone]) => formatDate(date as Date, pattern as string, zone as string | undefined),
  },
  Concat: { params: [], required: 1, rest: 'any', apply: (args) => args.map(toText).join('') },
  Uppercase: { params: ['text'], required: 1, apply: ([text]) => (text as string).toUpperCase() },
  Lowercase: { params: ['text'], required: 1, apply: ([text]) => (text as string).toLowerCase() },
  Trim: { params: ['text'], required: 1, apply: ([text]) => (text as string).trim() },
  Substring: {
    params: ['text', 'integer', 'integer'],
    required: 2,
    // slice() semantics: a negative position counts from the end.
    apply: ([text, start, end]) => chars(text as string).slice(start as number, end as number | undefined).join(''),
  },
  Replace: {
    params: ['text', 'text', 'text'],
    required: 3,
    apply: ([text, search, replacement]) => {
      if (search === '') throw new ArgumentError('argument 2 (the text to replace) must not be empty');
      return (text as string).split(search as string).join(replacement as string);
    },
  },
  Split: {
    params: ['text', 'text'],
    required: 2,
    apply: ([text, separator]) => (separator === '' ? chars(text as string) : (text as string).split(separator as string)),
  },
  Join: {
    params: ['list', 'text'],
    required: 1,
    apply: ([list, separator]) => (list as unknown[]).map(toText).join((separator as string | undefined) ?? ','),
  },
  Add: { params: ['number', 'number'], required: 2, rest: 'number', apply: (args) => finite((args as number[]).reduce((sum, n) => sum + n, 0)) },
  Subtract: { params: ['number', 'number'], required: 2, apply: ([a, b]) => finite((a as number) - (b as number)) },
  Length: {
    params: ['any'],
    required: 1,
    apply: ([value]) => {
      if (typeof value === 'string') return chars(value).length;
      if (Array.isArray(value)) return value.length;
      if (typeof value === 'object' && value !== null && !(value instanceof Date)) return Object.keys(value).length;
      throw new ArgumentError(`argument 1 must be text, a list or an object, got ${describeKind(value)}`);
    },
  },
  Pick: {
    params: ['any', 'key'],
    required: 2,
    rest: 'key',
    apply: ([value, ...keys]) => {
      let current = value;
      for (const [index, key] of (keys as string[]).entries()) {
        current = childValue(current, key);
        if (current === undefined) throw new ArgumentError(`no value at ${(keys as string[]).slice(0, index + 1).join('.')}`);
      }
      return current;
    },
  },
};

export function arityText(spec: FunctionSpec): string {
  const max = spec.rest ? Infinity : spec.params.length;
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (max === Infinity) return `at least ${plural(spec.required)}`;
  if (max === spec.required) return max === 0 ? 'no arguments' : plural(max);
  return `${spec.required} to ${plural(max)}`;
}

export function acceptsArgumentCount(spec: FunctionSpec, count: number): boolean {
  return count >= spec.required && (spec.rest !== undefined || count <= spec.params.length);
}

/** Converts argument `index` (0-based) as its parameter requires; throws ArgumentError naming it. */
export function convertArgument(spec: FunctionSpec, index: number, value: unknown): unknown {
  const kind = spec.params[index] ?? spec.rest ?? 'any';
  return CONVERT[kind](value, `argument ${index + 1}`);
}

/** `['Now', 'DateAdd', …]`, for documentation and editors. */
export const EXPRESSION_FUNCTION_NAMES: readonly string[] = Object.freeze(Object.keys(FUNCTIONS));
