import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DataSource, LessThan } from 'typeorm';
import { IdempotencyConflictError } from '../common/errors/domain-errors';
import type { DispatchResult, IdempotencyContext } from '../scheduler/dispatch-request';
import { JobEntity } from '../scheduler/entities/job.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';

/** Keys are kept at least this long (DESIGN §1). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Stable hash of a request: keys sorted, so field order does not make a repeat look different. */
export function hashRequest(namespace: string, body: unknown): string {
  return createHash('sha256').update(namespace).update('\0').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Makes a dispatch with an `Idempotency-Key` happen once: the key row and the job row are written in
 * one transaction, and the primary key on (scope, key) settles a race between two identical requests.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The first answer given for this key, or null; a 422 when the key came with another body. */
  async find(ctx: IdempotencyContext): Promise<DispatchResult | null> {
    const row = await this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ scope: ctx.scope, key: ctx.key });
    if (!row || row.createdAt.getTime() < Date.now() - IDEMPOTENCY_TTL_MS) return null;
    if (row.requestHash !== ctx.requestHash) throw new IdempotencyConflictError();
    return row.response as unknown as DispatchResult;
  }

  /** Writes both rows, or answers the winner's result when a concurrent request took the key first. */
  async insertWithJob(ctx: IdempotencyContext, job: JobEntity, result: DispatchResult): Promise<DispatchResult | null> {
    // An expired key may still be there until pruned: the new request takes it over. Deleted on its own,
    // not in the transaction: a DELETE that matches no row holds a gap lock until commit, and two
    // dispatches of one client whose keys fall in the same gap would then deadlock on their INSERTs.
    await this.dataSource.manager.delete(IdempotencyKeyEntity, { scope: ctx.scope, key: ctx.key, createdAt: LessThan(new Date(Date.now() - IDEMPOTENCY_TTL_MS)) });
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.createQueryBuilder().insert().into(JobEntity).values(job as QueryDeepPartialEntity<JobEntity>).updateEntity(false).execute();
        await manager
          .createQueryBuilder()
          .insert()
          .into(IdempotencyKeyEntity)
          .values({ scope: ctx.scope, key: ctx.key, requestHash: ctx.requestHash, jobId: job.id, response: result as never, createdAt: job.createdAt })
          .updateEntity(false)
          .execute();
      });
      return null;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ER_DUP_ENTRY') throw error;
      const winner = await this.find(ctx);
      if (!winner) throw error;
      return winner;
    }
  }

  /** Drops keys past their time; called by the retention sweep. */
  async prune(): Promise<number> {
    const result = await this.dataSource.query('DELETE FROM idempotency_keys WHERE created_at < ? LIMIT 10000', [
      new Date(Date.now() - IDEMPOTENCY_TTL_MS),
    ]);
    return result.affectedRows ?? 0;
  }
}
