import { Check, Invalid } from '../app-field-checks';
import type { RegistryProblem } from '../registry-errors';
import { childPath } from '../registry-utils';
import { checkBoolean, checkDuration, checkInteger, checkOneOf, checkString, checkUrl } from './checks';
import { byType, listOf, mapOf, object, optional, raw, scalar, Spec } from './section-spec';

/**
 * The `databases` section (DESIGN §4): SQL databases that the database namespaces (and the SQL graph
 * store) run queries against, with an optional allow-list of tables and named actions.
 *
 * ```yaml
 * databases:
 *   logs-db:
 *     type: mariadb                                    # mysql | mariadb | postgres
 *     url: { dev: "mysql://root@127.0.0.1:3306/logs", prd: "${LOGS_DB_URL}" }
 *     tables: [logs, inventory]                        # optional allow-list
 *     actions:
 *       purge_old: { operation: deleteMany, table: logs, filter: { createdAt: { $lt: "{{before}}" } } }
 *       sync_inventory: { sql: "UPDATE inventory SET qty = :qty WHERE sku = :sku" }
 * ```
 */

export const DATABASE_TYPES = ['mysql', 'mariadb', 'postgres'] as const;
export type DatabaseType = (typeof DATABASE_TYPES)[number];

/** What `POST /databases/dispatch` runs, and what an action template may name as its `operation`. */
export const DATABASE_OPERATIONS = [
  'find',
  'findOne',
  'count',
  'insert',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'upsert',
  'aggregate',
] as const;
export type DatabaseOperation = (typeof DATABASE_OPERATIONS)[number];

/** @default 10: connections each (database, env) pool may hold open. */
export const DEFAULT_DATABASE_POOL_SIZE = 10;

/**
 * @default 10 minutes: longest a statement of a run may take before the server cancels it, so that a
 * runaway query frees its connection and its worker slot. Enforced by MariaDB and PostgreSQL.
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10 * 60_000;
const MAX_STATEMENT_TIMEOUT_MS = 24 * 3_600_000;

/**
 * A named action built from an operation: the operation's input with `{{placeholder}}`s, filled from
 * the dispatch's `input.query`, then `input.data`, and bound as parameters.
 */
export interface DatabaseOperationAction {
  operation: DatabaseOperation;
  table: string;
  filter?: unknown;
  data?: unknown;
  fields?: string[];
  sort?: unknown;
  limit?: number | string;
  offset?: number | string;
  all?: boolean;
  groupBy?: string[];
  aggregate?: unknown;
}

/** A named action of SQL text whose `:name` placeholders are bound as parameters, never spliced. */
export interface DatabaseSqlAction {
  sql: string;
}

export type DatabaseAction = DatabaseOperationAction | DatabaseSqlAction;

/** A database entry as `registry.entry(product, env, 'databases', name)` returns it for one env. */
export interface ResolvedDatabase {
  type: DatabaseType;
  /** May hold credentials: never log or return it. */
  url: string;
  /** When given, the only tables an operation or template may touch. */
  tables?: string[];
  actions?: Record<string, DatabaseAction>;
  pool_size: number;
  /** Milliseconds a statement may run; see `DEFAULT_STATEMENT_TIMEOUT_MS`. */
  statement_timeout: number;
}

export function isSqlAction(action: DatabaseAction): action is DatabaseSqlAction {
  return Object.hasOwn(action, 'sql');
}

/** A plain SQL identifier: what an allow-list, a template table or a column list may name. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,63}$/;
/** `{{name}}` as a whole string: the value keeps its JSON type when filled. */
export const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

const checkIdentifier: Check<string> = (value) =>
  typeof value === 'string' && IDENTIFIER.test(value)
    ? value
    : new Invalid('must be a table or column name (letters, digits, _ and $, not starting with a digit, at most 64)');

/** A count, or a whole `{{placeholder}}` that the dispatch fills. */
const checkCountOrPlaceholder: Check<number | string> = (value) =>
  (typeof value === 'number' && Number.isInteger(value) && value >= 0) || (typeof value === 'string' && WHOLE_PLACEHOLDER.test(value))
    ? value
    : new Invalid('must be an integer of 0 or more, or a "{{placeholder}}"');

const identifiers = listOf(scalar(checkIdentifier), { nonEmpty: true });

// Every field optional: which ones an action needs depends on its kind, checked by databaseActionProblems.
const ACTION: Spec = object({
  operation: optional(scalar(checkOneOf(DATABASE_OPERATIONS))),
  table: optional(scalar(checkIdentifier)),
  filter: optional(raw()),
  data: optional(raw()),
  fields: optional(identifiers),
  sort: optional(raw()),
  limit: optional(scalar(checkCountOrPlaceholder)),
  offset: optional(scalar(checkCountOrPlaceholder)),
  all: optional(scalar(checkBoolean)),
  groupBy: optional(identifiers),
  aggregate: optional(raw()),
  sql: optional(scalar(checkString)),
});

const ACTION_NAME = { pattern: /^[A-Za-z0-9_.:-]{1,128}$/, message: 'must be an action name: letters, digits, _ . : - (at most 128)' };

function fields(protocols: string[]): Record<string, Spec> {
  return {
    url: scalar(checkUrl(protocols)),
    tables: optional(identifiers),
    actions: optional(mapOf(ACTION, { keys: ACTION_NAME })),
    pool_size: optional(scalar(checkInteger(1, 100)), DEFAULT_DATABASE_POOL_SIZE),
    statement_timeout: optional(scalar(checkDuration(MAX_STATEMENT_TIMEOUT_MS)), DEFAULT_STATEMENT_TIMEOUT_MS),
  };
}

export const DATABASES_SECTION: Spec = byType({
  mysql: fields(['mysql:', 'mariadb:']),
  mariadb: fields(['mysql:', 'mariadb:']),
  postgres: fields(['postgres:', 'postgresql:']),
});

/** `:name` placeholders of an SQL action; `::type` casts and quoted text are not placeholders. */
export function sqlPlaceholders(sql: string): string[] {
  const names = new Set<string>();
  for (const match of stripSqlLiterals(sql).matchAll(/(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  return [...names];
}

/** SQL text with quoted strings, quoted identifiers and comments blanked, so a `:x` inside them is not taken for a placeholder. */
export function stripSqlLiterals(sql: string): string {
  return sql.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|--[^\n]*|\/\*[\s\S]*?\*\//g, (text) => ' '.repeat(text.length));
}

/**
 * What the schema cannot say of one database entry, for one env: an action is either an operation
 * template with a table, or SQL alone; templates name tables of the allow-list. Paths are those of the
 * registry file, so a start-up failure points at the key to fix.
 */
export function databaseActionProblems(product: string, name: string, database: ResolvedDatabase): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const base = childPath(childPath(childPath(childPath('products', product), 'databases'), name), 'actions');
  for (const [actionName, action] of Object.entries(database.actions ?? {})) {
    const at = childPath(base, actionName);
    const keys = Object.keys(action);
    if (isSqlAction(action)) {
      const extra = keys.filter((key) => key !== 'sql');
      if (extra.length > 0) problems.push({ path: childPath(at, extra[0]), message: 'is not allowed with sql (an action is either sql or an operation template)' });
      // The MySQL client fills every `?` with a value, even inside quotes; Postgres numbers its own: only :name is safe.
      const positional = database.type === 'postgres' ? /\$\d/.test(stripSqlLiterals(action.sql)) : action.sql.includes('?');
      if (positional) problems.push({ path: childPath(at, 'sql'), message: `must use :name placeholders only (no ${database.type === 'postgres' ? '$1' : '?'})` });
      continue;
    }
    if (!Object.hasOwn(action, 'operation')) {
      problems.push({ path: childPath(at, 'operation'), message: 'is required (or give sql)' });
      continue;
    }
    if (!Object.hasOwn(action, 'table')) problems.push({ path: childPath(at, 'table'), message: 'is required with operation' });
    else if (database.tables && !database.tables.includes(action.table)) {
      problems.push({ path: childPath(at, 'table'), message: `names a table that is not in the tables allow-list of database '${name}'` });
    }
  }
  return problems;
}
