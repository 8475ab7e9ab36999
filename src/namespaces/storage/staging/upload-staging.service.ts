import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FINISHED_STATUSES } from '../../../scheduler/job-status';
import type { StagedUploadRef } from '../storage-input';
import { StorageUploadEntity, StorageUploadPartEntity } from './storage-upload.entity';
import { DISPATCH_DATA_SOURCE } from '../../../database/typeorm-options';

/**
 * Bytes per part row. TypeORM sends statements through mysql2's text protocol, where a Buffer parameter
 * becomes a hex literal twice its size: a 10 MB upload in one statement would exceed MariaDB's default
 * 16 MB max_allowed_packet. 1 MiB parts stay well under it (and under MySQL 5.7's 4 MB default)
 * whatever the upload cap.
 */
export const UPLOAD_PART_BYTES = 1024 * 1024;

/** A staged upload as a run reads it; `bytes` is null once they reached the storage. */
export interface StagedUpload extends StagedUploadRef {
  uploadedAt: Date | null;
  bytes: Buffer | null;
}

/**
 * The staging area of uploads. A job row's input is capped at 1 MiB and Bull data holds ids only, so an
 * upload's bytes wait here from dispatch until the run that sends them, and are dropped after it.
 */
@Injectable()
export class UploadStagingService {
  constructor(@InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Stores the bytes in one transaction: a crash leaves either all of them or none. */
  async stage(bytes: Buffer): Promise<StagedUploadRef> {
    const ref: StagedUploadRef = { id: uuidv7(), size: bytes.length, sha256: sha256(bytes) };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(StorageUploadEntity, { ...ref, jobId: null, createdAt: new Date(), uploadedAt: null });
      for (let part = 0, offset = 0; offset < bytes.length; part++, offset += UPLOAD_PART_BYTES) {
        await manager.insert(StorageUploadPartEntity, { uploadId: ref.id, part, bytes: bytes.subarray(offset, offset + UPLOAD_PART_BYTES) });
      }
    });
    return ref;
  }

  /** Ties the staged bytes to the job that will send them, which is what the sweep goes by. */
  async attach(id: string, jobId: string): Promise<void> {
    await this.dataSource.query('UPDATE storage_uploads SET job_id = ? WHERE id = ?', [jobId, id]);
  }

  /** The upload that a job row names, when it has one: a repeated dispatch may answer with another job. */
  async uploadOfJob(jobId: string): Promise<string | null> {
    const rows: Array<{ id: string | null }> = await this.dataSource.query(
      "SELECT JSON_UNQUOTE(JSON_EXTRACT(input, '$.upload.id')) AS id FROM jobs WHERE id = ?",
      [jobId],
    );
    return rows[0]?.id ?? null;
  }

  async load(id: string): Promise<StagedUpload | null> {
    const row = await this.dataSource.getRepository(StorageUploadEntity).findOneBy({ id });
    if (!row) return null;
    const staged: StagedUpload = { id, size: row.size, sha256: row.sha256, uploadedAt: row.uploadedAt, bytes: null };
    if (row.uploadedAt) return staged;
    const parts: Array<{ bytes: Buffer }> = await this.dataSource.query(
      'SELECT bytes FROM storage_upload_parts WHERE upload_id = ? ORDER BY part',
      [id],
    );
    staged.bytes = Buffer.concat(parts.map((p) => p.bytes));
    return staged;
  }

  /** Drops the bytes of an upload that reached the storage; the row stays as a record of it. */
  async markUploaded(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE storage_uploads SET uploaded_at = ? WHERE id = ? AND uploaded_at IS NULL', [new Date(), id]);
      await manager.query('DELETE FROM storage_upload_parts WHERE upload_id = ?', [id]);
    });
  }

  /** Drops an upload and its bytes: its dispatch was refused, or its job failed for good. */
  async discard(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM storage_uploads WHERE id = ?', [id]);
  }

  /**
   * Drops staged uploads older than `olderThan` that no job will send: their job ended (completed,
   * failed, cancelled) or is gone. One never tied to its job (the dispatch stopped half-way) is first
   * tied to it, if the job row was written after all. Returns how many were dropped.
   */
  async sweep(olderThan: Date): Promise<number> {
    await this.dataSource.query(
      `UPDATE storage_uploads u JOIN jobs j
         ON j.namespace = 'storage' AND JSON_UNQUOTE(JSON_EXTRACT(j.input, '$.upload.id')) = u.id
       SET u.job_id = j.id
       WHERE u.job_id IS NULL AND u.created_at < ?`,
      [olderThan],
    );
    const unclaimed = await this.dataSource.query('DELETE FROM storage_uploads WHERE job_id IS NULL AND created_at < ?', [olderThan]);
    const ended = await this.dataSource.query(
      `DELETE u FROM storage_uploads u LEFT JOIN jobs j ON j.id = u.job_id
       WHERE u.job_id IS NOT NULL AND u.created_at < ? AND (j.id IS NULL OR j.status IN (?))`,
      [olderThan, FINISHED_STATUSES],
    );
    return (unclaimed.affectedRows ?? 0) + (ended.affectedRows ?? 0);
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
