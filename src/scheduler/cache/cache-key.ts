import { hashRequest } from '../../idempotency/idempotency.service';
import type { JobEntity } from '../entities/job.entity';

/**
 * The Redis key of a run's cached result (DESIGN §6): a hash of what makes two runs the same call — the
 * namespace, target, event and the input as resolved for this run (so `$Now()` or session values take
 * part) — scoped by product, env and cache tag, since tags and targets are names within a product.
 * Canonical JSON, so that key order does not split one call into two entries. Only the hash reaches
 * Redis: inputs stay out of it (DESIGN §2).
 */
export function cacheKey(prefix: string, job: Pick<JobEntity, 'namespace' | 'product' | 'env' | 'target' | 'event'>, tag: string, input: unknown): string {
  const hash = hashRequest('cache', { product: job.product, env: job.env, namespace: job.namespace, target: job.target, event: job.event, input });
  return `${prefix}:cache:${job.product}:${tag}:${hash}`;
}
