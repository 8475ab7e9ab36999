import { validateRegistry } from './registry-validator';
import { problemsOf, withApp } from './fixtures/spec-helpers';

const APP = 'products.shop.apps.mailer';
const DURATION = 'must be a duration (ms or "30s", "5m", "1h")';
const METHODS = 'must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';

describe('validateRegistry across envs, sections and products', () => {
  describe('per-env values', () => {
    it('settles every scalar field per env', () => {
      const { products, problems } = validateRegistry(
        withApp({
          base_url: { dev: 'http://127.0.0.1:4000', prd: 'https://mail.internal' },
          timeout: { dev: '5s', prd: 20_000 },
          headers: { Authorization: { dev: 'Bearer dev', prd: 'Bearer prd' }, Accept: 'application/json' },
          actions: { send: { method: { dev: 'get', prd: 'POST' }, path: { dev: '/dev/emails', prd: '/emails' } } },
        }),
      );
      expect(problems).toEqual([]);
      const mailer = products[0].apps.get('mailer');
      expect(mailer?.get('dev')).toEqual({
        name: 'mailer',
        baseUrl: 'http://127.0.0.1:4000',
        headers: { Authorization: 'Bearer dev', Accept: 'application/json' },
        timeoutMs: 5000,
        actions: { send: { method: 'GET', path: '/dev/emails' } },
      });
      expect(mailer?.get('prd')).toEqual({
        name: 'mailer',
        baseUrl: 'https://mail.internal',
        headers: { Authorization: 'Bearer prd', Accept: 'application/json' },
        timeoutMs: 20_000,
        actions: { send: { method: 'POST', path: '/emails' } },
      });
    });

    it('reports an env missing from a per-env map', () => {
      expect(problemsOf(withApp({ base_url: { dev: 'http://127.0.0.1:4000' } }))).toEqual([
        `${APP}.base_url: no value for env 'prd'`,
      ]);
    });

    it('reports a key that is not an env of the product', () => {
      expect(problemsOf(withApp({ base_url: { dev: 'http://a', prd: 'http://b', stg: 'http://c' } }))).toEqual([
        `${APP}.base_url.stg: is not an env of product 'shop' (envs: dev, prd)`,
      ]);
    });

    it('reports a bad value at the env it belongs to', () => {
      expect(
        problemsOf(
          withApp({
            base_url: { dev: 'http://a', prd: 'nope' },
            headers: { Authorization: { dev: 'x', prd: ['y'] } },
            actions: { send: { method: { dev: 'POST', prd: 'SEND' }, path: '/x' } },
          }),
        ),
      ).toEqual([
        `${APP}.base_url.prd: must be an http(s) URL`,
        `${APP}.headers.Authorization.prd: must be a string`,
        `${APP}.actions.send.method.prd: ${METHODS}`,
      ]);
    });

    it('reads a headers map as header names, not envs', () => {
      expect(problemsOf(withApp({ headers: { dev: 'a', prd: 'b' } }))).toEqual([]);
      const { products } = validateRegistry(withApp({ headers: { dev: 'a' } }));
      expect(products[0].apps.get('mailer')?.get('prd')?.headers).toEqual({ dev: 'a' });
    });

    it('still checks per-env values when the product envs are invalid', () => {
      expect(
        problemsOf(withApp({ base_url: { dev: 'nope', whatever: 'http://x' } }, { envs: 'dev' })),
      ).toEqual(['products.shop.envs: must be a non-empty list of strings', `${APP}.base_url.dev: must be an http(s) URL`]);
    });
  });

  describe('other sections', () => {
    const sections = ['notifications', 'storage', 'brokers', 'databases', 'graphs', 'sessions', 'caches', 'features'];

    // A section without a schema is kept as written; every built-in section has one, so check that rule with none.
    it.each(sections)('keeps %s as written when no schema declares it', (section) => {
      const entries = { one: { type: 'anything', nested: { deep: [1, 2] } }, two: {} };
      const { products, problems } = validateRegistry(withApp({}, { [section]: entries }), {});
      expect(problems).toEqual([]);
      expect(products[0].sections).toEqual({ [section]: entries });
    });

    it.each(sections)('rejects %s when it is not a map', (section) => {
      expect(problemsOf(withApp({}, { [section]: ['one'] }))).toEqual([
        `products.shop.${section}: must be a map of named entries`,
      ]);
    });

    it('rejects entries that are not maps', () => {
      expect(problemsOf(withApp({}, { storage: { files: 'local', ok: {} }, caches: { digest: null } }))).toEqual([
        'products.shop.storage.files: must be a map',
        'products.shop.caches.digest: must be a map',
      ]);
    });
  });

  it('collects every problem across products at once', () => {
    const doc = {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          foo: true,
          apps: {
            mailer: {
              base_url: { dev: 'http://127.0.0.1:4000' },
              timeout: 'forever',
              actions: { x: { method: 'SEND', path: 'no-slash' } },
            },
            billing: { base_url: 'ftp://billing', actions: { charge: { method: 'POST', path: '/charge' } } },
          },
          brokers: [],
        },
        blog: { envs: [] },
      },
    };
    expect(problemsOf(doc)).toEqual([
      'products.shop.foo: is not a known key',
      "products.shop.apps.mailer.base_url: no value for env 'prd'",
      `products.shop.apps.mailer.timeout: ${DURATION}`,
      `products.shop.apps.mailer.actions.x.method: ${METHODS}`,
      "products.shop.apps.mailer.actions.x.path: must be a string starting with '/'",
      'products.shop.apps.billing.base_url: must be an http(s) URL',
      'products.shop.brokers: must be a map of named entries',
      'products.blog.envs: must be a non-empty list of strings',
    ]);
  });

  it('never quotes a value in its messages', () => {
    const secret = 'Sup3rS3cret';
    const problems = problemsOf(
      withApp({
        base_url: `ftp://${secret}`,
        timeout: secret,
        headers: { Authorization: `${secret}\n` },
        actions: { x: { method: secret, path: `/${secret}/:${secret}/:${secret}` } },
      }),
    );
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).not.toContain(secret);
  });
});
