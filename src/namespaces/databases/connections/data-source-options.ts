import type { DataSourceOptions } from 'typeorm';
import type { ResolvedDatabase } from '../../../resources/sections/databases.section';

/** Bound on opening a connection, so a database that does not answer fails the attempt rather than hanging it. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * TypeORM options for a database of the registry. The URL is taken apart here rather than passed as
 * `url`, because TypeORM would take the driver from its scheme (`postgresql:` is not a TypeORM type).
 * No entities, no migrations and never `synchronize`: these databases belong to their owners.
 */
export function dataSourceOptions(database: ResolvedDatabase, name: string): DataSourceOptions {
  const url = new URL(database.url);
  const credentials = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? undefined : Number(url.port),
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
  };
  const common = { entities: [], migrations: [], synchronize: false, migrationsRun: false, logging: false, poolSize: database.pool_size };
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      ...credentials,
      applicationName: `dispatch:${name}`.slice(0, 63),
      connectTimeoutMS: CONNECT_TIMEOUT_MS,
      // Set on each connection of the pool: the server cancels a statement that runs longer.
      extra: { statement_timeout: database.statement_timeout },
      ...(url.searchParams.get('sslmode') === 'require' && { ssl: { rejectUnauthorized: false } }),
    };
  }
  return {
    ...common,
    type: database.type,
    ...credentials,
    // Dates travel as UTC both ways, whatever the server's or the process's zone.
    timezone: 'Z',
    connectTimeout: CONNECT_TIMEOUT_MS,
    // One round trip per statement: several statements in one text are refused by the driver.
    extra: { multipleStatements: false },
  };
}

/** An error text without the URL's password, for run errors and logs. */
export function redactPassword(text: string, databaseUrl: string): string {
  let password = '';
  try {
    password = new URL(databaseUrl).password;
  } catch {
    return text;
  }
  if (password === '') return text;
  return [password, decodeURIComponent(password)].reduce((out, secret) => out.split(secret).join('***'), text);
}
