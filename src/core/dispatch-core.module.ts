import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { ensureDatabase } from '../database/database-bootstrap';
import { typeOrmOptions } from '../database/typeorm-options';
import { ResourceRegistry } from '../resources';
import { ResourcesModule } from '../resources/resources.module';
import { OCCURRENCE_QUEUE, RETRY_BACKOFF } from '../scheduler/occurrence-queue';
import { RetryScheduled } from '../scheduler/occurrence.processor';
import { retryDelayMs } from '../scheduler/retry-policy';
import { REDIS_CLIENTS, RedisClients } from './redis-clients';

export interface DispatchCoreOptions {
  config: DispatchConfig;
  /** A registry built in code; otherwise `config.resourcesFile` is loaded. */
  registry?: ResourceRegistry;
}

/**
 * The connections every other module stands on, imported once: configuration, the TypeORM connection
 * (database created and migrated at start-up), the Bull queue of occurrences and the resource registry.
 */
@Module({})
export class DispatchCoreModule {
  static forRoot(options: DispatchCoreOptions): DynamicModule {
    const { config } = options;
    const redisClients = new RedisClients();
    return {
      module: DispatchCoreModule,
      global: true,
      imports: [
        ScheduleModule.forRoot(),
        ResourcesModule.forRoot(options.registry ? { registry: options.registry } : { file: config.resourcesFile }),
        TypeOrmModule.forRootAsync({
          useFactory: async () => typeOrmOptions(config.databaseUrl, await ensureDatabase(config.databaseUrl), config.migrateOnStart),
        }),
        BullModule.forRoot({
          redis: config.redisUrl,
          createClient: redisClients.create,
          prefix: config.queuePrefix,
          settings: {
            lockDuration: config.lockDurationMs,
            stalledInterval: Math.min(30_000, config.lockDurationMs),
            // A worker killed mid-run is retaken more than once before Bull gives up on the occurrence.
            maxStalledCount: 5,
            backoffStrategies: {
              [RETRY_BACKOFF]: (attemptsMade: number, error?: unknown) =>
                error instanceof RetryScheduled ? error.retryDelayMs : retryDelayMs(attemptsMade),
            },
          },
        }),
        BullModule.registerQueue({ name: OCCURRENCE_QUEUE }),
      ],
      providers: [
        { provide: DISPATCH_CONFIG, useValue: config },
        { provide: REDIS_CLIENTS, useValue: redisClients },
      ],
      exports: [DISPATCH_CONFIG, REDIS_CLIENTS, BullModule],
    };
  }
}
