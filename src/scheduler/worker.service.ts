import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Job } from 'bull';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { OccurrenceProcessor } from './occurrence.processor';
import { OccurrenceData, OccurrenceQueue } from './occurrence-queue';
import { ReconcilerService } from './reconciler.service';
import { RunRecorder } from './run-recorder';

const RECONCILE_INTERVAL = 'dispatch-reconcile';

/**
 * The worker side of a process (ROLE=worker or all): takes occurrences from Bull, runs the reconciler
 * at boot and on an interval, and on shutdown stops taking work and waits for what is running.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private readonly active = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly processor: OccurrenceProcessor,
    private readonly recorder: RunRecorder,
    private readonly occurrences: OccurrenceQueue,
    private readonly reconciler: ReconcilerService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcileSafely();
    const timer = setInterval(() => void this.reconcileSafely(), this.config.reconcileIntervalMs);
    this.schedulerRegistry.addInterval(RECONCILE_INTERVAL, timer);
    // Bull holds the prefetch on top of the run slots, which the processor enforces.
    this.occurrences.queue
      .process(this.config.workerConcurrency + this.config.workerPrefetch, (job: Job<OccurrenceData>) => this.track(this.processor.process(job, this.abort.signal)))
      .catch((error: unknown) => this.logger.error(`Worker stopped taking occurrences: ${String(error)}`));
    this.logger.log(`Worker taking occurrences, concurrency ${this.config.workerConcurrency}, prefetch ${this.config.workerPrefetch}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.schedulerRegistry.doesExist('interval', RECONCILE_INTERVAL)) this.schedulerRegistry.deleteInterval(RECONCILE_INTERVAL);
    // Stop taking new occurrences in this process only; other workers go on.
    await this.occurrences.queue.pause(true, true);
    if (this.active.size > 0) {
      this.logger.log(`Waiting up to ${this.config.shutdownTimeoutMs} ms for ${this.active.size} running occurrence(s)`);
      const drained = await waitAll(this.active, this.config.shutdownTimeoutMs);
      if (!drained) {
        this.logger.warn('Shutdown timeout reached: aborting running occurrences; Bull will retake them');
        this.abort.abort();
      }
    }
    // Outcomes are written after Bull is told; they must reach MySQL before its connection closes.
    await this.recorder.drain();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.active.add(work);
    const forget = () => this.active.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async reconcileSafely(): Promise<void> {
    try {
      await this.reconciler.reconcile();
    } catch (error) {
      this.logger.error(`Reconciler pass failed: ${String(error)}`);
    }
  }
}

/** True when every promise settled within the timeout. */
async function waitAll(promises: Set<Promise<unknown>>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const all = Promise.allSettled([...promises]).then(() => true as const);
  const drained = await Promise.race([all, timeout]);
  clearTimeout(timer);
  return drained;
}
