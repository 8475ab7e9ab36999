import type { DataSource } from 'typeorm';
import { backtickQuote, doubleQuote } from '../filter';

/** What the SQL we build depends on: how identifiers are quoted, and whether UPDATE/DELETE take LIMIT. */
export interface SqlDialect {
  kind: 'mysql' | 'postgres';
  quote(name: string): string;
}

export const MYSQL_DIALECT: SqlDialect = { kind: 'mysql', quote: backtickQuote };
export const POSTGRES_DIALECT: SqlDialect = { kind: 'postgres', quote: doubleQuote };

export function dialectOf(dataSource: DataSource): SqlDialect {
  return dataSource.options.type === 'postgres' ? POSTGRES_DIALECT : MYSQL_DIALECT;
}
