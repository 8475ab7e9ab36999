import { InvalidRequestError } from '../common/errors/domain-errors';
import { JOB_FILTER_FIELDS, JobFilterDto } from './dto/job-filter.dto';

export interface SqlCondition {
  /** Conditions joined by AND, `?` placeholders only; `1 = 1` when the filter is empty. */
  sql: string;
  params: unknown[];
}

const instant = (value: number | string): Date => new Date(typeof value === 'number' ? value : Date.parse(value));

/** Turns an admin filter into a WHERE clause on `jobs`; every value is a bound parameter. */
export function jobFilterWhere(filter: JobFilterDto): SqlCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.namespace !== undefined) add('namespace = ?', filter.namespace);
  if (filter.product !== undefined) add('product = ?', filter.product);
  if (filter.env !== undefined) add('env = ?', filter.env);
  if (filter.recurring !== undefined) add('recurring = ?', filter.recurring ? 1 : 0);
  if (filter.from !== undefined) add('created_at >= ?', instant(filter.from));
  if (filter.to !== undefined) add('created_at < ?', instant(filter.to));
  if (filter.from !== undefined && filter.to !== undefined && instant(filter.from) >= instant(filter.to)) {
    throw new InvalidRequestError('to', 'to must be after from');
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1 = 1', params };
}

/** True when the filter names at least one field. */
export function filterNamesAnything(filter: JobFilterDto): boolean {
  return JOB_FILTER_FIELDS.some((field) => filter[field] !== undefined);
}
