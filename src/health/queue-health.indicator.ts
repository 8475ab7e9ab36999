import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bull';
import { OCCURRENCE_QUEUE } from '../scheduler/occurrence-queue';

/** A check that does not answer within this is down: a health probe must not hang on a lost connection. */
const CHECK_TIMEOUT_MS = 1500;

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Redis answers PING, and the occurrence queue's keys can be read through Bull. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(OCCURRENCE_QUEUE) private readonly queue: Queue,
    private readonly health: HealthIndicatorService,
  ) {}

  async redis(key: 'redis'): Promise<HealthIndicatorResult> {
    const check = this.health.check(key);
    try {
      const started = Date.now();
      await within(this.queue.client.ping(), CHECK_TIMEOUT_MS);
      return check.up({ ping_ms: Date.now() - started });
    } catch (error) {
      return check.down({ message: `Redis: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  async queueReachable(key: 'queue'): Promise<HealthIndicatorResult> {
    const check = this.health.check(key);
    try {
      const counts = await within(this.queue.getJobCounts(), CHECK_TIMEOUT_MS);
      return check.up({ name: this.queue.name, waiting: counts.waiting, delayed: counts.delayed, active: counts.active });
    } catch (error) {
      return check.down({ message: `Queue ${this.queue.name}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}
