import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UUID_COLUMN } from '../../database/uuid-column';
import type { Schedule } from '../schedule';
import type { JobStatus, Namespace } from '../job-status';

/** One dispatched job: the source of truth for what runs, when, and how often (DESIGN §3). */
@Entity('jobs')
@Index('idx_jobs_status_next_run', ['status', 'nextRunAt'])
@Index('idx_jobs_namespace_status', ['namespace', 'status'])
@Index('idx_jobs_product_env_status', ['product', 'env', 'status'])
@Index('idx_jobs_status_id', ['status', 'id'])
export class JobEntity {
  /** UUIDv7, so ids sort by creation time. */
  @PrimaryColumn(UUID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 32 })
  namespace: Namespace;

  @Column({ type: 'varchar', length: 64 })
  env: string;

  @Column({ type: 'varchar', length: 128 })
  product: string;

  /** The resource the job acts on: an app, a broker, a database… */
  @Column({ type: 'varchar', length: 128 })
  target: string;

  /** The event, operation or feature tag. */
  @Column({ type: 'varchar', length: 128 })
  event: string;

  @Column({ type: 'json' })
  input: Record<string, unknown>;

  @Column({ type: 'int', default: 0 })
  retries: number;

  /** Normalised schedule: epoch ms, see `Schedule`. */
  @Column({ type: 'json' })
  schedule: Schedule;

  @Column({ type: 'boolean', default: false })
  recurring: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  tz: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: JobStatus;

  /** Number of the latest occurrence a worker has claimed; 0 before the first run. */
  @Column({ type: 'int', default: 0 })
  occurrence: number;

  @Column({ name: 'run_count', type: 'int', default: 0 })
  runCount: number;

  @Column({ name: 'failure_count', type: 'int', default: 0 })
  failureCount: number;

  /** Due time of the pending occurrence; null when none is pending. */
  @Column({ name: 'next_run_at', type: 'datetime', precision: 3, nullable: true })
  nextRunAt: Date | null;

  @Column({ name: 'last_run_at', type: 'datetime', precision: 3, nullable: true })
  lastRunAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  cache: string | null;

  @Column({ name: 'session_tag', type: 'varchar', length: 128, nullable: true })
  sessionTag: string | null;

  /** Encrypted session data; never the token. */
  @Column({ name: 'session_data', type: 'text', nullable: true })
  sessionData: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  /** Id of the API key that dispatched the job (see `apiKeyId`), never the key; null when dispatched without one. */
  @Column({ name: 'api_key_id', type: 'varchar', length: 16, nullable: true })
  apiKeyId: string | null;

  /** The job this one was copied from by an admin `trigger`, so its run shows where it came from. */
  @Column({ ...UUID_COLUMN, name: 'parent_id', nullable: true })
  parentId: string | null;

  /** Why an operator paused the job, shown until it resumes. */
  @Column({ name: 'status_note', type: 'varchar', length: 500, nullable: true })
  statusNote: string | null;

  /** Bumped by every state change, for optimistic updates from the API. */
  @Column({ type: 'int', default: 1 })
  version: number;
}
