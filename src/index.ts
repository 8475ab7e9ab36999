/**
 * What a host Nest app may import. Anything not exported here is internal and may change.
 */

// Modules
export { DispatchModule } from './dispatch.module';
export { DISPATCH_MODULE_OPTIONS } from './dispatch.module-definition';
export type { DispatchModuleExtras, DispatchModuleOptions } from './dispatch.module-definition';
export { AdminModule } from './admin/admin.module';
export { ActionsModule } from './namespaces/actions/actions.module';
export { DatabasesModule } from './namespaces/databases/databases.module';
export { EventsModule } from './namespaces/events/events.module';
export { FeaturesModule } from './namespaces/features/features.module';
export { GraphsModule } from './namespaces/graphs/graphs.module';
export { NotificationsModule } from './namespaces/notifications/notifications.module';
export { StorageModule } from './namespaces/storage/storage.module';
export { SessionsModule, SessionsService } from './sessions';

// Dispatching from code
export { DispatchService } from './dispatch.service';
export type { DispatchCallOptions } from './dispatch.service';
export type { DispatchBodies } from './dispatch-routes';
export type { DispatchResult } from './scheduler/dispatch-request';

// Tokens, decorators and the interfaces they stand for
export { DISPATCH_CONFIG } from './config/dispatch-config';
export type { DispatchConfig } from './config/dispatch-config';
export { DISPATCH_DATA_SOURCE } from './database/typeorm-options';
export { OCCURRENCE_QUEUE } from './scheduler/occurrence-queue';
export { getExecutorToken, InjectExecutor } from './scheduler/executor.interface';
export type { ExecutionContext, JobExecutor } from './scheduler/executor.interface';
export { FeatureHandler } from './namespaces/features/handlers/feature-handler.decorator';
export type { FeatureHandlerContext } from './namespaces/features/handlers/feature-handler.decorator';
export { NonRetryableError } from './scheduler/retry-policy';
export { JOB_STATUSES, NAMESPACES, RUN_STATUSES } from './scheduler/job-status';
export type { JobStatus, Namespace, RunStatus } from './scheduler/job-status';
export { ResourceRegistry, RegistryValidationError, UnknownResourceError } from './resources';

// DTOs
export { DispatchOptionsDto } from './common/dto/dispatch-options.dto';
export { ScheduleDto } from './common/dto/schedule.dto';
export { DispatchResultDto } from './common/dto/dispatch-result.dto';
export { DispatchActionDto } from './namespaces/actions/dto/dispatch-action.dto';
export { DispatchNotificationDto } from './namespaces/notifications/dto/dispatch-notification.dto';
export { DispatchStorageDto } from './namespaces/storage/dto/dispatch-storage.dto';
export { DispatchEventDto } from './namespaces/events/dto/dispatch-event.dto';
export { DispatchDatabaseActionDto } from './namespaces/databases/dto/dispatch-database-action.dto';
export { DispatchDatabaseOperationDto } from './namespaces/databases/dto/dispatch-database-operation.dto';
export { DispatchGraphActionDto } from './namespaces/graphs/dto/dispatch-graph-action.dto';
export { DispatchGraphOperationDto } from './namespaces/graphs/dto/dispatch-graph-operation.dto';
export { DispatchFeatureDto } from './namespaces/features/dto/dispatch-feature.dto';
export { JobRunPageDto, JobRunViewDto, JobViewDto } from './jobs/dto/job-view.dto';
