import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { ResolvedCache } from '../../resources/sections/caches.section';
import { SessionCipher } from '../../sessions';
import type { JobEntity } from '../entities/job.entity';
import type { ExecutionContext, JobExecutor } from '../executor.interface';
import { cacheKey } from './cache-key';
import { withTimeout } from '../../common/with-timeout';

/**
 * How long the first of several identical runs holds its claim. Long enough for a typical call, short
 * enough that a worker that died mid-run holds the others back only briefly: when it lapses, a waiter
 * claims the key and runs itself.
 */
export const CLAIM_TTL_MS = 30_000;
const POLL_MS = 100;
const REDIS_TIMEOUT_MS = 2_000;
/** A result larger than this once sealed is not kept: Redis runs without eviction, so it must stay small. */
export const MAX_SEALED_RESULT_CHARS = 1024 * 1024;

/** One round trip per poll: the stored result if there is one, else an attempt to claim the key. */
const READ_OR_CLAIM = `
local stored = redis.call('GET', KEYS[1])
if stored then return {1, stored} end
if redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2], 'NX') then return {2} end
return {0}`;
/** Stores a result (when given) and lets the claim go, only if it is still this run's. */
const STORE_AND_RELEASE = `
if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`;

export interface CachedOutcome {
  result: unknown;
  /** True when the result is an earlier run's and the executor was not called. */
  cached: boolean;
}

interface StoredResult {
  /** Epoch ms when the result was stored, so that a TTL shortened in the registry applies at once. */
  at: number;
  result: unknown;
}

/**
 * Runs of jobs dispatched with `cache: '<tag>'` (DESIGN §6). A run whose key holds a result younger than
 * the tag's TTL reuses it; otherwise the first run claims the key (SET NX) and calls the executor, and an
 * identical run that starts meanwhile polls for that result, running itself only if the claim is let go
 * without one (the first failed) or lapses. Results are stored encrypted: they may echo personal data of
 * the input, which stays out of Redis in clear. When Redis does not answer, the run goes on uncached.
 */
export class RunCache {
  private readonly logger = new Logger(RunCache.name);

  constructor(
    private readonly redis: () => Redis,
    private readonly prefix: string,
    private readonly registry: ResourceRegistry,
    private readonly cipher: SessionCipher,
  ) {}

  async execute(tag: string, ctx: ExecutionContext, executor: JobExecutor): Promise<CachedOutcome> {
    const ttl = this.ttlOf(ctx.job, tag);
    if (ttl === undefined) return { result: await executor.execute(ctx), cached: false };
    const key = cacheKey(this.prefix, ctx.job, tag, ctx.input);
    const claimKey = `${key}:claim`;
    const owner = randomUUID();
    const deadline = Date.now() + CLAIM_TTL_MS + POLL_MS;
    let claimed = false;
    for (;;) {
      const found = await this.readOrClaim(key, claimKey, owner, ttl, ctx.occurrenceId);
      if (found.kind === 'hit') return { result: found.result, cached: true };
      if (found.kind === 'claimed') {
        claimed = true;
        break;
      }
      // Bounded: a claim lapses after CLAIM_TTL_MS, and shutdown must not wait on another run.
      if (found.kind === 'unavailable' || Date.now() >= deadline || ctx.signal.aborted) break;
      await pause(POLL_MS, ctx.signal);
    }
    let stored: string | undefined;
    try {
      const result = await executor.execute(ctx);
      stored = this.seal(result, ctx.occurrenceId);
      return { result, cached: false };
    } finally {
      if (claimed || stored !== undefined) await this.storeAndRelease(key, claimKey, owner, stored, ttl, ctx.occurrenceId);
    }
  }

  /** The tag's TTL; undefined (run uncached) when the tag left the registry after the job was dispatched. */
  private ttlOf(job: Readonly<JobEntity>, tag: string): number | undefined {
    try {
      return this.registry.entry<ResolvedCache>(job.product, job.env, 'caches', tag, 'cache').ttl;
    } catch (error) {
      if (!(error instanceof UnknownResourceError)) throw error;
      this.logger.warn(`Job ${job.id}: cache '${tag}' is no longer in the registry; running without it`);
      return undefined;
    }
  }

  private async readOrClaim(
    key: string,
    claimKey: string,
    owner: string,
    ttl: number,
    occurrenceId: string,
  ): Promise<{ kind: 'hit'; result: unknown } | { kind: 'claimed' | 'busy' | 'unavailable' }> {
    let answer: [number, string?];
    try {
      answer = (await redisAnswer(this.redis().eval(READ_OR_CLAIM, 2, key, claimKey, owner, CLAIM_TTL_MS))) as [number, string?];
    } catch (error) {
      this.logger.warn(`Occurrence ${occurrenceId}: the result cache did not answer (${(error as Error).message}); running uncached`);
      return { kind: 'unavailable' };
    }
    if (answer[0] === 2) return { kind: 'claimed' };
    if (answer[0] === 0) return { kind: 'busy' };
    const stored = this.open(answer[1] as string);
    // Unreadable, or too old for the tag's current TTL: as good as absent, so this run calls the target and replaces it.
    if (stored && Date.now() - stored.at < ttl) return { kind: 'hit', result: stored.result };
    return { kind: 'claimed' };
  }

  private async storeAndRelease(key: string, claimKey: string, owner: string, stored: string | undefined, ttl: number, occurrenceId: string): Promise<void> {
    try {
      await redisAnswer(this.redis().eval(STORE_AND_RELEASE, 2, key, claimKey, owner, stored ?? '', ttl));
    } catch (error) {
      this.logger.warn(`Occurrence ${occurrenceId}: its result could not be cached (${(error as Error).message}); an identical run will call the target again`);
    }
  }

  private seal(result: unknown, occurrenceId: string): string | undefined {
    const sealed = this.cipher.encrypt({ at: Date.now(), result: result ?? null } satisfies StoredResult);
    if (sealed.length <= MAX_SEALED_RESULT_CHARS) return sealed;
    this.logger.warn(`Occurrence ${occurrenceId}: result too large to cache (${sealed.length} characters sealed)`);
    return undefined;
  }

  private open(text: string): StoredResult | undefined {
    try {
      return this.cipher.decrypt(text) as StoredResult;
    } catch {
      // Sealed under another key (SESSION_SECRET differs between processes): treat as a miss.
      return undefined;
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The Redis client queues commands while disconnected; a run or a send must not wait on that. */
const redisAnswer = <T>(promise: Promise<T>): Promise<T> => withTimeout(promise, REDIS_TIMEOUT_MS, 'Redis');
