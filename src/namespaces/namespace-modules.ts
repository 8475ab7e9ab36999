import { ActionsModule } from './actions/actions.module';
import { DatabasesModule } from './databases/databases.module';
import { EventsModule } from './events/events.module';
import { FeaturesModule } from './features/features.module';
import { GraphsModule } from './graphs/graphs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { StorageModule } from './storage/storage.module';

/** The namespaces the service serves, each a module with its controller, dispatch service and executor. */
export const NAMESPACE_MODULES = [ActionsModule, NotificationsModule, StorageModule, EventsModule, DatabasesModule, GraphsModule, FeaturesModule];
