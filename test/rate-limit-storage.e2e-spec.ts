import { RedisThrottlerStorage } from '../src/security/redis-throttler.storage';
import { clearPrefix, connectRedis, REDIS_URL } from './support/services';

describe('RedisThrottlerStorage', () => {
  it('counts hits in Redis under <prefix>:throttle: and blocks past the limit', async () => {
    const prefix = 'dispatch-test-throttle-storage';
    const redis = await connectRedis();
    await clearPrefix(redis, prefix);
    const storage = new RedisThrottlerStorage(REDIS_URL, prefix);
    try {
      const first = await storage.increment('default:key:abc', 60_000, 2, 60_000, 'default');
      expect(first).toMatchObject({ totalHits: 1, isBlocked: false });
      await storage.increment('default:key:abc', 60_000, 2, 60_000, 'default');
      const third = await storage.increment('default:key:abc', 60_000, 2, 60_000, 'default');
      expect(third).toMatchObject({ totalHits: 3, isBlocked: true });
      expect(third.timeToBlockExpire).toBeGreaterThan(0);
      expect((await redis.keys(`${prefix}:throttle:*`)).sort()).toEqual([
        `${prefix}:throttle:{default:key:abc:default}:blocked`,
        `${prefix}:throttle:{default:key:abc:default}:hits`,
      ]);
    } finally {
      await storage.onApplicationShutdown();
      await clearPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it('lets requests through, within half a second, when Redis does not answer', async () => {
    // Nothing listens on port 1: every command fails or waits, and the limit must not stop the service.
    const storage = new RedisThrottlerStorage('redis://127.0.0.1:1', 'dispatch-test-throttle-down');
    try {
      const started = Date.now();
      const record = await storage.increment('default:key:abc', 60_000, 1, 60_000, 'default');
      expect(record).toMatchObject({ totalHits: 0, isBlocked: false });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await storage.onApplicationShutdown();
    }
  });
});
