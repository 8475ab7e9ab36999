import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UUID_COLUMN } from '../../database/uuid-column';
import type { RunStatus } from '../job-status';

/**
 * One attempt of one occurrence. The id is minted when a worker takes the attempt and doubles as its
 * fencing token: a worker that lost the attempt to another finds its id gone and writes nothing.
 */
@Entity('job_runs')
@Index('uq_job_runs_occurrence_attempt', ['jobId', 'occurrence', 'attempt'], { unique: true })
@Index('idx_job_runs_started_at', ['startedAt'])
export class JobRunEntity {
  @PrimaryColumn(UUID_COLUMN)
  id: string;

  @Column({ ...UUID_COLUMN, name: 'job_id' })
  jobId: string;

  @Column({ type: 'int' })
  occurrence: number;

  /** 1 for the first attempt; 0 for a record of skipped occurrences. */
  @Column({ type: 'int' })
  attempt: number;

  @Column({ type: 'varchar', length: 16 })
  status: RunStatus;

  /** A failed attempt that will be retried. */
  @Column({ name: 'will_retry', type: 'boolean', default: false })
  willRetry: boolean;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs: number | null;

  /** What the executor returned, capped in size. */
  @Column({ type: 'json', nullable: true })
  result: unknown;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** How long after its due time the occurrence started; first attempts of a claimed occurrence only. */
  @Column({ name: 'lateness_ms', type: 'int', nullable: true })
  latenessMs: number | null;
}
