import { createConnection } from 'mysql2/promise';

export interface DatabaseServer {
  /** TypeORM driver type: `mariadb` lets inserts use RETURNING instead of a follow-up SELECT. */
  type: 'mysql' | 'mariadb';
  database: string;
}

/**
 * Creates the database named in the URL when it is missing and tells which server answers.
 * Runs before TypeORM connects, since TypeORM cannot connect to a database that does not exist.
 */
export async function ensureDatabase(databaseUrl: string): Promise<DatabaseServer> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new Error(`DATABASE_URL: database name '${database}' must be 1-64 letters, digits or _`);
  }
  url.pathname = '/';
  const connection = await createConnection({ uri: url.toString() });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0].version);
    return { type: /mariadb/i.test(version) ? 'mariadb' : 'mysql', database };
  } finally {
    await connection.end();
  }
}
