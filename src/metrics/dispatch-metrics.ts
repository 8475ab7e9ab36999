import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * How an attempt ended: `completed`; `retry` (failed, another attempt follows); `failed` (failed with no
 * attempt left); `skipped` (occurrences missed while no worker ran, recorded together).
 */
export type RunOutcome = 'completed' | 'cached' | 'retry' | 'failed' | 'skipped';

const seconds = (ms: number): number => Math.max(0, ms) / 1000;

/**
 * The service's Prometheus metrics, in a registry of this instance rather than prom-client's global
 * one, so that two apps in one process (tests, a host app) do not count into each other.
 */
@Injectable()
export class DispatchMetrics {
  readonly registry = new Registry();

  private readonly dispatched = new Counter({
    name: 'dispatch_jobs_dispatched_total',
    help: 'Jobs accepted by POST /<namespace>/dispatch (idempotent repeats not counted).',
    labelNames: ['namespace'],
    registers: [this.registry],
  });

  private readonly runs = new Counter({
    name: 'dispatch_runs_total',
    help: 'Attempts finished, by namespace and outcome (completed, retry, failed, skipped).',
    labelNames: ['namespace', 'outcome'],
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'dispatch_run_duration_seconds',
    help: "Time an attempt took in its executor, by namespace and outcome.",
    labelNames: ['namespace', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  private readonly lateness = new Histogram({
    name: 'dispatch_run_lateness_seconds',
    help: 'How long after its due time an attempt started, by namespace.',
    labelNames: ['namespace'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'dispatch_' });
  }

  /** `count` jobs of `namespace` were written (call after the row is committed). */
  jobsDispatched(namespace: string, count = 1): void {
    this.dispatched.inc({ namespace }, count);
  }

  /**
   * One attempt of an occurrence ended. `durationMs` is the executor's time, `latenessMs` the delay
   * between the occurrence's due time and the attempt's start; null where there is none (skipped).
   */
  runFinished(namespace: string, outcome: RunOutcome, durationMs: number | null, latenessMs: number | null): void {
    this.runs.inc({ namespace, outcome });
    if (durationMs !== null) this.duration.observe({ namespace, outcome }, seconds(durationMs));
    if (latenessMs !== null) this.lateness.observe({ namespace }, seconds(latenessMs));
  }

  /** The exposition text for a scrape. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
