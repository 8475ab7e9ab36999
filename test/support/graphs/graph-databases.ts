import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MYSQL_ROOT_URL } from '../services';

export const POSTGRES_ROOT_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

export type GraphDatabaseType = 'mariadb' | 'postgres';
export const GRAPH_DATABASE_TYPES: GraphDatabaseType[] = ['mariadb', 'postgres'];

/** The URL of a test database of the given type (it need not exist yet). */
export function graphDatabaseUrl(type: GraphDatabaseType, name: string): string {
  return `${type === 'mariadb' ? MYSQL_ROOT_URL : POSTGRES_ROOT_URL}/${name}`;
}

/** Creates an empty database, dropping a leftover of an earlier run; fails naming the server when it is down. */
export async function createGraphDatabase(type: GraphDatabaseType, name: string): Promise<void> {
  await dropGraphDatabase(type, name);
  await onServer(type, (run) => run(type === 'mariadb' ? `CREATE DATABASE \`${name}\`` : `CREATE DATABASE "${name}"`));
}

export async function dropGraphDatabase(type: GraphDatabaseType, name: string): Promise<void> {
  // WITH (FORCE) ends sessions a failed test may have left open, which would otherwise block the drop.
  await onServer(type, (run) => run(type === 'mariadb' ? `DROP DATABASE IF EXISTS \`${name}\`` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A TypeORM DataSource on the test database, as the executor gets one from DatabaseConnections. */
export async function openGraphDataSource(type: GraphDatabaseType, name: string): Promise<DataSource> {
  const dataSource = new DataSource({ type, url: graphDatabaseUrl(type, name), poolSize: 4 } as ConstructorParameters<typeof DataSource>[0]);
  return dataSource.initialize();
}

async function onServer(type: GraphDatabaseType, work: (run: (sql: string) => Promise<unknown>) => Promise<unknown>): Promise<void> {
  if (type === 'mariadb') {
    let connection;
    try {
      connection = await createConnection({ uri: MYSQL_ROOT_URL });
    } catch (error) {
      throw new Error(`MariaDB/MySQL is not reachable at ${MYSQL_ROOT_URL}: ${String(error)}`);
    }
    try {
      await work((sql) => connection.query(sql));
    } finally {
      await connection.end();
    }
    return;
  }
  const client = new Client({ connectionString: `${POSTGRES_ROOT_URL}/postgres` });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ROOT_URL}: ${String(error)}`);
  }
  try {
    await work((sql) => client.query(sql));
  } finally {
    await client.end();
  }
}
