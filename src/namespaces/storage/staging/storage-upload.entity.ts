import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UUID_COLUMN } from '../../../database/uuid-column';

/**
 * An upload's bytes waiting for their job to run (see `UploadStagingService`). The bytes themselves are
 * in `StorageUploadPartEntity` rows, so that no statement carries more than one part.
 */
@Entity('storage_uploads')
@Index('idx_storage_uploads_job', ['jobId'])
@Index('idx_storage_uploads_created_at', ['createdAt'])
export class StorageUploadEntity {
  /** UUIDv7; the job's input names it. */
  @PrimaryColumn(UUID_COLUMN)
  id: string;

  /** Set once the job row is written; null only while a dispatch is in flight (or died there). */
  @Column({ ...UUID_COLUMN, name: 'job_id', nullable: true })
  jobId: string | null;

  // mysql2 hands BIGINT back as a string.
  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /** When the bytes reached the storage and were dropped; the row stays so that a redelivery can tell. */
  @Column({ name: 'uploaded_at', type: 'datetime', precision: 3, nullable: true })
  uploadedAt: Date | null;
}

/** One slice of an upload's bytes, at most `UPLOAD_PART_BYTES`. Deleted with its upload (ON DELETE CASCADE). */
@Entity('storage_upload_parts')
export class StorageUploadPartEntity {
  @PrimaryColumn({ ...UUID_COLUMN, name: 'upload_id' })
  uploadId: string;

  @PrimaryColumn({ type: 'int' })
  part: number;

  @Column({ type: 'mediumblob' })
  bytes: Buffer;

  // Declared so that a schema built from the entities (rather than the migration) cascades the same way.
  @ManyToOne(() => StorageUploadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'upload_id', foreignKeyConstraintName: 'fk_storage_upload_parts_upload' })
  upload?: StorageUploadEntity;
}
