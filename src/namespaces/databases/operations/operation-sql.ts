import type { DatabaseOperation } from '../../../resources/sections/databases.section';
import { FilterError, translateFilter } from '../filter';
import type { ColumnInfo, TableSchema } from '../schema/schema-catalog';
import type { SqlDialect } from '../schema/sql-dialect';
import { InputProblem, Scalar } from './input-problem';
import { AGGREGATE_FUNCTIONS, MAX_ROWS, OperationInput } from './operation-input';

/** One statement with `:name` placeholders; values only ever travel in `parameters`. */
export interface SqlStatement {
  sql: string;
  parameters: Record<string, unknown>;
  /** `rows`: the statement returns rows to report; `affected`: only a count of touched rows. */
  returns: 'rows' | 'affected';
}

// ISO 8601 with a zone: what a zone-less date column must receive as a UTC wall time instead.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The value as its column should receive it: ISO instants become `YYYY-MM-DD HH:MM:SS.mmm` UTC for zone-less date columns. */
export function columnValue(column: ColumnInfo | undefined, value: unknown): unknown {
  if (column?.dateKind !== 'zoneless' || typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString().replace('T', ' ').replace('Z', '');
}

/** Builds the SQL of one operation against a table whose schema is known; unknown columns throw InputProblem. */
export function buildOperationSql(operation: DatabaseOperation, input: OperationInput, schema: TableSchema, dialect: SqlDialect): SqlStatement {
  return new StatementBuilder(input, schema, dialect).build(operation);
}

class StatementBuilder {
  private readonly parameters: Record<string, unknown> = {};
  private next = 0;
  private readonly q: (name: string) => string;

  constructor(
    private readonly input: OperationInput,
    private readonly schema: TableSchema,
    private readonly dialect: SqlDialect,
  ) {
    this.q = dialect.quote;
  }

  build(operation: DatabaseOperation): SqlStatement {
    const sql = this.sql(operation);
    const returns = ['find', 'findOne', 'count', 'aggregate'].includes(operation) ? 'rows' : 'affected';
    return { sql, parameters: this.parameters, returns };
  }

  private sql(operation: DatabaseOperation): string {
    const table = this.q(this.schema.name);
    const { input } = this;
    switch (operation) {
      case 'find':
      case 'findOne': {
        const fields = input.fields ? input.fields.map((name, i) => this.column(name, `input.fields[${i}]`)).join(', ') : '*';
        const limit = operation === 'findOne' ? 1 : (input.limit ?? MAX_ROWS);
        return `SELECT ${fields} FROM ${table} WHERE ${this.where()}${this.orderBy()}${this.page(limit)}`;
      }
      case 'count':
        return `SELECT COUNT(*) AS ${this.q('count')} FROM ${table} WHERE ${this.where()}`;
      case 'aggregate':
        return this.aggregate(table);
      case 'insert':
        return `INSERT INTO ${table} ${this.values()}`;
      case 'upsert':
        return `INSERT INTO ${table} ${this.values()} ${this.onConflict()}`;
      case 'updateMany':
        return `UPDATE ${table} SET ${this.assignments()} WHERE ${this.where()}`;
      case 'deleteMany':
        return `DELETE FROM ${table} WHERE ${this.where()}`;
      case 'updateOne':
        return this.oneRow(`UPDATE ${table} SET ${this.assignments()}`);
      case 'deleteOne':
        return this.oneRow(`DELETE FROM ${table}`);
    }
  }

  private bind(value: unknown): string {
    const name = `d${this.next++}`;
    this.parameters[name] = value;
    return `:${name}`;
  }

  private column(name: string, path: string): string {
    if (!this.schema.columns.has(name)) throw new InputProblem(path, `${path}: unknown column '${name}' in table '${this.schema.name}'`);
    return this.q(name);
  }

  private where(): string {
    try {
      const { where, parameters } = translateFilter(this.input.filter, new Set(this.schema.columns.keys()), undefined, {
        quote: this.q,
        bindValue: (column, value) => columnValue(this.schema.columns.get(column), value),
      });
      Object.assign(this.parameters, parameters);
      return where;
    } catch (error) {
      if (error instanceof FilterError) throw new InputProblem(`input.${error.path}`, `input.${error.message} in table '${this.schema.name}'`);
      throw error;
    }
  }

  private orderBy(extra: ReadonlySet<string> = new Set()): string {
    if (!this.input.sort) return '';
    const terms = this.input.sort.map(([name, direction]) => `${extra.has(name) ? this.q(name) : this.column(name, `input.sort.${name}`)} ${direction}`);
    return ` ORDER BY ${terms.join(', ')}`;
  }

  private page(limit: number): string {
    return ` LIMIT ${this.bind(limit)}${this.input.offset ? ` OFFSET ${this.bind(this.input.offset)}` : ''}`;
  }

  private aggregate(table: string): string {
    const groupBy = (this.input.groupBy ?? []).map((name, i) => this.column(name, `input.groupBy[${i}]`));
    const aliases = new Set(['count']);
    const selected = [...groupBy, `COUNT(*) AS ${this.q('count')}`];
    for (const fn of AGGREGATE_FUNCTIONS) {
      (this.input.aggregate?.[fn] ?? []).forEach((name, i) => {
        const alias = `${fn}_${name}`;
        aliases.add(alias);
        selected.push(`${fn.toUpperCase()}(${this.column(name, `input.aggregate.${fn}[${i}]`)}) AS ${this.q(alias)}`);
      });
    }
    const where = this.where();
    const group = groupBy.length > 0 ? ` GROUP BY ${groupBy.join(', ')}` : '';
    const sortable = new Set([...aliases, ...(this.input.groupBy ?? [])]);
    for (const [name] of this.input.sort ?? []) {
      if (!sortable.has(name)) throw new InputProblem(`input.sort.${name}`, `input.sort.${name}: sort by a groupBy column or an output (${[...sortable].join(', ')})`);
    }
    return `SELECT ${selected.join(', ')} FROM ${table} WHERE ${where}${group}${this.orderBy(aliases)}${this.page(this.input.limit ?? MAX_ROWS)}`;
  }

  private dataColumns(): string[] {
    const names: string[] = [];
    for (const row of this.input.data ?? []) for (const name of Object.keys(row)) if (!names.includes(name)) names.push(name);
    return names;
  }

  /** `(a, b) VALUES (…), (…)`; a column a row leaves out takes its DEFAULT. */
  private values(): string {
    const rows = this.input.data ?? [];
    const names = this.dataColumns();
    const single = rows.length === 1;
    const columns = names.map((name) => this.column(name, single ? `input.data.${name}` : `input.data[${rows.findIndex((r) => Object.hasOwn(r, name))}].${name}`));
    const tuples = rows.map(
      (row) => `(${names.map((name) => (Object.hasOwn(row, name) ? this.bind(columnValue(this.schema.columns.get(name), row[name])) : 'DEFAULT')).join(', ')})`,
    );
    return `(${columns.join(', ')}) VALUES ${tuples.join(', ')}`;
  }

  private assignments(): string {
    const row: Record<string, Scalar> = this.input.data?.[0] ?? {};
    return Object.entries(row)
      .map(([name, value]) => `${this.column(name, `input.data.${name}`)} = ${this.bind(columnValue(this.schema.columns.get(name), value))}`)
      .join(', ');
  }

  private onConflict(): string {
    const names = this.dataColumns();
    if (this.dialect.kind === 'mysql') {
      // MySQL and MariaDB decide a conflict by any unique key of the table; `conflict` only names columns left as they are.
      const keep = new Set(this.input.conflict ?? this.schema.primaryKey);
      (this.input.conflict ?? []).forEach((name, i) => this.column(name, `input.conflict[${i}]`));
      const updated = names.filter((name) => !keep.has(name));
      const sets = updated.map((name) => `${this.q(name)} = VALUES(${this.q(name)})`);
      // Nothing to update: a no-op assignment keeps the row and the statement valid.
      return `ON DUPLICATE KEY UPDATE ${sets.length > 0 ? sets.join(', ') : `${this.q(names[0])} = ${this.q(names[0])}`}`;
    }
    const target = this.input.conflict ?? this.schema.primaryKey;
    if (target.length === 0) {
      throw new InputProblem('input.conflict', `input.conflict is required: table '${this.schema.name}' has no primary key; name the columns of a unique key`);
    }
    const keys = target.map((name, i) => this.column(name, this.input.conflict ? `input.conflict[${i}]` : 'input.conflict'));
    const updated = names.filter((name) => !target.includes(name));
    if (updated.length === 0) return `ON CONFLICT (${keys.join(', ')}) DO NOTHING`;
    return `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updated.map((name) => `${this.q(name)} = EXCLUDED.${this.q(name)}`).join(', ')}`;
  }

  /**
   * At most one row, on both servers: MySQL/MariaDB take ORDER BY … LIMIT 1 on UPDATE and DELETE;
   * Postgres does not, so it picks the row by primary key (or by its physical row id, ctid, when the
   * table has no key) in a subselect that returns at most one row.
   */
  private oneRow(head: string): string {
    if (this.dialect.kind === 'mysql') return `${head} WHERE ${this.where()}${this.orderBy()} LIMIT 1`;
    const key = this.schema.primaryKey.length > 0 ? this.schema.primaryKey.map(this.q) : ['ctid'];
    const list = key.length === 1 ? key[0] : `(${key.join(', ')})`;
    const table = this.q(this.schema.name);
    return `${head} WHERE ${list} IN (SELECT ${key.join(', ')} FROM ${table} WHERE ${this.where()}${this.orderBy()} LIMIT 1)`;
  }
}
