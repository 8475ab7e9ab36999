import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DomainExceptionFilter } from './common/filters/domain-exception.filter';
import { DispatchService } from './dispatch.service';
import { defaultPrefetch, DISPATCH_CONFIG, DispatchConfig, loadConfig } from './config/dispatch-config';
import { DispatchCoreModule } from './core/dispatch-core.module';
import { REDIS_CLIENTS, RedisClients } from './core/redis-clients';
import {
  ConfigurableDispatchModule,
  DISPATCH_ASYNC_OPTIONS_TYPE,
  DISPATCH_MODULE_OPTIONS,
  DISPATCH_OPTIONS_TYPE,
  DispatchModuleOptions,
} from './dispatch.module-definition';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { NAMESPACE_MODULES } from './namespaces/namespace-modules';
import { ResourcesModule } from './resources/resources.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { SessionsModule } from './sessions/sessions.module';

/** Settings from the options over the defaults; built once per app. */
const configProvider: Provider = {
  provide: DISPATCH_CONFIG,
  inject: [DISPATCH_MODULE_OPTIONS],
  useFactory: (options: DispatchModuleOptions): DispatchConfig => {
    const config = { ...loadConfig({}), ...options.config };
    // As with WORKER_PREFETCH unset, the prefetch follows a concurrency the host chose.
    if (options.config?.workerPrefetch === undefined) config.workerPrefetch = defaultPrefetch(config.workerConcurrency);
    return config;
  },
};

/**
 * Dispatch inside a Nest app: the scheduler, the nine namespaces with their REST endpoints and
 * executors, `/jobs` and sessions, on its own TypeORM connection (`DISPATCH_DATA_SOURCE`) and Bull queue.
 *
 * ```ts
 * DispatchModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (env: ConfigService) => ({ config: { databaseUrl: env.get('DISPATCH_DB'), queuePrefix: 'shop' } }),
 * })
 * ```
 * Replace an executor with `{ provide: getExecutorToken('storage'), useClass: MyStorage }` in a module
 * of the host, and add feature handlers with `@FeatureHandler('tag')` on any provider's method.
 */
@Module({})
export class DispatchModule extends ConfigurableDispatchModule {
  static forRoot(options: typeof DISPATCH_OPTIONS_TYPE): DynamicModule {
    return DispatchModule.assemble(super.forRoot(options), options.worker);
  }

  static forRootAsync(options: typeof DISPATCH_ASYNC_OPTIONS_TYPE): DynamicModule {
    return DispatchModule.assemble(super.forRootAsync(options), options.worker);
  }

  /** Adds to the options provider that the builder made everything that reads it. */
  private static assemble(base: DynamicModule, worker = true): DynamicModule {
    return {
      ...base,
      imports: [
        ...(base.imports ?? []),
        ResourcesModule.forRootAsync({
          inject: [DISPATCH_MODULE_OPTIONS, DISPATCH_CONFIG],
          useFactory: (options: DispatchModuleOptions, config: DispatchConfig) => ({ registry: options.registry, file: config.resourcesFile }),
        }),
        DispatchCoreModule,
        MetricsModule,
        SchedulerModule.forRoot({ worker }),
        ...NAMESPACE_MODULES,
        JobsModule,
        SessionsModule,
      ],
      providers: [
        ...(base.providers ?? []),
        configProvider,
        { provide: REDIS_CLIENTS, useValue: new RedisClients() },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        DispatchService,
      ],
      exports: [DISPATCH_MODULE_OPTIONS, DISPATCH_CONFIG, REDIS_CLIENTS, DispatchService],
    };
  }
}
