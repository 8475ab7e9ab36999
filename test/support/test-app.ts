import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/app.factory';
import { DispatchConfig, loadConfig } from '../../src/config/dispatch-config';
import { ResourceRegistry } from '../../src/resources';
import { createHostApp, TestHost } from './features/host-app';
import { clearPrefix, connectRedis, dropDatabase, MYSQL_ROOT_URL, REDIS_URL } from './services';
import { DISPATCH_DATA_SOURCE } from '../../src/database/typeorm-options';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  config: DispatchConfig;
  dataSource: DataSource;
  redis: Redis;
  close(): Promise<void>;
}

/** Settings of one test file: its own database and queue prefix, so files run in parallel. */
export function testConfig(name: string, overrides: Partial<DispatchConfig> = {}): DispatchConfig {
  return {
    ...loadConfig({}),
    databaseUrl: `${MYSQL_ROOT_URL}/dispatch_test_${name}`,
    redisUrl: REDIS_URL,
    queuePrefix: `dispatch-test-${name}`,
    reconcileIntervalMs: 1000,
    shutdownTimeoutMs: 5000,
    lockDurationMs: 5000,
    ...overrides,
  };
}

/**
 * Boots the real app against real MariaDB and Redis from an empty database and an empty queue. With
 * `host`, the app is embedded in a host app's root module with the host's own modules and providers.
 */
export async function startTestApp(name: string, registry: ResourceRegistry, overrides: Partial<DispatchConfig> = {}, host?: TestHost): Promise<TestApp> {
  const config = testConfig(name, overrides);
  const redis = await connectRedis();
  await clearPrefix(redis, config.queuePrefix);
  await dropDatabase(`dispatch_test_${name}`);
  const options = { config, registry, logger: ['error' as const] };
  const app = host ? await createHostApp(options, host) : await createHttpApp(options);
  await app.init();
  // Fastify answers only once its plugins have loaded; `listen` waits for that, `init` does not.
  await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  const dataSource = app.get<DataSource>(getDataSourceToken(DISPATCH_DATA_SOURCE));
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    dataSource,
    redis,
    async close() {
      await app.close();
      await clearPrefix(redis, config.queuePrefix);
      redis.disconnect();
    },
  };
}

/** Counts rows of a table, to prove that a rejected request wrote nothing. */
export async function countRows(dataSource: DataSource, table: 'jobs' | 'job_runs' | 'idempotency_keys'): Promise<number> {
  const rows = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}
