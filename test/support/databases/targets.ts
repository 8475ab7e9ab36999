import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { MYSQL_ROOT_URL } from '../services';

export const POSTGRES_HOST_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432';
/** Users tried in turn on Postgres with trust authentication: the packaged superuser, then root. */
const POSTGRES_USERS = ['postgres', 'root'];

export type Engine = 'mariadb' | 'postgres';

/** A database of its own that a test file dispatches against, read and checked behind the service's back. */
export interface TargetDatabase {
  engine: Engine;
  /** The registry URL of the database. */
  url: string;
  /** Runs SQL with `?` (MariaDB) or `$n` (Postgres) placeholders; returns rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A fingerprint of every row of the table, to prove that a refused request changed nothing. */
  checksum(table: string): Promise<string>;
  drop(): Promise<void>;
}

/** `dispatch_test_dbtarget_<name>` on MariaDB, created empty; dropped by `drop()`. */
export async function mariadbTarget(name: string): Promise<TargetDatabase> {
  const database = `dispatch_test_dbtarget_${name}`;
  let admin;
  try {
    admin = await createConnection({ uri: MYSQL_ROOT_URL });
  } catch (error) {
    throw new Error(`MariaDB/MySQL is not reachable at ${MYSQL_ROOT_URL}: ${String(error)}`);
  }
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.end();
  const url = `${MYSQL_ROOT_URL}/${database}`;
  const connection = await createConnection({ uri: url, timezone: 'Z', decimalNumbers: true });
  return {
    engine: 'mariadb',
    url,
    query: async <T>(sql: string, params: unknown[] = []) => (await connection.query(sql, params))[0] as T[],
    checksum: async (table) => {
      const [rows] = await connection.query(`CHECKSUM TABLE \`${table}\` EXTENDED`);
      return String((rows as Array<{ Checksum: unknown }>)[0].Checksum);
    },
    drop: async () => {
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
    },
  };
}

/** The first of the usual superusers that Postgres lets in, failing with the service's name when none does. */
async function postgresAdmin(): Promise<{ client: Client; user: string }> {
  const errors: string[] = [];
  for (const user of POSTGRES_USERS) {
    const client = new Client({ connectionString: `${POSTGRES_HOST_URL.replace('://', `://${user}@`)}/postgres` });
    try {
      await client.connect();
      return { client, user };
    } catch (error) {
      errors.push(`${user}: ${String(error)}`);
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL is not reachable at ${POSTGRES_HOST_URL} (${errors.join('; ')})`);
}

/** `dispatch_test_dbtarget_<name>` on Postgres, created empty; dropped by `drop()` even with connections left. */
export async function postgresTarget(name: string): Promise<TargetDatabase> {
  const database = `dispatch_test_dbtarget_${name}`;
  const { client: admin, user } = await postgresAdmin();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = `${POSTGRES_HOST_URL.replace('://', `://${user}@`)}/${database}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query("SET TIME ZONE 'UTC'");
  return {
    engine: 'postgres',
    url,
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    checksum: async (table) => {
      const { rows } = await client.query(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${table}" t`);
      return `${rows[0].n}:${rows[0].sum}`;
    },
    drop: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * The tables every database test works on, the same on both engines: `logs` (auto id, a date column),
 * `inventory` (a text primary key, a decimal), `notes` (no primary key) and `secrets` (outside the allow-list).
 */
export async function createTables(target: TargetDatabase): Promise<void> {
  const pg = target.engine === 'postgres';
  const statements = [
    `CREATE TABLE logs (id ${pg ? 'SERIAL' : 'INT AUTO_INCREMENT'} PRIMARY KEY, level VARCHAR(16) NOT NULL, message VARCHAR(255), qty INT, ` +
      `${pg ? '"createdAt" TIMESTAMP(3)' : 'createdAt DATETIME(3)'} NOT NULL)`,
    'CREATE TABLE inventory (sku VARCHAR(32) PRIMARY KEY, qty INT NOT NULL, price DECIMAL(10,2) NOT NULL)',
    'CREATE TABLE notes (author VARCHAR(32), body VARCHAR(255))',
    'CREATE TABLE secrets (id INT PRIMARY KEY, value VARCHAR(64))',
  ];
  for (const sql of statements) await target.query(sql);
}

export interface LogRow {
  level: string;
  message: string;
  qty: number;
  createdAt: string;
}

/** Replaces the rows of `logs` with these, in order (ids from 1). */
export async function seedLogs(target: TargetDatabase, rows: LogRow[]): Promise<void> {
  const pg = target.engine === 'postgres';
  await target.query(pg ? 'TRUNCATE logs RESTART IDENTITY' : 'TRUNCATE TABLE logs');
  for (const row of rows) {
    const sql = pg
      ? 'INSERT INTO logs (level, message, qty, "createdAt") VALUES ($1, $2, $3, $4)'
      : 'INSERT INTO logs (level, message, qty, createdAt) VALUES (?, ?, ?, ?)';
    await target.query(sql, [row.level, row.message, row.qty, row.createdAt.replace('T', ' ').replace('Z', '')]);
  }
}
