import { JobEntity } from './entities/job.entity';

/**
 * The `jobs` row as the driver returns it, and the mapping both ways, for the statements that run once
 * per batch of occurrences and skip TypeORM's entity machinery. Must follow `JobEntity` and its migration.
 */
export interface JobRow {
  id: string;
  namespace: JobEntity['namespace'];
  env: string;
  product: string;
  target: string;
  event: string;
  input: string | Record<string, unknown>;
  retries: number;
  schedule: string | JobEntity['schedule'];
  recurring: number;
  tz: string | null;
  status: JobEntity['status'];
  occurrence: number;
  run_count: number;
  failure_count: number;
  next_run_at: Date | null;
  last_run_at: Date | null;
  last_error: string | null;
  cache: string | null;
  session_tag: string | null;
  session_data: string | null;
  created_at: Date;
  updated_at: Date;
  cancelled_at: Date | null;
  version: number;
  api_key_id: string | null;
  parent_id: string | null;
  status_note: string | null;
}

export const INSERT_COLUMNS = [
  'id', 'namespace', 'env', 'product', 'target', 'event', 'input', 'retries', 'schedule', 'recurring', 'tz', 'status',
  'occurrence', 'run_count', 'failure_count', 'next_run_at', 'last_run_at', 'last_error', 'cache', 'session_tag',
  'session_data', 'created_at', 'updated_at', 'cancelled_at', 'version', 'api_key_id', 'parent_id',
  'status_note',
] as const;

export const JOB_COLUMNS = INSERT_COLUMNS.join(', ');

export function insertValues(job: JobEntity): unknown[] {
  return [
    job.id, job.namespace, job.env, job.product, job.target, job.event, JSON.stringify(job.input), job.retries,
    JSON.stringify(job.schedule), job.recurring ? 1 : 0, job.tz, job.status, job.occurrence, job.runCount, job.failureCount,
    job.nextRunAt, job.lastRunAt, job.lastError, job.cache, job.sessionTag, job.sessionData, job.createdAt, job.updatedAt,
    job.cancelledAt, job.version, job.apiKeyId ?? null, job.parentId ?? null, job.statusNote ?? null,
  ];
}

/** JSON columns come back as text on MariaDB (LONGTEXT) and as objects on MySQL 8. */
const json = <T>(value: string | T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export function toJobEntity(row: JobRow): JobEntity {
  const job = new JobEntity();
  job.id = row.id;
  job.namespace = row.namespace;
  job.env = row.env;
  job.product = row.product;
  job.target = row.target;
  job.event = row.event;
  job.input = json(row.input);
  job.retries = row.retries;
  job.schedule = json(row.schedule);
  job.recurring = Boolean(row.recurring);
  job.tz = row.tz;
  job.status = row.status;
  job.occurrence = row.occurrence;
  job.runCount = row.run_count;
  job.failureCount = row.failure_count;
  job.nextRunAt = row.next_run_at;
  job.lastRunAt = row.last_run_at;
  job.lastError = row.last_error;
  job.cache = row.cache;
  job.sessionTag = row.session_tag;
  job.sessionData = row.session_data;
  job.createdAt = row.created_at;
  job.updatedAt = row.updated_at;
  job.cancelledAt = row.cancelled_at;
  job.version = row.version;
  job.apiKeyId = row.api_key_id;
  job.parentId = row.parent_id;
  job.statusNote = row.status_note;
  return job;
}
