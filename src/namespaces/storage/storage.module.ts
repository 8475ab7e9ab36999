import { Module, OnModuleInit } from '@nestjs/common';
import { RegistryValidationError, ResourceRegistry } from '../../resources';
import { storageCredentialProblems } from '../../resources/sections/storage.section';
import { builtInExecutor, getExecutorToken } from '../../scheduler/executor.interface';
import { UploadStagingService } from './staging/upload-staging.service';
import { UploadSweeperService } from './staging/upload-sweeper.service';
import { StorageController } from './storage.controller';
import { StorageDispatchService } from './storage-dispatch.service';
import { StorageExecutor } from './storage.executor';
import { STORAGE_OPTIONS, storageOptionsFromEnv } from './storage-options';

/**
 * The storage namespace: uploads, deletes, copies and moves on the registry's local folders and S3
 * buckets. A host app replaces the executor with `{ provide: getExecutorToken('storage'), useClass: … }`;
 * its executor reads an upload's bytes through the exported `UploadStagingService`.
 */
@Module({
  controllers: [StorageController],
  providers: [
    StorageDispatchService,
    UploadStagingService,
    UploadSweeperService,
    { provide: STORAGE_OPTIONS, useFactory: () => storageOptionsFromEnv() },
    builtInExecutor('storage', StorageExecutor),
  ],
  exports: [StorageDispatchService, UploadStagingService, STORAGE_OPTIONS, getExecutorToken('storage')],
})
export class StorageModule implements OnModuleInit {
  constructor(private readonly registry: ResourceRegistry) {}

  /** Stops start-up on an s3 entry with only one of its two keys, naming the key that is missing. */
  onModuleInit(): void {
    const problems = this.registry.products().flatMap((product) => storageCredentialProblems(product, this.registry.section(product, 'storage')));
    if (problems.length > 0) throw RegistryValidationError.fromProblems(problems);
  }
}
