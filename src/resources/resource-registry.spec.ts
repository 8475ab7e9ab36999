import { join } from 'node:path';
import { RegistryValidationError, UnknownResourceError } from './registry-errors';
import { ResourceRegistry } from './resource-registry';
import { thrown } from './fixtures/spec-helpers';

const EXAMPLE = join(__dirname, 'fixtures', 'design-example.yaml');
const EXAMPLE_ENV = {
  MAIL_TOKEN: 'mail-token',
  EXPO_TOKEN: 'expo-token',
  TW_SID: 'tw-sid',
  TW_TOKEN: 'tw-token',
  HOOK_SECRET: 'hook-secret',
  S3_KEY: 's3-key',
  S3_SECRET: 's3-secret',
};

describe('ResourceRegistry', () => {
  describe('the example from the design', () => {
    const registry = ResourceRegistry.fromFile(EXAMPLE, EXAMPLE_ENV);

    it('lists products and envs', () => {
      expect(registry.products()).toEqual(['shop']);
      expect(registry.envs('shop')).toEqual(['dev', 'prd']);
    });

    it('resolves the mailer for each env', () => {
      const actions = {
        send_welcome_email: { method: 'POST', path: '/emails/welcome' },
        update_user: { method: 'PUT', path: '/users/:id' },
      };
      expect(registry.resolveApp('shop', 'dev', 'mailer')).toEqual({
        name: 'mailer',
        baseUrl: 'http://127.0.0.1:4000',
        headers: { Authorization: 'Bearer mail-token' },
        timeoutMs: 30_000,
        actions,
      });
      expect(registry.resolveApp('shop', 'prd', 'mailer')).toEqual({
        name: 'mailer',
        baseUrl: 'https://mail.internal',
        headers: { Authorization: 'Bearer mail-token' },
        timeoutMs: 30_000,
        actions,
      });
    });

    it('resolves an action with its app', () => {
      const resolved = registry.resolveAction('shop', 'prd', 'mailer', 'update_user');
      expect(resolved).toEqual({
        product: 'shop',
        env: 'prd',
        app: registry.resolveApp('shop', 'prd', 'mailer'),
        event: 'update_user',
        action: { method: 'PUT', path: '/users/:id' },
      });
      expect(resolved.app).toBe(registry.resolveApp('shop', 'prd', 'mailer'));
    });

    it('keeps the other sections raw, with references substituted and templates untouched', () => {
      const notifications = registry.section('shop', 'notifications');
      expect(notifications).toHaveProperty(['user-notifications', 'push', 'token'], 'expo-token');
      expect(notifications).toHaveProperty(['user-notifications', 'sms', 'account'], 'tw-sid');
      expect(notifications).toHaveProperty(['user-notifications', 'callback', 'headers'], {});
      expect(notifications).toHaveProperty(
        ['user-notifications', 'events', 'send_reminder', 'email', 'subject'],
        'Hi {{name}}',
      );
      expect(registry.section('shop', 'storage')).toEqual({
        files: { type: 'local', root: './data/files' },
        bucket: {
          type: 's3',
          bucket: 'uploads',
          region: 'us-east-1',
          endpoint: 'http://127.0.0.1:4568',
          access_key_id: 's3-key',
          secret_access_key: 's3-secret',
          force_path_style: true,
        },
      });
      expect(Object.keys(registry.section('shop', 'brokers'))).toEqual(['orders', 'stream', 'bus', 'iot']);
      expect(registry.section('shop', 'databases')['logs-db']).toMatchObject({ type: 'mariadb', tables: ['logs', 'inventory'] });
      expect(registry.section('shop', 'graphs')).toHaveProperty(['session-graph', 'database'], 'logs-db');
      expect(registry.section('shop', 'sessions')).toEqual({ user: { expiry: '1h' } });
      expect(registry.section('shop', 'caches')).toEqual({ digest: { ttl: '10m' } });
      const features = registry.section('shop', 'features');
      expect(features).toHaveProperty(['generate_daily_report', 'steps', 0, 'id'], 'fetch');
      expect(features).toHaveProperty(['generate_daily_report', 'steps', 1, 'when'], '$Sequence{fetch}{status}');
      expect(features).toHaveProperty(['generate_daily_report', 'steps', 0, 'input', 'params', 'id'], '$Input{userId}');
    });

    it('fails to load when a referenced variable is unset, naming each path', () => {
      const { MAIL_TOKEN: _unused, S3_SECRET: _alsoUnused, ...env } = EXAMPLE_ENV;
      const error = thrown(() => ResourceRegistry.fromFile(EXAMPLE, env));
      expect(error).toBeInstanceOf(RegistryValidationError);
      expect((error as RegistryValidationError).problems).toEqual([
        'products.shop.apps.mailer.headers.Authorization: environment variable MAIL_TOKEN is not set',
        'products.shop.storage.bucket.secret_access_key: environment variable S3_SECRET is not set',
      ]);
      for (const value of Object.values(env)) expect(error.message).not.toContain(value);
    });
  });

  describe('lookups', () => {
    const registry = ResourceRegistry.fromObject(
      {
        products: {
          shop: {
            envs: ['dev', 'prd'],
            apps: {
              mailer: {
                base_url: { dev: 'http://127.0.0.1:4000', prd: 'https://mail.internal/' },
                timeout: { dev: '5s', prd: '1m' },
                headers: { 'X-Env': { dev: 'dev', prd: 'prd' } },
                actions: { send: { method: 'post', path: { dev: '/test/send', prd: '/send' } } },
              },
            },
          },
          blog: { envs: ['prd'] },
        },
      },
      {},
    );

    it('serves per-env values settled at load', () => {
      expect(registry.resolveApp('shop', 'dev', 'mailer')).toMatchObject({
        baseUrl: 'http://127.0.0.1:4000',
        timeoutMs: 5000,
        headers: { 'X-Env': 'dev' },
      });
      expect(registry.resolveAction('shop', 'prd', 'mailer', 'send')).toMatchObject({
        app: { baseUrl: 'https://mail.internal', timeoutMs: 60_000, headers: { 'X-Env': 'prd' } },
        action: { method: 'POST', path: '/send' },
      });
    });

    it('hands out the same frozen objects on every call', () => {
      const app = registry.resolveApp('shop', 'dev', 'mailer');
      expect(registry.resolveApp('shop', 'dev', 'mailer')).toBe(app);
      expect(Object.isFrozen(app)).toBe(true);
      expect(Object.isFrozen(app.headers)).toBe(true);
      expect(Object.isFrozen(app.actions.send)).toBe(true);
      expect(Object.isFrozen(registry.resolveAction('shop', 'dev', 'mailer', 'send'))).toBe(true);
      expect(() => {
        (app.headers as Record<string, string>).Authorization = 'x';
      }).toThrow(TypeError);
    });

    it('accepts known names', () => {
      expect(() => registry.requireProduct('blog')).not.toThrow();
      expect(() => registry.requireEnv('shop', 'prd')).not.toThrow();
    });

    it.each([
      [() => registry.requireProduct('shop2'), 'product', 'shop2', 'product', "Unknown product 'shop2'"],
      [() => registry.requireEnv('shop2', 'dev'), 'product', 'shop2', 'product', "Unknown product 'shop2'"],
      [() => registry.requireEnv('shop', 'stg'), 'env', 'stg', 'env', "Unknown env 'stg' for product 'shop'"],
      [() => registry.requireEnv('blog', 'dev'), 'env', 'dev', 'env', "Unknown env 'dev' for product 'blog'"],
      [() => registry.envs('nope'), 'product', 'nope', 'product', "Unknown product 'nope'"],
      [() => registry.resolveApp('x', 'y', 'z'), 'product', 'x', 'product', "Unknown product 'x'"],
      [() => registry.resolveApp('shop', 'stg', 'nope'), 'env', 'stg', 'env', "Unknown env 'stg' for product 'shop'"],
      [() => registry.resolveApp('shop', 'dev', 'mailer2'), 'app', 'mailer2', 'app', "Unknown app 'mailer2' in product 'shop'"],
      [() => registry.resolveApp('blog', 'prd', 'mailer'), 'app', 'mailer', 'app', "Unknown app 'mailer' in product 'blog'"],
      [() => registry.resolveAction('shop', 'stg', 'mailer2', 'foo'), 'env', 'stg', 'env', "Unknown env 'stg' for product 'shop'"],
      [() => registry.resolveAction('shop', 'dev', 'mailer2', 'foo'), 'app', 'mailer2', 'app', "Unknown app 'mailer2' in product 'shop'"],
      [
        () => registry.resolveAction('shop', 'dev', 'mailer', 'foo'),
        'event',
        'foo',
        'event',
        "Unknown event 'foo' for app 'mailer' in product 'shop'",
      ],
      [() => registry.section('shop2', 'storage'), 'product', 'shop2', 'product', "Unknown product 'shop2'"],
    ])('%#: rejects an unknown name, checking product, env, app, then event', (run, kind, name, field, message) => {
      const error = thrown(run) as UnknownResourceError;
      expect(error).toBeInstanceOf(UnknownResourceError);
      expect({ kind: error.kind, name: error.name, field: error.field, message: error.message }).toEqual({
        kind,
        name,
        field,
        message,
      });
    });

    it('does not mistake inherited object members for names', () => {
      expect(() => registry.requireProduct('constructor')).toThrow("Unknown product 'constructor'");
      expect(() => registry.requireEnv('shop', 'toString')).toThrow("Unknown env 'toString' for product 'shop'");
      expect(() => registry.resolveApp('shop', 'dev', '__proto__')).toThrow(UnknownResourceError);
      expect(() => registry.resolveAction('shop', 'dev', 'mailer', 'hasOwnProperty')).toThrow(UnknownResourceError);
    });

    it('returns an empty map for a section the product leaves out', () => {
      expect(registry.section('blog', 'brokers')).toEqual({});
    });

    it('refuses a section name that is not a raw section', () => {
      expect(() => registry.section('shop', 'apps')).toThrow(RangeError);
      expect(() => registry.section('shop', 'nope')).toThrow("'nope' is not a registry section");
    });

    it('returns a fresh product list', () => {
      registry.products().push('mutated');
      expect(registry.products()).toEqual(['shop', 'blog']);
    });
  });

});
