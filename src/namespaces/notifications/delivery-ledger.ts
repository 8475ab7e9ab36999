import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import { DISPATCH_CONFIG, DispatchConfig } from '../../config/dispatch-config';
import { OCCURRENCE_QUEUE } from '../../scheduler/occurrence-queue';
import type { Ledger } from './delivery';
import type { Channel } from './recipients';
import { withTimeout } from '../../common/with-timeout';

/** Longer than any run of retries (50 attempts, backoff capped at 5 min), short enough to clean itself up. */
const LEDGER_TTL_MS = 24 * 60 * 60_000;
const REDIS_TIMEOUT_MS = 2000;

/**
 * Remembers, per occurrence, which recipients a notification already reached, so that a retry sends only
 * to the ones that failed. Kept in the queue's Redis under the queue prefix, as hashes: recipients are
 * input and stay out of Redis (DESIGN §2). When Redis does not answer, the run goes on without it and
 * delivery falls back to at least once.
 */
@Injectable()
export class DeliveryLedger {
  private readonly logger = new Logger(DeliveryLedger.name);

  constructor(
    @InjectQueue(OCCURRENCE_QUEUE) private readonly queue: Queue,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async open(occurrenceId: string): Promise<Ledger> {
    const key = `${this.config.queuePrefix}:notifications:delivered:${occurrenceId}`;
    let members = new Set<string>();
    try {
      members = new Set(await redisAnswer(this.queue.client.smembers(key)));
    } catch (error) {
      this.logger.warn(`Deliveries of ${occurrenceId} could not be read (${(error as Error).message}); a retry may send again`);
    }
    return {
      has: (channel, to) => members.has(member(channel, to)),
      record: async (channel, to) => {
        const value = member(channel, to);
        members.add(value);
        try {
          await redisAnswer(this.queue.client.multi().sadd(key, value).pexpire(key, LEDGER_TTL_MS).exec());
        } catch (error) {
          this.logger.warn(`A delivery of ${occurrenceId} could not be recorded (${(error as Error).message}); a retry may send it again`);
        }
      },
    };
  }
}

function member(channel: Channel, to: string): string {
  const normalized = channel === 'email' ? to.toLowerCase() : to;
  return createHash('sha256').update(`${channel}\n${normalized}`).digest('hex').slice(0, 32);
}

/** The Redis client queues commands while disconnected; a run or a send must not wait on that. */
const redisAnswer = <T>(promise: Promise<T>): Promise<T> => withTimeout(promise, REDIS_TIMEOUT_MS, 'Redis');
