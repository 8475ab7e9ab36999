import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, Not, In } from 'typeorm';
import { JobFinishedError, JobNotFoundError } from '../common/errors/domain-errors';
import type { Caller } from '../auth/caller';
import { JobEntity } from '../scheduler/entities/job.entity';
import { JobRunEntity } from '../scheduler/entities/job-run.entity';
import { FINISHED_STATUSES } from '../scheduler/job-status';
import { OccurrenceQueue } from '../scheduler/occurrence-queue';
import type { JobRunPageDto, JobViewDto } from './dto/job-view.dto';
import { toJobView, toRunView } from './job-views';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A client's view of its jobs: read one, its runs, cancel it. A dispatch key sees only the jobs it
 * dispatched: another key's job is a 404, as if it did not exist. Admin keys, an open service and
 * callers without HTTP (`caller` undefined) see every job.
 */
@Injectable()
export class JobsService {
  constructor(
    @InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queue: OccurrenceQueue,
  ) {}

  async get(id: string, caller?: Caller): Promise<JobViewDto> {
    return toJobView(await this.find(id, caller));
  }

  async runs(id: string, limit = 50, cursor?: string, caller?: Caller): Promise<JobRunPageDto> {
    await this.find(id, caller);
    const rows = await this.dataSource.getRepository(JobRunEntity).find({
      where: cursor ? { jobId: id, id: MoreThan(cursor) } : { jobId: id },
      order: { id: 'ASC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { items: page.map(toRunView), next_cursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  /** Cancels a job that can still run; its pending occurrence leaves Redis, a running one finishes. */
  async cancel(id: string, caller?: Caller): Promise<JobViewDto> {
    const job = await this.find(id, caller);
    const now = new Date();
    const result = await this.dataSource.getRepository(JobEntity).update(
      { id, status: Not(In([...FINISHED_STATUSES])) },
      { status: 'cancelled', cancelledAt: now, updatedAt: now, nextRunAt: null, version: () => 'version + 1' },
    );
    if (!result.affected) throw new JobFinishedError(id, (await this.find(id)).status);
    await this.queue.remove(id, job.recurring ? job.occurrence + 1 : Math.max(1, job.occurrence));
    return this.get(id);
  }

  private async find(id: string, caller?: Caller): Promise<JobEntity> {
    const job = UUID.test(id) ? await this.dataSource.getRepository(JobEntity).findOneBy({ id }) : null;
    if (!job || (caller?.scope === 'dispatch' && job.apiKeyId !== caller.keyId)) throw new JobNotFoundError(id);
    return job;
  }
}
