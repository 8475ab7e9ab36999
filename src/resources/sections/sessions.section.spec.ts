import { join } from 'node:path';
import { formatProblem } from '../registry-errors';
import { validateRegistry } from '../registry-validator';
import { ResourceRegistry } from '../resource-registry';
import { ResolvedSessionType, SESSIONS_SECTION } from './sessions.section';

const PATH = 'products.shop.sessions';

function validate(sessions: Record<string, unknown>) {
  const result = validateRegistry({ products: { shop: { envs: ['dev', 'prd'], sessions } } }, { sessions: SESSIONS_SECTION });
  const entries = result.products[0]?.entries.sessions;
  return {
    problems: result.problems.map(formatProblem),
    session: (name: string, env = 'prd') => entries?.get(name)?.(env) as ResolvedSessionType | undefined,
  };
}

describe('sessions section', () => {
  it('reads the design example', () => {
    const registry = ResourceRegistry.fromFile(join(__dirname, '..', 'fixtures', 'design-example.yaml'), {
      MAIL_TOKEN: 'm', EXPO_TOKEN: 'e', TW_SID: 's', TW_TOKEN: 't', HOOK_SECRET: 'h', S3_KEY: 'k', S3_SECRET: 'x',
    });
    expect(registry.entry<ResolvedSessionType>('shop', 'dev', 'sessions', 'user')).toEqual({ expiry: 3_600_000 });
    expect(() => registry.entry('shop', 'dev', 'sessions', 'admin', 'tag')).toThrow("Unknown session 'admin' in product 'shop'");
  });

  it('takes durations per env and keeps a schema as written', () => {
    const schema = { type: 'object', required: ['user'], properties: { user: { type: 'object' } } };
    const { problems, session } = validate({ user: { expiry: { dev: '5m', prd: '1h' }, schema }, api: { expiry: 30_000 } });
    expect(problems).toEqual([]);
    expect(session('user', 'dev')).toEqual({ expiry: 300_000, schema });
    expect(session('user')).toEqual({ expiry: 3_600_000, schema });
    expect(session('api')).toEqual({ expiry: 30_000 });
  });

  it('names each bad key by its path', () => {
    const { problems } = validate({ a: {}, b: { expiry: 'soon' }, c: { expiry: 500 }, d: { expiry: '400d' }, e: { expiry: '1h', ttl: '1h' } });
    expect(problems).toEqual([
      `${PATH}.a.expiry: is required`,
      `${PATH}.b.expiry: must be a duration (ms or "30s", "5m", "1h", "7d")`,
      `${PATH}.c.expiry: must be at least 1000 ms ("1s")`,
      `${PATH}.d.expiry: must be a duration greater than 0 and at most 31622400000 ms`,
      `${PATH}.e.ttl: is not a known key`,
    ]);
    expect(validate({ f: 'user' }).problems).toEqual([`${PATH}.f: must be a map`]);
  });
});
