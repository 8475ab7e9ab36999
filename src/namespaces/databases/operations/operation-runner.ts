import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ResourceRegistry, UnknownResourceError } from '../../../resources';
import type { DatabaseOperation, ResolvedDatabase } from '../../../resources/sections/databases.section';
import type { JobEntity } from '../../../scheduler/entities/job.entity';
import { NonRetryableError } from '../../../scheduler/retry-policy';
import { DatabaseConnections } from '../connections/database-connections';
import { SchemaCatalog, TableSchema } from '../schema/schema-catalog';
import { dialectOf } from '../schema/sql-dialect';
import { InputProblem } from './input-problem';
import { OperationInput } from './operation-input';
import { buildOperationSql } from './operation-sql';
import { capRows, CappedRows, numericValue } from './result-rows';
import { runStatement } from './statement-runner';

/** A run's result: what was done, the rows touched or found, and rows when the operation reads. */
export type OperationResult = {
  database: string;
  operation: DatabaseOperation;
  table: string;
  /** Writes: rows the server reports touched (MySQL counts an upsert that updates a row as 2). */
  affected?: number;
  /** Reads: rows (or groups) found; for `count`, the number of matching rows. */
  count?: number;
  /** findOne: the row, or null. */
  row?: Record<string, unknown> | null;
} & Partial<CappedRows>;

/** Which registry database a job addresses. */
export interface DatabaseRef {
  product: string;
  env: string;
  database: string;
}

export function databaseRef(job: Readonly<JobEntity>): DatabaseRef {
  return { product: job.product, env: job.env, database: job.target };
}

/**
 * Runs one checked operation on a registry database: the table and its columns against the real
 * schema (and the allow-list), SQL built with every value bound, the outcome capped for the run record.
 * Shared by the operations and the actions executors.
 */
@Injectable()
export class OperationRunner {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly connections: DatabaseConnections,
    private readonly catalog: SchemaCatalog,
  ) {}

  /** The registry entry, or a failed run that is not retried when it was removed since dispatch. */
  database(ref: DatabaseRef): ResolvedDatabase {
    try {
      return this.registry.entry<ResolvedDatabase>(ref.product, ref.env, 'databases', ref.database, 'database');
    } catch (error) {
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
  }

  async run(ref: DatabaseRef, operation: DatabaseOperation, input: OperationInput, signal?: AbortSignal): Promise<OperationResult> {
    const config = this.database(ref);
    assertAllowed(config, ref.database, input.table);
    const dataSource = await this.connections.dataSource(ref.product, ref.env, ref.database);
    const schema = await this.table(dataSource, ref.database, input.table);
    let statement;
    try {
      statement = buildOperationSql(operation, input, schema, dialectOf(dataSource));
    } catch (error) {
      // A column added since the schema was read is worth one fresh look before failing the run.
      if (!(error instanceof InputProblem)) throw error;
      const fresh = await this.table(dataSource, ref.database, input.table, true);
      try {
        statement = buildOperationSql(operation, input, fresh, dialectOf(dataSource));
      } catch (again) {
        throw again instanceof InputProblem ? new NonRetryableError(again.message) : again;
      }
    }
    const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(statement.sql, statement.parameters);
    const outcome = await runStatement(dataSource, sql, parameters, config, signal);
    const base = { database: ref.database, operation, table: input.table };
    if (statement.returns === 'affected') return { ...base, affected: outcome.affected };
    if (operation === 'count') return { ...base, count: Number(outcome.rows[0]?.count ?? 0) };
    if (operation === 'findOne') {
      const [row] = capRows(outcome.rows.slice(0, 1)).rows;
      return { ...base, count: outcome.rows.length, row: row ?? null };
    }
    const rows = operation === 'aggregate' ? outcome.rows.map(numericRow) : outcome.rows;
    return { ...base, count: rows.length, ...capRows(rows) };
  }

  private async table(dataSource: DataSource, database: string, name: string, fresh = false): Promise<TableSchema> {
    const schema = (await this.catalog.table(dataSource, name, fresh)) ?? (fresh ? undefined : await this.catalog.table(dataSource, name, true));
    if (!schema) throw new NonRetryableError(`input.table: unknown table '${name}' in database '${database}'`);
    return schema;
  }
}

/** The allow-list of the registry, when it has one, decides which tables may be touched. */
export function assertAllowed(config: ResolvedDatabase, database: string, table: string): void {
  if (config.tables && !config.tables.includes(table)) {
    throw new NonRetryableError(tableNotAllowed(database, table));
  }
}

export function tableNotAllowed(database: string, table: string): string {
  return `input.table: table '${table}' is not in the tables allow-list of database '${database}'`;
}

function numericRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, numericValue(value)]));
}
