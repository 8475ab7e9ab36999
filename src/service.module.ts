import { DynamicModule, Module } from '@nestjs/common';
import { AppModule } from './app.module';
import type { LogLevelName } from './config/dispatch-config';
import type { DispatchServiceOptions } from './app.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsHttpModule } from './metrics/metrics.module';
import { WorkerMetricsServer } from './metrics/worker-metrics.server';
import { SecurityModule } from './security/security.module';

/**
 * One process of the service: the app, JSON logs, and for an HTTP process its API keys, rate limits,
 * `/health` and `/metrics`. A worker (ROLE=worker) serves no HTTP but `/metrics` on METRICS_PORT.
 */
@Module({})
export class ServiceModule {
  static forRoot(options: DispatchServiceOptions, kind: 'http' | 'worker', logLevel: LogLevelName): DynamicModule {
    const http = kind === 'http' ? [SecurityModule.forRoot(options.config), HealthModule, MetricsHttpModule] : [];
    return {
      module: ServiceModule,
      imports: [LoggingModule.forRoot(logLevel), AppModule.forRoot(options), ...http],
      providers: kind === 'worker' ? [WorkerMetricsServer] : [],
    };
  }
}
