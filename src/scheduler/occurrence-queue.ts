import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Job, JobOptions, Queue } from 'bull';
import { withTimeout } from '../common/with-timeout';
import { REDIS_CLIENTS, RedisClients } from '../core/redis-clients';
import { MicroBatcher } from './micro-batcher';

export const OCCURRENCE_QUEUE = 'occurrences';
/** Name of the backoff strategy registered on the queue; see `retryDelayMs`. */
export const RETRY_BACKOFF = 'dispatch-retry';
const ADD_TIMEOUT_MS = 2000;

/** Bull job data: ids only, never inputs or secrets (DESIGN §2). */
export interface OccurrenceData {
  jobId: string;
  occurrence: number;
}

export interface OccurrenceToQueue extends OccurrenceData {
  runAt: number;
  retries: number;
}

export function occurrenceId(jobId: string, occurrence: number): string {
  return `${jobId}:${occurrence}`;
}

/**
 * Puts occurrences into Redis. The Bull job id is `<job_id>:<occurrence>`, so adding an occurrence that
 * is already there changes nothing: dispatch, the processor and the reconciler may all add freely.
 */
@Injectable()
export class OccurrenceQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OccurrenceQueue.name);
  private readonly adds = new MicroBatcher<OccurrenceToQueue, void>((items) => this.addMany(items));

  constructor(
    @InjectQueue(OCCURRENCE_QUEUE) readonly queue: Queue<OccurrenceData>,
    @Inject(REDIS_CLIENTS) private readonly redisClients: RedisClients,
  ) {}

  /** Closes the queue, then its connections, which Bull leaves open when it did not create them. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.redisClients.quitAll();
  }

  /** Redis that evicts keys under memory pressure would drop occurrences; say so at start-up. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const [, policy] = (await this.queue.client.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') {
        this.logger.warn(`Redis maxmemory-policy is '${policy}': set it to 'noeviction' or queued occurrences may be evicted`);
      }
    } catch {
      // Some managed Redis services refuse CONFIG; the reconciler still restores what they lose.
    }
  }

  add(occurrence: OccurrenceToQueue): Promise<void> {
    return this.adds.submit(occurrence);
  }

  /**
   * Adds, logging instead of failing: the row is committed, so the reconciler will add it later. Bounded in
   * time because the Redis client queues commands while disconnected, and a dispatch must not hang on that.
   */
  async addOrDefer(occurrence: OccurrenceToQueue): Promise<boolean> {
    try {
      await withTimeout(this.add(occurrence), ADD_TIMEOUT_MS, 'Redis');
      return true;
    } catch (error) {
      this.logger.warn(`Occurrence ${occurrenceId(occurrence.jobId, occurrence.occurrence)} left to the reconciler: ${String(error)}`);
      return false;
    }
  }

  /** Removes a waiting or delayed occurrence; one already running is left to finish. */
  async remove(jobId: string, occurrence: number): Promise<void> {
    const job: Job | null = await this.queue.getJob(occurrenceId(jobId, occurrence));
    if (!job) return;
    try {
      await job.remove();
    } catch {
      // A job that a worker holds cannot be removed; the processor sees the cancelled row and stops.
    }
  }

  private async addMany(items: OccurrenceToQueue[]): Promise<void[]> {
    const now = Date.now();
    await this.queue.addBulk(
      items.map((o) => ({
        data: { jobId: o.jobId, occurrence: o.occurrence },
        opts: {
          jobId: occurrenceId(o.jobId, o.occurrence),
          delay: Math.max(0, o.runAt - now),
          attempts: o.retries + 1,
          backoff: { type: RETRY_BACKOFF },
          removeOnComplete: true,
          removeOnFail: true,
        } satisfies JobOptions,
      })),
    );
    return items.map(() => undefined);
  }
}
