import type { DataSource } from 'typeorm';

/** The two SQL families the built-in graph store speaks: MySQL/MariaDB and PostgreSQL. */
export type GraphDialectName = 'mysql' | 'postgres';

/** JSON scalar kinds a property filter compares on: a value only ever matches a property of its own kind. */
export type JsonKind = 'string' | 'number' | 'boolean';

/**
 * The SQL that differs between the dialects. Property names reach SQL only as bound parameters
 * (`key`: a placeholder holding a JSON path or a key), so nothing a user writes is spliced into the text.
 */
export interface GraphDialect {
  readonly name: GraphDialectName;
  quote(identifier: string): string;
  /** The parameter value that addresses property `key` in `json(…, placeholder)`. */
  keyParameter(key: string): string;
  /** The property as a JSON value, SQL NULL when absent. */
  json(column: string, keyPlaceholder: string): string;
  /** The property's JSON type as text, SQL NULL when absent. */
  typeOf(column: string, keyPlaceholder: string): string;
  /** The JSON type names of a kind, as `typeOf` spells them. */
  typeNames(kind: JsonKind | 'null'): readonly string[];
  /** The property's value as SQL, to be used only where `typeOf` already says it is of `kind`. */
  value(column: string, keyPlaceholder: string, kind: JsonKind): string;
  /** A bound JSON text read back as a JSON value (for inserts and updates). */
  jsonParameter(placeholder: string): string;
}

const MYSQL: GraphDialect = {
  name: 'mysql',
  quote: (identifier) => '`' + identifier.replace(/`/g, '``') + '`',
  // A quoted path member, so that keys with dashes or dots address one member rather than a path.
  keyParameter: (key) => `$."${key}"`,
  json: (column, key) => `JSON_EXTRACT(${column}, ${key})`,
  typeOf: (column, key) => `JSON_TYPE(JSON_EXTRACT(${column}, ${key}))`,
  typeNames: (kind) =>
    ({ string: ['STRING'], number: ['INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL'], boolean: ['BOOLEAN'], null: ['NULL'] })[kind],
  value: (column, key, kind) =>
    // `+ 0` turns MariaDB's JSON text and MySQL's JSON number alike into a SQL number.
    kind === 'number' ? `(JSON_EXTRACT(${column}, ${key}) + 0)` : `JSON_UNQUOTE(JSON_EXTRACT(${column}, ${key}))`,
  jsonParameter: (placeholder) => `JSON_EXTRACT(${placeholder}, '$')`,
};

const POSTGRES: GraphDialect = {
  name: 'postgres',
  quote: (identifier) => '"' + identifier.replace(/"/g, '""') + '"',
  keyParameter: (key) => key,
  json: (column, key) => `(${column} -> CAST(${key} AS text))`,
  typeOf: (column, key) => `jsonb_typeof(${column} -> CAST(${key} AS text))`,
  typeNames: (kind) => ({ string: ['string'], number: ['number'], boolean: ['boolean'], null: ['null'] })[kind],
  value: (column, key, kind) =>
    kind === 'number' ? `CAST(${column} ->> CAST(${key} AS text) AS double precision)` : `(${column} ->> CAST(${key} AS text))`,
  jsonParameter: (placeholder) => `CAST(${placeholder} AS jsonb)`,
};

/** The dialect of a TypeORM DataSource; other drivers are refused, naming what is supported. */
export function dialectOf(dataSource: DataSource): GraphDialect {
  const type = dataSource.options.type;
  if (type === 'mysql' || type === 'mariadb') return MYSQL;
  if (type === 'postgres') return POSTGRES;
  throw new Error(`the SQL graph store runs on mysql, mariadb or postgres, not '${type}'`);
}

export const DIALECTS: Readonly<Record<GraphDialectName, GraphDialect>> = { mysql: MYSQL, postgres: POSTGRES };
