import type { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { ActionsDispatchService } from './namespaces/actions/actions-dispatch.service';
import { DispatchActionDto } from './namespaces/actions/dto/dispatch-action.dto';
import { DatabaseActionsDispatchService } from './namespaces/databases/database-actions-dispatch.service';
import { DatabaseOperationsDispatchService } from './namespaces/databases/database-operations-dispatch.service';
import { DispatchDatabaseActionDto } from './namespaces/databases/dto/dispatch-database-action.dto';
import { DispatchDatabaseOperationDto } from './namespaces/databases/dto/dispatch-database-operation.dto';
import { DispatchEventDto } from './namespaces/events/dto/dispatch-event.dto';
import { EventsDispatchService } from './namespaces/events/events-dispatch.service';
import { DispatchFeatureDto } from './namespaces/features/dto/dispatch-feature.dto';
import { FeaturesDispatchService } from './namespaces/features/features-dispatch.service';
import { DispatchGraphActionDto } from './namespaces/graphs/dto/dispatch-graph-action.dto';
import { DispatchGraphOperationDto } from './namespaces/graphs/dto/dispatch-graph-operation.dto';
import { GraphsDispatchService } from './namespaces/graphs/graphs-dispatch.service';
import { DispatchNotificationDto } from './namespaces/notifications/dto/dispatch-notification.dto';
import { NotificationsDispatchService } from './namespaces/notifications/notifications-dispatch.service';
import { DispatchStorageDto } from './namespaces/storage/dto/dispatch-storage.dto';
import { StorageDispatchService } from './namespaces/storage/storage-dispatch.service';
import type { DispatchResult } from './scheduler/dispatch-request';
import type { Namespace } from './scheduler/job-status';

/** The body of each namespace's dispatch, as its REST endpoint takes it. */
export interface DispatchBodies {
  actions: DispatchActionDto;
  features: DispatchFeatureDto;
  notifications: DispatchNotificationDto;
  storage: DispatchStorageDto;
  events: DispatchEventDto;
  'database-actions': DispatchDatabaseActionDto;
  'database-operations': DispatchDatabaseOperationDto;
  'graph-actions': DispatchGraphActionDto;
  'graph-operations': DispatchGraphOperationDto;
}

interface Route<D> {
  dto: Type<D>;
  send(moduleRef: ModuleRef, dto: D, idempotencyKey?: string): Promise<DispatchResult>;
}

const service = <S>(moduleRef: ModuleRef, type: Type<S>): S => moduleRef.get(type, { strict: false });

/** For each namespace, the DTO that validates its body and the service its controller calls. */
export const DISPATCH_ROUTES: { [N in Namespace]: Route<DispatchBodies[N]> } = {
  actions: { dto: DispatchActionDto, send: (m, dto, key) => service(m, ActionsDispatchService).dispatch(dto, key) },
  features: { dto: DispatchFeatureDto, send: (m, dto, key) => service(m, FeaturesDispatchService).dispatch(dto, key) },
  notifications: { dto: DispatchNotificationDto, send: (m, dto, key) => service(m, NotificationsDispatchService).dispatch(dto, key) },
  storage: { dto: DispatchStorageDto, send: (m, dto, key) => service(m, StorageDispatchService).dispatch(dto, key) },
  events: { dto: DispatchEventDto, send: (m, dto, key) => service(m, EventsDispatchService).dispatch(dto, key) },
  'database-actions': { dto: DispatchDatabaseActionDto, send: (m, dto, key) => service(m, DatabaseActionsDispatchService).dispatch(dto, key) },
  'database-operations': { dto: DispatchDatabaseOperationDto, send: (m, dto, key) => service(m, DatabaseOperationsDispatchService).dispatch(dto, key) },
  'graph-actions': { dto: DispatchGraphActionDto, send: (m, dto, key) => service(m, GraphsDispatchService).dispatchAction(dto, key) },
  'graph-operations': { dto: DispatchGraphOperationDto, send: (m, dto, key) => service(m, GraphsDispatchService).dispatchOperation(dto, key) },
};
