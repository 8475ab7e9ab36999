import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface';
import { CallerRequest, identifyRequest } from '../auth/api-key.guard';
import type { ApiKeys } from '../auth/api-keys';
import { RateLimitedError } from '../auth/auth-errors';
import type { DispatchConfig } from '../config/dispatch-config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const MINUTE_MS = 60_000;

/**
 * `RATE_LIMIT_PER_MINUTE` requests per minute for each API key over all endpoints together, or per
 * client address for requests without a valid key (and when no keys are configured), so that guessing
 * keys is limited too.
 */
export function throttlerOptions(config: DispatchConfig, keys: ApiKeys): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: MINUTE_MS, limit: Math.max(1, config.rateLimitPerMinute) }],
    storage: new RedisThrottlerStorage(config.redisUrl, config.queuePrefix),
    skipIf: () => config.rateLimitPerMinute === 0,
    getTracker: (req) => {
      const caller = identifyRequest(keys, req as CallerRequest);
      return caller?.keyId ? `key:${caller.keyId}` : `ip:${(req as { ip?: string }).ip ?? 'unknown'}`;
    },
    // One budget per key, not one per route as the default key would give.
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
  };
}

/** The stock guard, answering 429 in the shape of every other error. */
@Injectable()
export class DispatchThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(detail.limit, detail.timeToBlockExpire);
  }
}
