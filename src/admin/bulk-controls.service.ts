import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-errors';
import { JobStatus } from '../scheduler/job-status';
import { requireScope } from './admin-jobs.service';
import type { BulkFilterDto } from './dto/bulk-filter.dto';
import { JobControlsService } from './job-controls.service';
import { jobFilterWhere } from './job-filter';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

const PAGE = 500;
/** Jobs acted on at once: enough to hide round trips, few enough not to crowd the connection pool. */
const PARALLEL = 8;

type BulkAction = 'cancel' | 'pause' | 'resume';

/** The statuses each bulk action applies to; other matching jobs are left alone and not counted. */
const APPLIES_TO: Record<BulkAction, JobStatus[]> = {
  cancel: ['scheduled', 'queued', 'running', 'paused'],
  pause: ['scheduled', 'queued'],
  resume: ['paused'],
};

/**
 * Cancel, pause or resume every job a filter matches, one job at a time through the same path as the
 * single-job action, so each keeps its rules (and its Redis side). A job that changed meanwhile is skipped.
 */
@Injectable()
export class BulkControlsService {
  constructor(
    @InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly controls: JobControlsService,
  ) {}

  async apply(action: BulkAction, filter: BulkFilterDto, note?: string): Promise<number> {
    requireScope(filter);
    const where = jobFilterWhere(filter);
    let count = 0;
    let after = '';
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM jobs WHERE ${where.sql} AND status IN (?) AND id > ? ORDER BY id LIMIT ?`,
        [...where.params, APPLIES_TO[action], after, PAGE],
      );
      if (rows.length === 0) return count;
      after = rows[rows.length - 1].id;
      for (let i = 0; i < rows.length; i += PARALLEL) {
        const outcomes = await Promise.all(rows.slice(i, i + PARALLEL).map((row) => this.applyOne(action, row.id, note)));
        count += outcomes.filter(Boolean).length;
      }
    }
  }

  private async applyOne(action: BulkAction, id: string, note?: string): Promise<boolean> {
    try {
      if (action === 'cancel') await this.controls.cancel(id);
      else if (action === 'pause') await this.controls.pause(id, note);
      else await this.controls.resume(id);
      return true;
    } catch (error) {
      // Finished or changed since the SELECT: not this action's to count.
      if (error instanceof DomainError) return false;
      throw error;
    }
  }
}
