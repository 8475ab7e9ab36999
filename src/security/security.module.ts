import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ApiKeys } from '../auth/api-keys';
import type { DispatchConfig } from '../config/dispatch-config';
import { DispatchThrottlerGuard, throttlerOptions } from './dispatch-throttler.guard';
import { OpenServiceWarning } from './open-service.warning';

/**
 * API keys and rate limits of the HTTP service. The rate limit guard comes first, so that requests with
 * no key or a wrong one are limited too; then the key guard decides 401/403.
 */
@Module({})
export class SecurityModule {
  static forRoot(config: DispatchConfig): DynamicModule {
    const keys = new ApiKeys(config.apiKeys, config.adminApiKeys);
    return {
      module: SecurityModule,
      global: true,
      imports: [ThrottlerModule.forRoot(throttlerOptions(config, keys))],
      providers: [
        { provide: ApiKeys, useValue: keys },
        OpenServiceWarning,
        { provide: APP_GUARD, useClass: DispatchThrottlerGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
      exports: [ApiKeys],
    };
  }
}
