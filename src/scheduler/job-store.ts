import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobEntity } from './entities/job.entity';
import { MicroBatcher } from './micro-batcher';
import { INSERT_COLUMNS, insertValues, JOB_COLUMNS, JobRow, toJobEntity } from './job-row';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

/** A claim moves a job from "occurrence n is pending" to "occurrence n has started". */
export interface OccurrenceClaim {
  jobId: string;
  occurrence: number;
  /** Status after the claim: `running` when nothing else is pending, else `scheduled`. */
  status: 'running' | 'scheduled';
  /** Due time of the next occurrence, or null when this is the last one. */
  nextRunAt: Date | null;
}

const CLAIMABLE = ['scheduled', 'queued'];
/** One multi-row INSERT stays well under MySQL's default 16 MB max_allowed_packet. */
const MAX_INSERT_BYTES = 4 * 1024 * 1024;

/** Splits rows so that the inputs of each chunk add up to at most `maxBytes` (a larger row goes alone). */
function chunkBySize(rows: JobEntity[], maxBytes: number): JobEntity[][] {
  const chunks: JobEntity[][] = [];
  let current: JobEntity[] = [];
  let size = 0;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row.input));
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Every read and write of `jobs`. The run path calls the set-wise methods (`loadMany`, `claimMany`,
 * `completeMany`) from its own micro-batches, so one statement serves a whole batch of occurrences.
 */
@Injectable()
export class JobStore {
  private readonly inserts = new MicroBatcher<JobEntity, void>((rows) => this.insertMany(rows));

  constructor(@InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Inserts a new job; inserts made in the same tick share one multi-row INSERT. */
  insert(job: JobEntity): Promise<void> {
    return this.inserts.submit(job);
  }

  /** A failed attempt that will be retried; a one-off job waits in `queued` until `retryAt`. */
  async noteRetry(job: JobEntity, error: string, retryAt: Date): Promise<void> {
    if (job.recurring) {
      await this.update(job.id, 'last_error = ?', [error]);
    } else {
      await this.update(job.id, "status = 'queued', next_run_at = ?, last_error = ?", [retryAt, error], "AND status = 'running'");
    }
  }

  /** A failed occurrence with no attempt left. A recurring job goes on unless it was its last. */
  async noteFailure(job: JobEntity, error: string, last: boolean): Promise<void> {
    const set = 'failure_count = failure_count + 1, last_error = ?';
    if (!last) await this.update(job.id, set, [error]);
    else {
      const status = job.recurring ? 'completed' : 'failed';
      await this.update(job.id, `${set}, status = '${status}', next_run_at = NULL`, [error], "AND status = 'running'");
    }
  }

  /** A retry of a one-off job starts: it leaves `queued` for `running`. */
  async resumeRetry(jobId: string, occurrence: number): Promise<void> {
    await this.update(jobId, "status = 'running', next_run_at = NULL", [], "AND status = 'queued' AND occurrence = ?", [occurrence]);
  }

  /** Jobs whose pending occurrence is due before `until`, in due order, after the keyset cursor. */
  findPending(until: Date, after: { nextRunAt: Date; id: string } | null, limit: number): Promise<JobEntity[]> {
    const query = this.dataSource
      .getRepository(JobEntity)
      .createQueryBuilder('j')
      .where('j.status IN (:...pending) AND j.next_run_at <= :until', { pending: CLAIMABLE, until });
    if (after) query.andWhere('(j.next_run_at > :at OR (j.next_run_at = :at AND j.id > :id))', { at: after.nextRunAt, id: after.id });
    return query.orderBy('j.next_run_at', 'ASC').addOrderBy('j.id', 'ASC').limit(limit).getMany();
  }

  /** Jobs running since before `startedBefore`: their worker may have died with Redis losing the occurrence. */
  findLongRunning(startedBefore: Date, limit: number): Promise<JobEntity[]> {
    return this.dataSource
      .getRepository(JobEntity)
      .createQueryBuilder('j')
      .where("j.status = 'running' AND j.last_run_at <= :startedBefore", { startedBefore })
      .limit(limit)
      .getMany();
  }

  private async update(id: string, set: string, params: unknown[], condition = '', conditionParams: unknown[] = []): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET ${set}, updated_at = ?, version = version + 1 WHERE id = ? ${condition}`,
      [...params, new Date(), id, ...conditionParams],
    );
  }

  /** A hand-built multi-row INSERT: TypeORM's builder costs more CPU than the statement itself here. */
  private async insertMany(rows: JobEntity[]): Promise<void[]> {
    for (const chunk of chunkBySize(rows, MAX_INSERT_BYTES)) {
      const values = chunk.map(() => `(${INSERT_COLUMNS.map(() => '?').join(', ')})`).join(', ');
      await this.dataSource.query(`INSERT INTO jobs (${INSERT_COLUMNS.join(', ')}) VALUES ${values}`, chunk.flatMap(insertValues));
    }
    return rows.map(() => undefined);
  }

  /** Plain SQL and a hand mapping: this SELECT runs for every batch of occurrences a worker takes. */
  async loadMany(ids: string[]): Promise<(JobEntity | null)[]> {
    const rows: JobRow[] = await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id IN (?)`, [[...new Set(ids)]]);
    const byId = new Map(rows.map((r) => [r.id, toJobEntity(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** For each claim, whether its job now holds that occurrence (claimed here or by a concurrent taker). */
  async claimMany(claims: OccurrenceClaim[]): Promise<boolean[]> {
    const groups = new Map<string, OccurrenceClaim[]>();
    for (const c of claims) {
      const key = `${c.status}|${c.nextRunAt?.getTime() ?? ''}|${c.occurrence}`;
      const group = groups.get(key);
      if (group) group.push(c);
      else groups.set(key, [c]);
    }
    const held = new Set<string>();
    const now = new Date();
    await Promise.all([...groups.values()].map((group) => this.claimGroup(group, now, held)));
    return claims.map((c) => held.has(`${c.jobId}:${c.occurrence}`));
  }

  /** One UPDATE for claims that set the same values; which rows it took is read back only when some were not. */
  private async claimGroup(group: OccurrenceClaim[], now: Date, held: Set<string>): Promise<void> {
    const { status, nextRunAt, occurrence } = group[0];
    const ids = group.map((c) => c.jobId);
    const result = await this.dataSource.query(
      `UPDATE jobs SET occurrence = ?, status = ?, next_run_at = ?, run_count = run_count + 1, last_run_at = ?,
         updated_at = ?, version = version + 1
       WHERE id IN (?) AND occurrence = ? AND status IN (?)`,
      [occurrence, status, nextRunAt, now, now, ids, occurrence - 1, CLAIMABLE],
    );
    if (result.affectedRows === ids.length) {
      ids.forEach((id) => held.add(`${id}:${occurrence}`));
      return;
    }
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM jobs WHERE id IN (?) AND occurrence = ?', [ids, occurrence]);
    rows.forEach((r) => held.add(`${r.id}:${occurrence}`));
  }

  /**
   * Claims the first occurrence of the one-off jobs among `ids`; answers the ids now holding it. Jobs that
   * are recurring, already claimed, paused or cancelled are left alone.
   */
  async claimOneOffs(ids: string[], now: Date): Promise<Set<string>> {
    const result = await this.dataSource.query(
      `UPDATE jobs SET occurrence = 1, status = 'running', next_run_at = NULL, run_count = run_count + 1, last_run_at = ?,
         updated_at = ?, version = version + 1
       WHERE id IN (?) AND occurrence = 0 AND recurring = 0 AND status IN (?)`,
      [now, now, ids, CLAIMABLE],
    );
    if (result.affectedRows === 0) return new Set();
    if (result.affectedRows === ids.length) return new Set(ids);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      "SELECT id FROM jobs WHERE id IN (?) AND occurrence = 1 AND recurring = 0 AND status = 'running'",
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Marks jobs whose last occurrence succeeded `completed`, unless they were cancelled meanwhile. */
  async completeMany(ids: string[]): Promise<boolean[]> {
    const now = new Date();
    const result = await this.dataSource.query(
      `UPDATE jobs SET status = 'completed', next_run_at = NULL, last_error = NULL, updated_at = ?, version = version + 1
       WHERE id IN (?) AND status = 'running'`,
      [now, ids],
    );
    if (result.affectedRows === ids.length) return ids.map(() => true);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      "SELECT id FROM jobs WHERE id IN (?) AND status = 'completed'",
      [ids],
    );
    const done = new Set(rows.map((r) => r.id));
    return ids.map((id) => done.has(id));
  }
}
