import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A rate-limit count that cannot wait longer than this on Redis. */
const REDIS_TIMEOUT_MS = 500;
/** At most one warning per this period while Redis does not answer. */
const WARN_EVERY_MS = 60_000;

/**
 * Counts requests in Redis, so that a limit holds across every instance of the service, under
 * `<QUEUE_PREFIX>:throttle:` beside the queue's keys. When Redis does not answer in time the request is
 * let through: dispatch is designed to keep working without Redis (the reconciler queues later), and
 * the rate limit must not be what takes it down.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;
  private readonly counter: ThrottlerStorageRedisService;
  private lastWarning = 0;

  constructor(redisUrl: string, queuePrefix: string) {
    this.redis = new Redis(redisUrl, {
      keyPrefix: `${queuePrefix}:throttle:`,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined); // reported through increment's warning, not as an unhandled event
    this.counter = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.counter.increment(key, ttl, limit, blockDuration, throttlerName), timeout]);
    } catch (error) {
      if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn(`Rate limit not counted, request let through: ${String(error)}`);
      }
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
