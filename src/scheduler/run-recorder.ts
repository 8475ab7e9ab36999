import { Injectable, Logger } from '@nestjs/common';
import { DispatchMetrics, RunOutcome } from '../metrics/dispatch-metrics';
import type { JobEntity } from './entities/job.entity';
import { v7 as uuidv7 } from 'uuid';
import { JobStore } from './job-store';
import { MicroBatcher } from './micro-batcher';
import { RunRecord, RunStore } from './run-store';

/** What an ended attempt changes on its job row. */
export type JobEffect =
  | { kind: 'none' }
  | { kind: 'complete' }
  | { kind: 'retry'; error: string; retryAt: Date }
  | { kind: 'fail'; error: string; last: boolean };

export interface AttemptOutcome {
  job: JobEntity;
  run: RunRecord;
  effect: JobEffect;
}

/**
 * Records ended attempts after the worker has moved on. Bull's slot is freed as soon as the executor
 * returns; the run row and the job row follow in batches. Should the process die in between, the job row
 * still says the occurrence is running, so the reconciler re-adds it and it runs again (at least once).
 */
@Injectable()
export class RunRecorder {
  private readonly logger = new Logger(RunRecorder.name);
  // Nobody waits on a recording, so it lingers to write larger batches and leave the database to the take path.
  private readonly batches = new MicroBatcher<AttemptOutcome, boolean>((outcomes) => this.recordMany(outcomes), {
    maxSize: 500,
    maxConcurrent: 2,
    lingerMs: 20,
  });
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly jobs: JobStore,
    private readonly runs: RunStore,
    private readonly metrics: DispatchMetrics,
  ) {}

  /** Records in the background; `drain` waits for what is still unwritten. */
  record(outcome: AttemptOutcome): void {
    const { run } = outcome;
    this.metrics.runFinished(outcome.job.namespace, runOutcome(run), run.durationMs, run.latenessMs);
    const write = this.batches.submit(outcome).catch((error: unknown) => {
      this.logger.error(`Run ${outcome.run.jobId}:${outcome.run.occurrence} attempt ${outcome.run.attempt} not recorded: ${String(error)}`);
    });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Records in one row the occurrences that fell due while no worker ran (DESIGN §2, missed runs). */
  async recordSkipped(job: JobEntity, occurrence: number, count: number, from: Date, to: Date): Promise<void> {
    await this.runs.recordSkipped(uuidv7(), job.id, occurrence, count, from, to);
    this.metrics.runFinished(job.namespace, 'skipped', null, null);
  }

  /** Waits for every recording in flight, as shutdown must before the connection closes. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async recordMany(outcomes: AttemptOutcome[]): Promise<boolean[]> {
    const ours = await this.runs.insertMany(outcomes.map((o) => o.run));
    const mine = outcomes.filter((_, i) => ours[i]);
    const completed = mine.filter((o) => o.effect.kind === 'complete').map((o) => o.job.id);
    await Promise.all([
      completed.length > 0 ? this.jobs.completeMany(completed) : undefined,
      ...mine.map(({ job, effect }) => {
        if (effect.kind === 'retry') return this.jobs.noteRetry(job, effect.error, effect.retryAt);
        if (effect.kind === 'fail') return this.jobs.noteFailure(job, effect.error, effect.last);
        return undefined;
      }),
    ]);
    return ours;
  }
}

function runOutcome(run: RunRecord): RunOutcome {
  if (run.status === 'failed') return run.willRetry ? 'retry' : 'failed';
  return run.status;
}
