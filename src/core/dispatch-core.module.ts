import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { ensureDatabase } from '../database/database-bootstrap';
import { DISPATCH_DATA_SOURCE, typeOrmOptions } from '../database/typeorm-options';
import { OCCURRENCE_QUEUE, RETRY_BACKOFF } from '../scheduler/occurrence-queue';
import { RetryScheduled } from '../scheduler/occurrence.processor';
import { retryDelayMs } from '../scheduler/retry-policy';
import { REDIS_CLIENTS, RedisClients } from './redis-clients';

/**
 * The connections every other module stands on: our own named TypeORM connection (database created
 * and migrated at start-up), so that it sits beside a host app's default one, and the Bull queue of
 * occurrences. Both read `DISPATCH_CONFIG` and `REDIS_CLIENTS`, which `DispatchModule` provides globally.
 */
@Global()
@Module({
  imports: [
    ScheduleModule.forRoot(),
    TypeOrmModule.forRootAsync({
      name: DISPATCH_DATA_SOURCE,
      inject: [DISPATCH_CONFIG],
      // The name is repeated in the options: @nestjs/typeorm finds the connection to close by it.
      useFactory: async (config: DispatchConfig) => ({
        ...typeOrmOptions(config.databaseUrl, await ensureDatabase(config.databaseUrl), config.migrateOnStart),
        name: DISPATCH_DATA_SOURCE,
      }),
    }),
    BullModule.forRootAsync({
      inject: [DISPATCH_CONFIG, REDIS_CLIENTS],
      useFactory: (config: DispatchConfig, redisClients: RedisClients) => ({
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
    }),
    BullModule.registerQueue({ name: OCCURRENCE_QUEUE }),
  ],
  exports: [BullModule],
})
export class DispatchCoreModule {}
