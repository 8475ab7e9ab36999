import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { StorageConfig } from '../../resources/sections/storage.section';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { isRetryable, NonRetryableError } from '../../scheduler/retry-policy';
import { LocalStorageDriver } from './drivers/local-storage.driver';
import { S3StorageDriver } from './drivers/s3-storage.driver';
import type { StorageDriver } from './drivers/storage-driver';
import { UploadStagingService } from './staging/upload-staging.service';
import { readStorageOperation, StorageInputError, StorageOperation } from './storage-input';

/** What a run records: the operation and its files, plus what the driver reports (bucket, ETag…). */
export type StorageResult = Record<string, unknown> & { storage: string; operation: string; fileName: string };

/**
 * Runs a storage operation against the file system or S3 (DESIGN §5). An upload reads its bytes from
 * the staging area and drops them once they reached the storage, or once the upload failed for good.
 */
@Injectable()
export class StorageExecutor implements JobExecutor<Record<string, unknown>, StorageResult>, OnModuleDestroy {
  private readonly logger = new Logger(StorageExecutor.name);
  /** Registry entries are frozen and shared, so each one keeps its driver (and S3 connections). */
  private readonly drivers = new Map<StorageConfig, StorageDriver>();

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly staging: UploadStagingService,
  ) {}

  async execute(ctx: ExecutionContext<Record<string, unknown>>): Promise<StorageResult> {
    try {
      return await this.run(ctx);
    } catch (error) {
      const uploadId = ctx.job.event === 'upload' ? stagedUploadId(ctx.input) : undefined;
      const willRetry = isRetryable(error) && ctx.attempt <= ctx.job.retries;
      if (uploadId && !willRetry && isLastOccurrence(ctx)) await this.discard(uploadId);
      throw error;
    }
  }

  onModuleDestroy(): void {
    for (const driver of this.drivers.values()) driver.close();
    this.drivers.clear();
  }

  private async run(ctx: ExecutionContext<Record<string, unknown>>): Promise<StorageResult> {
    const { job, signal } = ctx;
    const driver = this.driver(this.storage(job.product, job.env, job.target));
    let op: StorageOperation;
    try {
      op = readStorageOperation(job.event, ctx.input);
    } catch (error) {
      if (error instanceof StorageInputError) throw new NonRetryableError(error.message);
      throw error;
    }
    const base = { storage: job.target, operation: op.operation, fileName: op.fileName };
    switch (op.operation) {
      case 'upload':
        return this.upload(ctx, driver, op);
      case 'delete':
        return { ...base, ...(await driver.delete(op.fileName, signal)) };
      case 'copy':
        return { ...base, destination: op.destination, ...(await driver.copy(op.fileName, op.destination, signal)) };
      case 'move':
        return { ...base, destination: op.destination, ...(await driver.move(op.fileName, op.destination, signal)) };
    }
  }

  private async upload(
    ctx: ExecutionContext<Record<string, unknown>>,
    driver: StorageDriver,
    op: Extract<StorageOperation, { operation: 'upload' }>,
  ): Promise<StorageResult> {
    const { id } = op.upload;
    const staged = await this.staging.load(id);
    if (!staged) throw new NonRetryableError(`the staged bytes of upload ${id} are gone (the job was cancelled or they were swept); dispatch the upload again`);
    const result: StorageResult = { storage: ctx.job.target, operation: 'upload', fileName: op.fileName, mimeType: op.mimeType, size: staged.size, sha256: staged.sha256 };
    // A redelivery of a run that already sent the bytes: they are gone, and the file is in place.
    if (staged.uploadedAt) return { ...result, uploaded_at: staged.uploadedAt.getTime() };
    const bytes = staged.bytes ?? Buffer.alloc(0);
    if (bytes.length !== op.upload.size || createHash('sha256').update(bytes).digest('hex') !== op.upload.sha256) {
      throw new NonRetryableError(`the staged bytes of upload ${id} do not match the size and sha256 recorded at dispatch`);
    }
    const out = await driver.upload(op.fileName, bytes, op.mimeType, ctx.signal);
    // A recurring upload sends the same bytes at every occurrence; they go after the last one.
    if (isLastOccurrence(ctx)) await this.staging.markUploaded(id);
    return { ...result, ...out };
  }

  private storage(product: string, env: string, name: string): StorageConfig {
    try {
      return this.registry.entry<StorageConfig>(product, env, 'storage', name, 'storage');
    } catch (error) {
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
  }

  private driver(storage: StorageConfig): StorageDriver {
    let driver = this.drivers.get(storage);
    if (!driver) {
      driver = storage.type === 'local' ? new LocalStorageDriver(storage) : new S3StorageDriver(storage);
      this.drivers.set(storage, driver);
    }
    return driver;
  }

  /** Best effort: bytes left behind are dropped by the sweep once the job has ended. */
  private async discard(uploadId: string): Promise<void> {
    try {
      await this.staging.discard(uploadId);
    } catch (error) {
      this.logger.warn(`Could not drop staged upload ${uploadId}; the sweep will: ${String(error)}`);
    }
  }
}

/** After this occurrence nothing is pending: a one-off job's only run, or a schedule's final one. */
function isLastOccurrence(ctx: ExecutionContext<unknown>): boolean {
  return !ctx.job.recurring || (ctx.occurrence === ctx.job.occurrence && ctx.job.nextRunAt === null);
}

function stagedUploadId(input: Record<string, unknown>): string | undefined {
  const upload = input.upload as { id?: unknown } | undefined;
  return typeof upload?.id === 'string' ? upload.id : undefined;
}
