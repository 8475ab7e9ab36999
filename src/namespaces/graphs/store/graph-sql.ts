import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { QueryResult } from 'typeorm/query-runner/QueryResult';
import { cancellable, StatementCancelledError } from '../../../database/cancel-on-abort';
import { dialectOf, GraphDialect } from './graph-dialect';
import { GRAPH_TABLES } from './graph-schema';

export interface GraphNode {
  id: number;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface GraphRelationship {
  id: number;
  type: string;
  from: number;
  to: number;
  properties: Record<string, unknown>;
}

/** Ids per statement when a statement lists ids: far under both dialects' parameter limits. */
export const ID_CHUNK = 1000;

/** How long a MySQL named lock is waited for before the operation fails (and its job retries). */
const LOCK_WAIT_SECONDS = 30;

/**
 * One graph's statements over one connection: named `:placeholders` bound through the driver, the
 * table names quoted for the dialect, and rows read back the same way from both dialects.
 */
export class GraphSql {
  readonly dialect: GraphDialect;
  readonly nodes: string;
  readonly labels: string;
  readonly relationships: string;
  /** MySQL named locks this connection holds until its transaction ends. */
  private readonly namedLocks: string[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: QueryRunner,
    readonly graph: string,
    private readonly signal?: AbortSignal,
  ) {
    this.dialect = dialectOf(dataSource);
    this.nodes = this.dialect.quote(GRAPH_TABLES.nodes);
    this.labels = this.dialect.quote(GRAPH_TABLES.labels);
    this.relationships = this.dialect.quote(GRAPH_TABLES.relationships);
  }

  /**
   * Runs `work` on a connection of its own, in a transaction when asked, and always gives the connection
   * back. When `signal` aborts, the statement running is cancelled on the server and no other starts.
   */
  static async use<T>(dataSource: DataSource, graph: string, transaction: boolean, work: (sql: GraphSql) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const runner = dataSource.createQueryRunner();
    try {
      return await cancellable(dataSource, runner, signal, async () => {
        await runner.connect();
        if (!transaction) return work(new GraphSql(dataSource, runner, graph, signal));
        await runner.startTransaction();
        const sql = new GraphSql(dataSource, runner, graph, signal);
        try {
          const result = await work(sql);
          await runner.commitTransaction();
          return result;
        } catch (error) {
          await runner.rollbackTransaction().catch(() => undefined);
          throw error;
        } finally {
          await sql.releaseNamedLocks();
        }
      });
    } finally {
      await runner.release();
    }
  }

  /**
   * Holds a lock on `key` in this graph until the transaction ends, so that transactions holding the same
   * key run one after the other: PostgreSQL's transaction advisory lock, or a MySQL named lock released
   * once the transaction has committed or rolled back (released earlier, the next holder would not see
   * what this one wrote).
   */
  async lockUntilEnd(key: string): Promise<void> {
    // Outside a transaction a MySQL named lock would go back to the pool with its connection.
    if (!this.runner.isTransactionActive) throw new Error('lockUntilEnd runs inside a transaction');
    const digest = createHash('sha256').update(`${this.graph}\n${key}`).digest();
    if (this.dialect.name === 'postgres') {
      await this.rows('SELECT pg_advisory_xact_lock(CAST(:lock AS bigint))', { lock: digest.readBigInt64BE(0).toString() });
      return;
    }
    const name = `dispatch-graph:${digest.toString('hex').slice(0, 40)}`;
    const [row] = await this.rows<{ held: number | string | null }>('SELECT GET_LOCK(:name, :seconds) AS held', { name, seconds: LOCK_WAIT_SECONDS });
    if (Number(row?.held) !== 1) throw new Error(`graph lock not granted within ${LOCK_WAIT_SECONDS} s`);
    this.namedLocks.push(name);
  }

  private async releaseNamedLocks(): Promise<void> {
    for (const name of this.namedLocks.splice(0)) {
      // Straight to the connection, aborted or not: it goes back to the pool and must not keep the lock.
      // A failed release must not hide the operation's outcome either.
      await this.runner.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
    }
  }

  async rows<T = Record<string, unknown>>(sql: string, parameters: Record<string, unknown> = {}): Promise<T[]> {
    return ((await this.run(sql, parameters)).records ?? []) as T[];
  }

  /** Rows changed by an UPDATE or DELETE (matched rows on MySQL, whose driver reports found rows). */
  async affected(sql: string, parameters: Record<string, unknown> = {}): Promise<number> {
    return (await this.run(sql, parameters)).affected ?? 0;
  }

  /** Inserts one row and returns its generated id, or undefined when the statement inserted nothing. */
  async insert(sql: string, parameters: Record<string, unknown>): Promise<number | undefined> {
    if (this.dialect.name === 'postgres') {
      const [row] = await this.rows<{ id: string }>(`${sql} RETURNING id`, parameters);
      return row ? Number(row.id) : undefined;
    }
    const result = await this.run(sql, parameters);
    const header = result.raw as { affectedRows: number; insertId: number };
    return header.affectedRows > 0 ? Number(header.insertId) : undefined;
  }

  private run(sql: string, parameters: Record<string, unknown>): Promise<QueryResult> {
    if (this.signal?.aborted) return Promise.reject(new StatementCancelledError());
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, { graph: this.graph, ...parameters });
    return this.runner.query(text, values, true);
  }

  /** `column IN (…)` over bound ids, as a condition and its parameters; `name` keeps several lists apart. */
  idList(column: string, ids: readonly number[], name = 'ids'): [string, Record<string, unknown>] {
    return [`${column} IN (:...${name})`, { [name]: ids }];
  }

  /** The nodes of this graph that carry every label: a condition on `alias.id`, using the label index. */
  labelCondition(alias: string, labels: readonly string[]): [string, Record<string, unknown>] {
    const parameters: Record<string, unknown> = {};
    const parts = labels.map((label, i) => {
      parameters[`label${i}`] = label;
      return `${alias}.id IN (SELECT l.node_id FROM ${this.labels} l WHERE l.graph = :graph AND l.label = :label${i})`;
    });
    return [parts.length ? parts.join(' AND ') : '1 = 1', parameters];
  }

  /** A bound JSON text of a value, read back as JSON by the dialect. */
  jsonValue(name: string): string {
    return this.dialect.jsonParameter(`:${name}`);
  }
}

export function toNode(row: Record<string, unknown>): GraphNode {
  return { id: Number(row.id), labels: parseJson(row.labels) as string[], properties: parseJson(row.properties) as Record<string, unknown> };
}

export function toRelationship(row: Record<string, unknown>): GraphRelationship {
  return {
    id: Number(row.id),
    type: String(row.type),
    from: Number(row.from_id),
    to: Number(row.to_id),
    properties: parseJson(row.properties ?? '{}') as Record<string, unknown>,
  };
}

/** MariaDB hands JSON columns back as text; MySQL and PostgreSQL as values. */
function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** Splits ids into lists that one statement can bind. */
export function chunks<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
