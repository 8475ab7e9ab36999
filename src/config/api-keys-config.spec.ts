import { ConfigError, loadConfig } from './dispatch-config';

const KEY = 'k'.repeat(16);
const OTHER = 'o'.repeat(20);

describe('loadConfig: API keys, rate limit and logs', () => {
  it('defaults to an open service limited to 6000 requests per minute', () => {
    expect(loadConfig({})).toMatchObject({ apiKeys: [], adminApiKeys: [], rateLimitPerMinute: 6000, trustProxy: 0, logLevel: 'info', nodeEnv: 'development' });
  });

  it('reads comma-separated keys of both scopes, spaces around commas ignored', () => {
    const config = loadConfig({ API_KEYS: ` ${KEY} , ${OTHER},`, ADMIN_API_KEYS: OTHER, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', TRUST_PROXY: '1' });
    expect(config).toMatchObject({ apiKeys: [KEY, OTHER], adminApiKeys: [OTHER], rateLimitPerMinute: 0, logLevel: 'warn', trustProxy: 1 });
  });

  it('refuses short keys, keys with spaces and bad values, naming the variable', () => {
    expect(() => loadConfig({ API_KEYS: 'short' })).toThrow(/API_KEYS: must be comma-separated keys of at least 16 printable characters/);
    expect(() => loadConfig({ ADMIN_API_KEYS: `${KEY} x${KEY}` })).toThrow(/ADMIN_API_KEYS: must be comma-separated keys/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('refuses to serve HTTP in production without keys, naming both variables', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32) };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/API_KEYS.*ADMIN_API_KEYS/);
    expect(() => loadConfig({ ...production, ROLE: 'api' })).toThrow(/API_KEYS/);
    expect(loadConfig({ ...production, ADMIN_API_KEYS: KEY }).adminApiKeys).toEqual([KEY]);
    expect(loadConfig({ ...production, API_KEYS: KEY }).apiKeys).toEqual([KEY]);
    // A worker serves no HTTP: it needs no key.
    expect(loadConfig({ ...production, ROLE: 'worker' }).role).toBe('worker');
  });
});
