import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UUID_COLUMN } from '../database/uuid-column';

/** The first answer to a dispatch that carried an `Idempotency-Key`, kept at least 24 hours. */
@Entity('idempotency_keys')
@Index('idx_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKeyEntity {
  /** Who sent the key: the API key's id, or `anonymous` when the service runs without keys. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255 })
  key: string;

  /** SHA-256 of the namespace and the request body, to tell a repeat from a reuse of the key. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ ...UUID_COLUMN, name: 'job_id' })
  jobId: string;

  @Column({ type: 'json' })
  response: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
