import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Gauge } from 'prom-client';
import { OCCURRENCE_QUEUE } from '../scheduler/occurrence-queue';
import { DispatchMetrics } from './dispatch-metrics';

const STATES = ['waiting', 'delayed', 'active', 'failed', 'paused'] as const;
/** A scrape must not hang on a Redis that does not answer; the gauge is then left out. */
const COUNT_TIMEOUT_MS = 1000;

/** Occurrences in the Bull queue by state, read from Redis when Prometheus scrapes, not on a timer. */
@Injectable()
export class QueueDepthCollector implements OnModuleInit {
  constructor(
    private readonly metrics: DispatchMetrics,
    @InjectQueue(OCCURRENCE_QUEUE) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    const queue = this.queue;
    new Gauge({
      name: 'dispatch_queue_depth',
      help: 'Occurrences in the Bull queue by state, read at scrape time.',
      labelNames: ['state'],
      registers: [this.metrics.registry],
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), COUNT_TIMEOUT_MS)));
        const counts = await Promise.race([queue.getJobCounts().catch(() => null), timeout]);
        clearTimeout(timer);
        this.reset();
        if (!counts) return;
        for (const state of STATES) this.set({ state }, (counts as unknown as Record<string, number>)[state] ?? 0);
      },
    });
  }
}
