import { checkDuration } from './checks';
import { object, scalar, Spec } from './section-spec';

/**
 * The `caches` section (DESIGN §6): named result caches a dispatch may use with `cache: '<tag>'`.
 *
 * ```yaml
 * caches:
 *   digest: { ttl: 10m }     # a run with the same input under this tag within 10 minutes reuses the result
 * ```
 */

/** Results are kept in Redis, which runs without eviction: a bound keeps a forgotten tag from filling it. */
export const MAX_CACHE_TTL_MS = 30 * 86_400_000;

/** A cache entry as `registry.entry(product, env, 'caches', tag)` returns it. */
export interface ResolvedCache {
  /** How long a stored result is reused, in ms. */
  ttl: number;
}

export const CACHES_SECTION: Spec = object({
  ttl: scalar(checkDuration(MAX_CACHE_TTL_MS)),
});
