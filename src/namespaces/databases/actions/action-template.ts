import { DatabaseAction, isSqlAction, sqlPlaceholders, stripSqlLiterals, WHOLE_PLACEHOLDER } from '../../../resources/sections/databases.section';
import { describeValue, FORBIDDEN_KEYS, InputProblem, isPlainObject, isScalar, Scalar } from '../operations/input-problem';
import { MAX_ROWS } from '../operations/operation-input';

/** The `input` of a database action (DESIGN §1): placeholder values, looked up in `query` first, then `data`. */
export interface ActionInput {
  query?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/** The input's shape: an object with optional `query` and `data` objects and nothing else. */
export function checkActionInput(raw: unknown): ActionInput {
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) throw new InputProblem('input', `input: expected an object with query and/or data, got ${describeValue(raw)}`);
  for (const key of Object.keys(raw)) {
    if (key !== 'query' && key !== 'data') throw new InputProblem(`input.${key}`, `input.${key} is not allowed (an action takes input.query and input.data)`);
    if (!isPlainObject(raw[key])) throw new InputProblem(`input.${key}`, `input.${key}: expected an object, got ${describeValue(raw[key])}`);
  }
  return raw as ActionInput;
}

/** A value a placeholder may take: a scalar, or a list of scalars (for `$in`, or `IN (:ids)` in SQL). */
export type PlaceholderValue = Scalar | Scalar[];

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const SQL_PLACEHOLDER = /(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)/g;

/** The names an action needs values for: `{{x}}` in a template's strings, `:x` in SQL. */
export function actionPlaceholders(action: DatabaseAction): string[] {
  if (isSqlAction(action)) return sqlPlaceholders(action.sql);
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') for (const match of value.matchAll(PLACEHOLDER)) names.add(match[1]);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (isPlainObject(value)) Object.values(value).forEach(walk);
  };
  walk(action);
  return [...names];
}

/**
 * The value of every placeholder of the action, from `input.query` then `input.data`. A missing value,
 * an object, or a list that is empty, too long or holds anything but scalars is an InputProblem naming it:
 * an object in a value position could otherwise turn into a filter operator.
 */
export function placeholderValues(actionName: string, action: DatabaseAction, input: ActionInput): Map<string, PlaceholderValue> {
  const values = new Map<string, PlaceholderValue>();
  for (const name of actionPlaceholders(action)) {
    const source = ownValue(input.query, name) ? 'query' : ownValue(input.data, name) ? 'data' : undefined;
    if (!source) {
      throw new InputProblem(`input.query.${name}`, `input.query.${name} (or input.data.${name}) is required by action '${actionName}'`);
    }
    const value = (input[source] as Record<string, unknown>)[name];
    const path = `input.${source}.${name}`;
    if (Array.isArray(value)) {
      if (value.length === 0 || value.length > MAX_ROWS) throw new InputProblem(path, `${path} must be a list of 1 to ${MAX_ROWS} values`);
      value.forEach((item, i) => {
        if (!isScalar(item) || item === null) throw new InputProblem(`${path}[${i}]`, `${path}[${i}]: expected a string, number or boolean, got ${describeValue(item)}`);
      });
    } else if (!isScalar(value)) {
      throw new InputProblem(path, `${path}: expected a scalar (string, number, boolean or null) or a list of them, got ${describeValue(value)}`);
    }
    values.set(name, value as PlaceholderValue);
  }
  return values;
}

function ownValue(source: Record<string, unknown> | undefined, name: string): boolean {
  return source !== undefined && !FORBIDDEN_KEYS.has(name) && Object.hasOwn(source, name) && source[name] !== undefined;
}

/**
 * An operation template with its placeholders filled. A string that is one whole `{{x}}` takes the
 * value itself, with its type; a placeholder inside a longer string is formatted into it. Keys are
 * never filled, so a placeholder cannot name a column or an operator. The result is an operation input
 * whose values are bound as parameters like any other.
 */
export function fillTemplate(template: unknown, values: ReadonlyMap<string, PlaceholderValue>, path = 'action'): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(template);
    if (whole) return values.get(whole[1]);
    return template.replace(PLACEHOLDER, (_text, name: string) => {
      const value = values.get(name);
      if (Array.isArray(value) || value === null || value === undefined) {
        throw new InputProblem(`input.query.${name}`, `input.query.${name} must be a string, number or boolean: ${path} uses it inside a longer string`);
      }
      return String(value);
    });
  }
  if (Array.isArray(template)) return template.map((item, i) => fillTemplate(item, values, `${path}[${i}]`));
  if (isPlainObject(template)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) out[key] = fillTemplate(value, values, `${path}.${key}`);
    return out;
  }
  return template;
}

/** SQL with driver placeholders (`?` or `$n`) and the values in order; a list becomes one placeholder per item. */
export interface BoundSql {
  sql: string;
  parameters: unknown[];
}

/**
 * Binds the `:name` placeholders of an SQL action. Names inside quoted text and comments are left alone;
 * values only ever travel as parameters. Postgres numbers its placeholders, so a repeated name reuses its number.
 */
export function bindSql(sql: string, values: ReadonlyMap<string, PlaceholderValue>, style: 'mysql' | 'postgres'): BoundSql {
  const parameters: unknown[] = [];
  const numbers = new Map<string, string>();
  const stripped = stripSqlLiterals(sql);
  let out = '';
  let last = 0;
  for (const match of stripped.matchAll(SQL_PLACEHOLDER)) {
    const name = match[1];
    const start = match.index;
    out += sql.slice(last, start);
    last = start + match[0].length;
    const value = values.get(name);
    const items = Array.isArray(value) ? value : [value];
    if (style === 'postgres' && numbers.has(name)) {
      out += numbers.get(name);
      continue;
    }
    const placeholders = items.map((item) => {
      parameters.push(item);
      return style === 'postgres' ? `$${parameters.length}` : '?';
    });
    numbers.set(name, placeholders.join(', '));
    out += placeholders.join(', ');
  }
  return { sql: out + sql.slice(last), parameters };
}
