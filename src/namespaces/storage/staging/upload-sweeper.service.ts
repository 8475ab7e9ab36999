import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DISPATCH_CONFIG, DispatchConfig } from '../../../config/dispatch-config';
import { UploadStagingService } from './upload-staging.service';

const SWEEP = 'dispatch-storage-uploads';
const SWEEP_INTERVAL_MS = 15 * 60 * 1000;
/**
 * A staged upload younger than this is left alone whatever its job's state: its dispatch may still be
 * between writing the bytes and writing the job.
 */
export const STAGED_UPLOAD_GRACE_MS = 60 * 60 * 1000;

/**
 * Drops staged uploads that no job will send any more: a run drops its own bytes, but a job cancelled
 * before it ran, or a dispatch that died half-way, leaves them behind. Runs in worker processes.
 */
@Injectable()
export class UploadSweeperService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UploadSweeperService.name);

  constructor(
    private readonly staging: UploadStagingService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    const timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    timer.unref();
    this.schedulerRegistry.addInterval(SWEEP, timer);
  }

  /** Never throws: a failed sweep is logged and the next one tries again. */
  async sweep(now: number = Date.now()): Promise<number> {
    try {
      const dropped = await this.staging.sweep(new Date(now - STAGED_UPLOAD_GRACE_MS));
      if (dropped > 0) this.logger.log(`Dropped ${dropped} staged upload(s) that no job will send`);
      return dropped;
    } catch (error) {
      this.logger.error(`Staged upload sweep failed: ${String(error)}`);
      return 0;
    }
  }
}
