import type { DataSourceOptions } from 'typeorm';
import { JobEntity } from '../scheduler/entities/job.entity';
import { JobRunEntity } from '../scheduler/entities/job-run.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { CreateJobs1795000000000 } from '../migrations/1795000000000-create-jobs';
import { CreateStorageUploads1795000000001 } from '../migrations/1795000000001-create-storage-uploads';
import { AddJobApiKeyId1795000000010 } from '../migrations/1795000000010-add-job-api-key-id';
import { AddAdminControls1795000000020 } from '../migrations/1795000000020-add-admin-controls';
import { AsciiUuidColumns1795000000030 } from '../migrations/1795000000030-ascii-uuid-columns';
import { StorageUploadEntity, StorageUploadPartEntity } from '../namespaces/storage/staging/storage-upload.entity';
import type { DatabaseServer } from './database-bootstrap';

/**
 * Name of our TypeORM connection: a named one, so that a host app's default connection and ours live
 * side by side. Inject it with `@InjectDataSource(DISPATCH_DATA_SOURCE)`.
 */
export const DISPATCH_DATA_SOURCE = 'dispatch';

/** Our entities: registered on our connection only, never on a host app's. */
export const DISPATCH_ENTITIES = [JobEntity, JobRunEntity, IdempotencyKeyEntity, StorageUploadEntity, StorageUploadPartEntity];
export const DISPATCH_MIGRATIONS = [CreateJobs1795000000000, CreateStorageUploads1795000000001, AddJobApiKeyId1795000000010, AddAdminControls1795000000020, AsciiUuidColumns1795000000030];

/** The one place that turns DATABASE_URL into TypeORM options, for the app and the migration CLI alike. */
export function typeOrmOptions(databaseUrl: string, server: DatabaseServer, migrate = true): DataSourceOptions {
  return {
    type: server.type,
    url: databaseUrl,
    entities: DISPATCH_ENTITIES,
    migrations: DISPATCH_MIGRATIONS,
    migrationsRun: migrate,
    synchronize: false,
    // Dates travel as UTC both ways, whatever the server's or the process's zone.
    timezone: 'Z',
    extra: { connectionLimit: 20, decimalNumbers: true },
    logging: ['error'],
  };
}
