import { ConfigError, loadConfig } from '../config/dispatch-config';

const SECRET = 'x'.repeat(32);
const KEYS = { API_KEYS: 'k'.repeat(16) };

describe('session configuration', () => {
  it('takes SESSION_SECRET and SESSION_ENCRYPTION_KEY of 32 characters or more', () => {
    const config = loadConfig({ SESSION_SECRET: SECRET, SESSION_ENCRYPTION_KEY: 'y'.repeat(40) });
    expect(config).toMatchObject({ sessionSecret: SECRET, sessionSecretGenerated: false, sessionEncryptionKey: 'y'.repeat(40) });
  });

  it('refuses shorter values, naming the variable', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow('SESSION_SECRET: must be at least 32 characters');
    expect(() => loadConfig({ SESSION_ENCRYPTION_KEY: 'short' })).toThrow('SESSION_ENCRYPTION_KEY: must be at least 32 characters');
  });

  it('makes up one secret per process outside production, and says so', () => {
    const first = loadConfig({});
    expect(first.sessionSecretGenerated).toBe(true);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).sessionSecret).toBe(first.sessionSecret);
    expect(first.sessionEncryptionKey).toBeUndefined();
  });

  it('refuses to start in production without SESSION_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...KEYS })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...KEYS })).toThrow('SESSION_SECRET: is required when NODE_ENV=production');
    expect(loadConfig({ NODE_ENV: 'production', ...KEYS, SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET);
  });
});
