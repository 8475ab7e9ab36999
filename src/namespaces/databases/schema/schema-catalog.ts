import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { NonRetryableError } from '../../../scheduler/retry-policy';
import { dialectOf } from './sql-dialect';

/**
 * How a column holds dates. `zoneless` (DATETIME, TIMESTAMP on MySQL/MariaDB; timestamp without time
 * zone and date on Postgres) stores UTC wall times, so an ISO string with a zone is converted to UTC
 * before it is bound: both servers would otherwise drop the zone and compare the wrong instant.
 */
export type DateKind = 'zoneless' | 'zoned';

export interface ColumnInfo {
  name: string;
  dateKind?: DateKind;
}

/** A table as the database describes it: what names an operation may use, and how to address one row. */
export interface TableSchema {
  name: string;
  columns: ReadonlyMap<string, ColumnInfo>;
  /** Columns of the primary key in key order; empty when the table has none. */
  primaryKey: readonly string[];
}

/** Schema read at most this often per table, so a migration of the target shows up without a restart. */
const TTL_MS = 60_000;
/** A miss (unknown table or column) re-reads the table when its copy is older than this. */
const REFRESH_AFTER_MS = 1_000;

const MYSQL_COLUMNS = `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS data_type
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`;
const MYSQL_PRIMARY_KEY = `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name FROM information_schema.KEY_COLUMN_USAGE
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`;
const POSTGRES_COLUMNS = `SELECT table_name, column_name, data_type FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`;
const POSTGRES_PRIMARY_KEY = `SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
  JOIN information_schema.key_column_usage kcu
    ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
  WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() AND tc.table_name = $1
  ORDER BY kcu.ordinal_position`;

const ZONELESS = new Set(['datetime', 'timestamp', 'date', 'timestamp without time zone']);
const ZONED = new Set(['timestamp with time zone']);

interface Cached {
  loadedAt: number;
  schema: Promise<TableSchema | undefined>;
}

/**
 * The tables of each DataSource, read from information_schema on first use and cached per DataSource,
 * so that table and column names of an operation are checked against the real schema.
 */
@Injectable()
export class SchemaCatalog {
  private readonly byDataSource = new WeakMap<DataSource, Map<string, Cached>>();
  private readonly checked = new WeakMap<DataSource, Promise<void>>();

  /** The table, or undefined when the database has no table of that exact name. `fresh` re-reads a copy older than 1 s. */
  async table(dataSource: DataSource, name: string, fresh = false): Promise<TableSchema | undefined> {
    await this.checkSession(dataSource);
    let tables = this.byDataSource.get(dataSource);
    if (!tables) this.byDataSource.set(dataSource, (tables = new Map()));
    const cached = tables.get(name);
    const age = cached ? Date.now() - cached.loadedAt : Infinity;
    if (cached && age < TTL_MS && !(fresh && age >= REFRESH_AFTER_MS)) return cached.schema;
    const entry: Cached = { loadedAt: Date.now(), schema: readTable(dataSource, name) };
    tables.set(name, entry);
    // A failed read is not kept: the next run tries again.
    entry.schema.catch(() => tables.get(name) === entry && tables.delete(name));
    return entry.schema;
  }

  /**
   * Values reach MySQL/MariaDB escaped by the client with backslashes; a server in NO_BACKSLASH_ESCAPES
   * mode would read those escapes differently, so such a database is refused rather than risked.
   */
  private checkSession(dataSource: DataSource): Promise<void> {
    if (dialectOf(dataSource).kind === 'postgres') return Promise.resolve();
    let check = this.checked.get(dataSource);
    if (!check) {
      check = dataSource.query('SELECT @@SESSION.sql_mode AS mode').then((rows: Array<{ mode: string }>) => {
        if (/NO_BACKSLASH_ESCAPES/i.test(rows[0]?.mode ?? '')) {
          throw new NonRetryableError('the database runs with sql_mode NO_BACKSLASH_ESCAPES, which this service does not support');
        }
      });
      this.checked.set(dataSource, check);
      check.catch(() => this.checked.get(dataSource) === check && this.checked.delete(dataSource));
    }
    return check;
  }
}

async function readTable(dataSource: DataSource, name: string): Promise<TableSchema | undefined> {
  const postgres = dialectOf(dataSource).kind === 'postgres';
  type Row = { table_name: string; column_name: string; data_type?: string };
  const [columnRows, keyRows]: [Row[], Row[]] = await Promise.all([
    dataSource.query(postgres ? POSTGRES_COLUMNS : MYSQL_COLUMNS, [name]),
    dataSource.query(postgres ? POSTGRES_PRIMARY_KEY : MYSQL_PRIMARY_KEY, [name]),
  ]);
  // information_schema compares names without case on MySQL; only the exact name is the table.
  const columns = new Map<string, ColumnInfo>();
  for (const row of columnRows.filter((r) => r.table_name === name)) {
    const type = String(row.data_type ?? '').toLowerCase();
    const dateKind: DateKind | undefined = ZONELESS.has(type) ? 'zoneless' : ZONED.has(type) ? 'zoned' : undefined;
    columns.set(row.column_name, { name: row.column_name, ...(dateKind && { dateKind }) });
  }
  if (columns.size === 0) return undefined;
  return { name, columns, primaryKey: keyRows.filter((r) => r.table_name === name).map((r) => r.column_name) };
}
