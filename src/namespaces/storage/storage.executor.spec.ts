import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceRegistry } from '../../resources';
import type { JobEntity } from '../../scheduler/entities/job.entity';
import type { ExecutionContext } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { LocalStorageDriver } from './drivers/local-storage.driver';
import type { StagedUpload, UploadStagingService } from './staging/upload-staging.service';
import { StorageExecutor } from './storage.executor';

const BYTES = Buffer.from('staged bytes');
const REF = { id: '01900000-0000-7000-8000-000000000001', size: BYTES.length, sha256: createHash('sha256').update(BYTES).digest('hex') };

describe('StorageExecutor', () => {
  let root: string;
  let staged: StagedUpload | null;
  let staging: { load: jest.Mock; markUploaded: jest.Mock; discard: jest.Mock };
  let executor: StorageExecutor;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'storage-executor-'));
    const registry = ResourceRegistry.fromObject({ products: { shop: { envs: ['prd'], storage: { files: { type: 'local', root } } } } }, {});
    staged = { ...REF, uploadedAt: null, bytes: BYTES };
    staging = { load: jest.fn(async () => staged), markUploaded: jest.fn(), discard: jest.fn() };
    executor = new StorageExecutor(registry, staging as unknown as UploadStagingService);
  });

  afterEach(() => {
    executor.onModuleDestroy();
    rmSync(root, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  function ctx(job: Partial<JobEntity> = {}, at: { attempt?: number; occurrence?: number; input?: Record<string, unknown> } = {}): ExecutionContext<Record<string, unknown>> {
    const full = { id: 'job-1', product: 'shop', env: 'prd', target: 'files', event: 'upload', retries: 0, recurring: false, occurrence: 1, nextRunAt: null, ...job } as JobEntity;
    const occurrence = at.occurrence ?? 1;
    return {
      job: full,
      occurrence,
      occurrenceId: `job-1:${occurrence}`,
      attempt: at.attempt ?? 1,
      input: at.input ?? { fileName: 'out/file.txt', mimeType: 'text/plain', upload: REF },
      signal: new AbortController().signal,
    };
  }

  it('writes the staged bytes and drops them after a one-off upload', async () => {
    const result = await executor.execute(ctx());
    expect(result).toEqual({ storage: 'files', operation: 'upload', fileName: 'out/file.txt', mimeType: 'text/plain', size: REF.size, sha256: REF.sha256 });
    expect(readFileSync(join(root, 'out/file.txt'))).toEqual(BYTES);
    expect(staging.markUploaded).toHaveBeenCalledWith(REF.id);
  });

  it('keeps the bytes between the occurrences of a recurring upload and drops them after the last', async () => {
    await executor.execute(ctx({ recurring: true, occurrence: 1, nextRunAt: new Date() }));
    expect(staging.markUploaded).not.toHaveBeenCalled();
    await executor.execute(ctx({ recurring: true, occurrence: 2, nextRunAt: null }, { occurrence: 2 }));
    expect(staging.markUploaded).toHaveBeenCalledWith(REF.id);
  });

  it('answers a redelivery of an upload already sent without writing again', async () => {
    staged = { ...REF, uploadedAt: new Date(1_000), bytes: null };
    const write = jest.spyOn(LocalStorageDriver.prototype, 'upload');
    await expect(executor.execute(ctx())).resolves.toMatchObject({ fileName: 'out/file.txt', uploaded_at: 1_000 });
    expect(write).not.toHaveBeenCalled();
  });

  it('fails for good, dropping the bytes, when they are altered or gone', async () => {
    staged = { ...REF, uploadedAt: null, bytes: Buffer.from('other bytes!') };
    await expect(executor.execute(ctx({ retries: 3 }))).rejects.toThrow(new NonRetryableError(`the staged bytes of upload ${REF.id} do not match the size and sha256 recorded at dispatch`));
    expect(staging.discard).toHaveBeenCalledWith(REF.id);
    staged = null;
    await expect(executor.execute(ctx())).rejects.toThrow(/the staged bytes of upload .* are gone/);
  });

  it('keeps the bytes while a retry is to come, and drops them after the last attempt', async () => {
    jest.spyOn(LocalStorageDriver.prototype, 'upload').mockRejectedValue(new Error('disk busy'));
    await expect(executor.execute(ctx({ retries: 1 }, { attempt: 1 }))).rejects.toThrow('disk busy');
    expect(staging.discard).not.toHaveBeenCalled();
    await expect(executor.execute(ctx({ retries: 1 }, { attempt: 2 }))).rejects.toThrow('disk busy');
    expect(staging.discard).toHaveBeenCalledWith(REF.id);
  });

  it('fails for good on a storage removed from the registry or a stored name that climbs out', async () => {
    await expect(executor.execute(ctx({ target: 'gone', retries: 5 }))).rejects.toThrow(
      new NonRetryableError("Unknown storage 'gone' in product 'shop' (removed from the registry since dispatch)"),
    );
    expect(staging.discard).toHaveBeenCalledWith(REF.id);
    await expect(executor.execute(ctx({ event: 'delete' }, { input: { fileName: '../x' } }))).rejects.toThrow(
      new NonRetryableError("input.fileName must not contain '..' segments"),
    );
  });
});
