import type { Caller } from '../../auth/caller';
import { Inject, Injectable } from '@nestjs/common';
import { InvalidRequestError } from '../../common/errors/domain-errors';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import { ResourceRegistry } from '../../resources';
import type { StorageConfig } from '../../resources/sections/storage.section';
import type { DispatchResult, IdempotencyContext } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import type { DispatchStorageDto } from './dto/dispatch-storage.dto';
import { UploadStagingService } from './staging/upload-staging.service';
import { STORAGE_OPTIONS, StorageOptions } from './storage-options';
import { checkClientInput, DEFAULT_MIME_TYPE, StorageInputError } from './storage-input';
import { PathOutsideRootError, resolveWithinRoot } from './storage-path';
import { decodeUpload } from './upload-bytes';

/**
 * Checks a storage dispatch against the registry and the path rules, stages an upload's bytes, then
 * hands the job to the scheduler. The job's input keeps only names and the staged upload's id, size
 * and sha256, so file contents never reach the job row or Redis.
 */
@Injectable()
export class StorageDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly scheduler: SchedulerService,
    private readonly staging: UploadStagingService,
    private readonly idempotency: IdempotencyService,
    @Inject(STORAGE_OPTIONS) private readonly options: StorageOptions,
  ) {}

  async dispatch(dto: DispatchStorageDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    const storage = this.registry.entry<StorageConfig>(dto.product, dto.env, 'storage', dto.storage, 'storage');
    const input = dto.input as unknown as Record<string, unknown>;
    try {
      checkClientInput(dto.event, input);
    } catch (error) {
      if (error instanceof StorageInputError) throw new InvalidRequestError(error.field, error.message);
      throw error;
    }
    if (storage.type === 'local') await this.checkLocalPaths(storage.root, dto);
    const idempotency = idempotencyContext('storage', dto, idempotencyKey, caller);
    const target = { target: dto.storage, event: dto.event };
    if (dto.event !== 'upload') {
      const kept = dto.event === 'delete' ? { fileName: dto.input.fileName } : { fileName: dto.input.fileName, destination: dto.input.destination };
      return this.scheduler.dispatch(toDispatchRequest('storage', dto, { ...target, input: kept }, caller), idempotency);
    }
    return this.dispatchUpload(dto, target, idempotency, caller);
  }

  private async dispatchUpload(dto: DispatchStorageDto, target: { target: string; event: string }, idempotency: IdempotencyContext | undefined, caller: Caller | undefined): Promise<DispatchResult> {
    const bytes = decodeUpload(dto.input.buffer ?? '', this.options.maxUploadBytes);
    // A repeat is answered before anything is staged; the scheduler settles a race between two.
    const earlier = idempotency ? await this.idempotency.find(idempotency) : null;
    if (earlier) return earlier;
    const upload = await this.staging.stage(bytes);
    let result: DispatchResult;
    try {
      const input = { fileName: dto.input.fileName, mimeType: dto.input.mimeType ?? DEFAULT_MIME_TYPE, upload };
      result = await this.scheduler.dispatch(toDispatchRequest('storage', dto, { ...target, input }, caller), idempotency);
    } catch (error) {
      // A refused schedule (or any failure) leaves nothing behind.
      await this.staging.discard(upload.id);
      throw error;
    }
    // A concurrent identical request won the Idempotency-Key: its job sends its own copy of the bytes.
    if (idempotency && (await this.staging.uploadOfJob(result.job_id)) !== upload.id) await this.staging.discard(upload.id);
    else await this.staging.attach(upload.id, result.job_id);
    return result;
  }

  /**
   * Refuses, at dispatch, a name that a symbolic link under the root leads out of it. Runs check again,
   * since links can change before then; a root this process cannot see (it lives on the workers) is
   * left to them.
   */
  private async checkLocalPaths(root: string, dto: DispatchStorageDto): Promise<void> {
    const names: Array<[string, string | undefined]> = [
      ['input.fileName', dto.input.fileName],
      ['input.destination', dto.input.destination],
    ];
    for (const [field, name] of names) {
      if (name === undefined) continue;
      try {
        await resolveWithinRoot(root, name);
      } catch (error) {
        if (error instanceof PathOutsideRootError) throw new InvalidRequestError(field, `${field} ${error.message}`);
      }
    }
  }
}
