import { DynamicModule, Module, Provider } from '@nestjs/common';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { ExecutorRegistry } from './executor-registry';
import { JobStore } from './job-store';
import { OccurrenceProcessor } from './occurrence.processor';
import { OccurrenceTaker } from './occurrence-taker';
import { OccurrenceQueue } from './occurrence-queue';
import { ReconcilerService } from './reconciler.service';
import { RetentionService } from './retention.service';
import { RunRecorder } from './run-recorder';
import { RunStore } from './run-store';
import { SchedulerService } from './scheduler.service';
import { WorkerService } from './worker.service';

export interface SchedulerModuleOptions {
  /** Take and run occurrences in this process (ROLE=worker or all). */
  worker: boolean;
}

const producers: Provider[] = [JobStore, RunStore, OccurrenceQueue, SchedulerService, IdempotencyService, ExecutorRegistry];
const consumers: Provider[] = [OccurrenceTaker, RunRecorder, OccurrenceProcessor, ReconcilerService, WorkerService, RetentionService];

/** Dispatching and, in worker processes, running occurrences. Needs `DispatchCoreModule` imported once. */
@Module({})
export class SchedulerModule {
  static forRoot(options: SchedulerModuleOptions): DynamicModule {
    return {
      module: SchedulerModule,
      global: true,
      providers: options.worker ? [...producers, ...consumers] : producers,
      exports: options.worker ? [...producers, ReconcilerService, OccurrenceProcessor] : producers,
    };
  }
}
