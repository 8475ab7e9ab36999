import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const SWEEP = 'dispatch-retention';

/** Prunes runs past `RUN_RETENTION_DAYS` and idempotency keys past their 24 hours, hourly. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    timer.unref();
    this.schedulerRegistry.addInterval(SWEEP, timer);
  }

  async sweep(): Promise<void> {
    try {
      const before = new Date(Date.now() - this.config.runRetentionDays * 24 * 60 * 60 * 1000);
      const runs = await this.dataSource.query('DELETE FROM job_runs WHERE started_at < ? LIMIT 10000', [before]);
      const keys = await this.idempotency.prune();
      if (runs.affectedRows + keys > 0) this.logger.log(`Pruned ${runs.affectedRows} run(s) and ${keys} idempotency key(s)`);
    } catch (error) {
      this.logger.error(`Retention sweep failed: ${String(error)}`);
    }
  }
}
