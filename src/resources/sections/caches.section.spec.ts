import { formatProblem } from '../registry-errors';
import { validateRegistry } from '../registry-validator';
import { ResourceRegistry } from '../resource-registry';
import { CACHES_SECTION, ResolvedCache } from './caches.section';

const PATH = 'products.shop.caches';

function validate(caches: Record<string, unknown>) {
  const result = validateRegistry({ products: { shop: { envs: ['dev', 'prd'], caches } } }, { caches: CACHES_SECTION });
  const entries = result.products[0]?.entries.caches;
  return {
    problems: result.problems.map(formatProblem),
    cache: (name: string, env = 'prd') => entries?.get(name)?.(env) as ResolvedCache | undefined,
  };
}

describe('caches section', () => {
  it('reads a ttl as ms, per env when given so', () => {
    const { problems, cache } = validate({ digest: { ttl: '10m' }, quick: { ttl: { dev: 1000, prd: '2s' } } });
    expect(problems).toEqual([]);
    expect(cache('digest')).toEqual({ ttl: 600_000 });
    expect(cache('quick', 'dev')).toEqual({ ttl: 1000 });
    expect(cache('quick')).toEqual({ ttl: 2000 });
  });

  it('names each bad key by its path', () => {
    const { problems } = validate({ a: {}, b: { ttl: '-1s' }, c: { ttl: '31d' }, d: { ttl: '1m', expiry: '1m' }, e: { ttl: { dev: '1m' } } });
    expect(problems).toEqual([
      `${PATH}.a.ttl: is required`,
      `${PATH}.b.ttl: must be a duration (ms or "30s", "5m", "1h", "7d")`,
      `${PATH}.c.ttl: must be a duration greater than 0 and at most 2592000000 ms`,
      `${PATH}.d.expiry: is not a known key`,
      `${PATH}.e.ttl: no value for env 'prd'`,
    ]);
  });

  it('is looked up by tag, and an unknown tag names the field', () => {
    const registry = ResourceRegistry.fromObject({ products: { shop: { envs: ['dev'], caches: { digest: { ttl: '10m' } } } } }, {});
    expect(registry.entry<ResolvedCache>('shop', 'dev', 'caches', 'digest')).toEqual({ ttl: 600_000 });
    expect(() => registry.entry('shop', 'dev', 'caches', 'weekly', 'cache')).toThrow(expect.objectContaining({ field: 'cache', message: "Unknown cache 'weekly' in product 'shop'" }));
  });
});
