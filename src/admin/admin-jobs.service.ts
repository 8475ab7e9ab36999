import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidRequestError, JobNotFoundError } from '../common/errors/domain-errors';
import { JobsService } from '../jobs/jobs.service';
import type { JobEntity } from '../scheduler/entities/job.entity';
import { JOB_COLUMNS, JobRow, toJobEntity } from '../scheduler/job-row';
import { FINISHED_STATUSES } from '../scheduler/job-status';
import { toAdminJobView } from './admin-job-views';
import type { BulkFilterDto } from './dto/bulk-filter.dto';
import type { AdminJobDetailDto, AdminJobPageDto } from './dto/admin-job-view.dto';
import type { JobFilterDto } from './dto/job-filter.dto';
import { filterNamesAnything, jobFilterWhere } from './job-filter';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DELETE_CHUNK = 1000;

/**
 * Reading and pruning jobs for operators. Lists go newest first by id (UUIDv7, so creation order) with
 * the last id as cursor: jobs created while a client pages arrive before its cursor, so pages neither
 * repeat nor skip, and each page is an index range, never an OFFSET scan.
 */
@Injectable()
export class AdminJobsService {
  constructor(
    @InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
  ) {}

  async list(filter: JobFilterDto, limit = 50, cursor?: string): Promise<AdminJobPageDto> {
    const where = jobFilterWhere(filter);
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE ${where.sql}${cursor ? ' AND id < ?' : ''} ORDER BY id DESC LIMIT ?`,
      [...where.params, ...(cursor ? [cursor] : []), limit + 1],
    );
    const page = rows.slice(0, limit).map(toJobEntity);
    return { items: page.map(toAdminJobView), next_cursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  async get(id: string): Promise<AdminJobDetailDto> {
    const job = await this.find(id);
    return { ...toAdminJobView(job), runs: await this.jobs.runs(id, 50) };
  }

  async find(id: string): Promise<JobEntity> {
    const rows: JobRow[] = UUID.test(id) ? await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`, [id]) : [];
    if (rows.length === 0) throw new JobNotFoundError(id);
    return toJobEntity(rows[0]);
  }

  /** Deletes finished jobs (completed, failed, cancelled) that match, with their runs; answers how many. */
  async deleteFinished(filter: BulkFilterDto): Promise<number> {
    requireScope(filter);
    if (filter.status !== undefined && !FINISHED_STATUSES.includes(filter.status)) {
      throw new InvalidRequestError('status', `status must be one of ${FINISHED_STATUSES.join(', ')}: only finished jobs are deleted`);
    }
    const where = jobFilterWhere(filter);
    let deleted = 0;
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM jobs WHERE ${where.sql} AND status IN (?) ORDER BY id LIMIT ?`,
        [...where.params, FINISHED_STATUSES, DELETE_CHUNK],
      );
      if (rows.length === 0) return deleted;
      const ids = rows.map((r) => r.id);
      await this.dataSource.transaction(async (manager) => {
        await manager.query('DELETE FROM job_runs WHERE job_id IN (?)', [ids]);
        await manager.query('DELETE FROM idempotency_keys WHERE job_id IN (?)', [ids]);
        const result = await manager.query('DELETE FROM jobs WHERE id IN (?) AND status IN (?)', [ids, FINISHED_STATUSES]);
        deleted += result.affectedRows;
      });
    }
  }
}

/** A bulk action with an empty filter would reach every job: it must say so. */
export function requireScope(filter: BulkFilterDto): void {
  if (!filterNamesAnything(filter) && filter.all !== true) {
    throw new InvalidRequestError('all', 'the filter names no field: give at least one, or all: true to act on every job');
  }
}
