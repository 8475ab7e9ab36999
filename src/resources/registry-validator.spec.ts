import { validateRegistry } from './registry-validator';
import { problemsOf, withApp } from './fixtures/spec-helpers';

const APP = 'products.shop.apps.mailer';
const DURATION = 'must be a duration (ms or "30s", "5m", "1h")';
const METHODS = 'must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';

describe('validateRegistry', () => {
  it('accepts a minimal app and fills in defaults', () => {
    const result = validateRegistry(withApp({}));
    expect(result.problems).toEqual([]);
    expect(result.products).toHaveLength(1);
    expect(result.products[0].apps.get('mailer')?.get('dev')).toEqual({
      name: 'mailer',
      baseUrl: 'http://127.0.0.1:4000',
      headers: {},
      timeoutMs: 30_000,
      actions: { send: { method: 'POST', path: '/emails' } },
    });
  });

  it('accepts a product with envs only', () => {
    expect(problemsOf({ products: { shop: { envs: ['dev'] } } })).toEqual([]);
  });

  describe('document shape', () => {
    it.each([[null], [undefined], ['text'], [[]], [42]])('rejects a %p document', (doc) => {
      expect(problemsOf(doc)).toEqual(["the registry must be a map with a top-level 'products' key"]);
    });

    it('requires products', () => {
      expect(problemsOf({})).toEqual(['products: is required']);
    });

    it.each([[null], [[]], ['shop']])('rejects products given as %p', (products) => {
      expect(problemsOf({ products })).toEqual(['products: must be a map of named products']);
    });

    it('rejects unknown top-level keys', () => {
      expect(problemsOf({ products: {}, apps: {} })).toEqual(['apps: is not a known key']);
    });

    it('rejects a product that is not a map', () => {
      expect(problemsOf({ products: { shop: ['dev'] } })).toEqual(['products.shop: must be a map']);
    });

    it('rejects unknown product keys', () => {
      expect(problemsOf(withApp({}, { foo: 1, app: {} }))).toEqual([
        'products.shop.foo: is not a known key',
        'products.shop.app: is not a known key',
      ]);
    });
  });

  describe('envs', () => {
    it.each([[undefined], [[]], ['dev'], [['dev', 3]], [['dev', '']], [{ dev: true }]])('rejects %p', (envs) => {
      expect(problemsOf({ products: { shop: { envs } } })).toEqual([
        'products.shop.envs: must be a non-empty list of strings',
      ]);
    });

    it('rejects a repeated env', () => {
      expect(problemsOf({ products: { shop: { envs: ['dev', 'prd', 'dev'] } } })).toEqual([
        "products.shop.envs: lists 'dev' more than once",
      ]);
    });
  });

  describe('apps', () => {
    it.each([[null], [[]], ['mailer']])('rejects apps given as %p', (apps) => {
      expect(problemsOf(withApp({}, { apps }))).toEqual(['products.shop.apps: must be a map of named apps']);
    });

    it('rejects an app that is not a map', () => {
      expect(problemsOf(withApp({}, { apps: { mailer: 'http://x' } }))).toEqual([`${APP}: must be a map`]);
    });

    it('rejects unknown app keys', () => {
      expect(problemsOf(withApp({ url: 'http://x', retries: 3 }))).toEqual([
        `${APP}.url: is not a known key`,
        `${APP}.retries: is not a known key`,
      ]);
    });

    it('requires base_url and actions', () => {
      expect(problemsOf(withApp({}, { apps: { mailer: {} } }))).toEqual([
        `${APP}.base_url: is required`,
        `${APP}.actions: is required`,
      ]);
    });
  });

  describe('base_url', () => {
    it.each([['mail.internal'], ['ftp://mail.internal'], ['file:///etc/passwd'], [''], [42], [null], [['http://x']]])(
      'rejects %p',
      (baseUrl) => {
        expect(problemsOf(withApp({ base_url: baseUrl }))).toEqual([`${APP}.base_url: must be an http(s) URL`]);
      },
    );

    it.each([['http://x/api?key=1'], ['http://x/#top'], ['http://x/?']])('rejects a query or fragment in %p', (url) => {
      expect(problemsOf(withApp({ base_url: url }))).toEqual([
        `${APP}.base_url: must be an http(s) URL without a query or fragment`,
      ]);
    });

    it('drops trailing slashes so paths can be appended', () => {
      const { products } = validateRegistry(withApp({ base_url: 'https://mail.internal/api//' }));
      expect(products[0].apps.get('mailer')?.get('prd')?.baseUrl).toBe('https://mail.internal/api');
    });
  });

  describe('timeout', () => {
    it.each([
      ['500ms', 500],
      ['30s', 30_000],
      [45_000, 45_000],
      ['10m', 600_000],
    ])('reads %p as %p ms', (timeout, ms) => {
      const { products, problems } = validateRegistry(withApp({ timeout }));
      expect(problems).toEqual([]);
      expect(products[0].apps.get('mailer')?.get('dev')?.timeoutMs).toBe(ms);
    });

    it.each([['soon'], ['1.5s'], [-1], [null], [{}]])('rejects %p', (timeout) => {
      const expected =
        typeof timeout === 'object' && timeout !== null
          ? [`${APP}.timeout: no value for env 'dev'`, `${APP}.timeout: no value for env 'prd'`]
          : [`${APP}.timeout: ${DURATION}`];
      expect(problemsOf(withApp({ timeout }))).toEqual(expected);
    });

    it('rejects zero and more than 10 minutes', () => {
      expect(problemsOf(withApp({ timeout: 0 }))).toEqual([`${APP}.timeout: must be greater than 0`]);
      expect(problemsOf(withApp({ timeout: '601s' }))).toEqual([`${APP}.timeout: must be at most 10m`]);
      expect(problemsOf(withApp({ timeout: '1d' }))).toEqual([`${APP}.timeout: must be at most 10m`]);
    });
  });

  describe('headers', () => {
    it('accepts string values and reads numbers and booleans as text', () => {
      const { products, problems } = validateRegistry(
        withApp({ headers: { Authorization: 'Bearer x', 'X-Version': 2, 'X-Debug': false } }),
      );
      expect(problems).toEqual([]);
      expect(products[0].apps.get('mailer')?.get('dev')?.headers).toEqual({
        Authorization: 'Bearer x',
        'X-Version': '2',
        'X-Debug': 'false',
      });
    });

    it.each([[null], [['Authorization: x']], ['Authorization: x']])('rejects headers given as %p', (headers) => {
      expect(problemsOf(withApp({ headers }))).toEqual([`${APP}.headers: must be a map of header names to strings`]);
    });

    it('rejects bad names, repeated names and bad values, each at its own path', () => {
      expect(
        problemsOf(
          withApp({
            headers: {
              'Bad Name': 'x',
              Accept: 'a',
              accept: 'b',
              'X-List': ['a'],
              'X-Null': null,
              'X-Split': 'a\r\nInjected: yes',
            },
          }),
        ),
      ).toEqual([
        `${APP}.headers.Bad Name: is not a valid HTTP header name`,
        `${APP}.headers.accept: repeats header 'Accept' (names ignore case)`,
        `${APP}.headers.X-List: must be a string`,
        `${APP}.headers.X-Null: must be a string`,
        `${APP}.headers.X-Split: must not contain line breaks or control characters`,
      ]);
    });
  });

  describe('actions', () => {
    it.each([[{}], [null], [[]], ['send']])('rejects actions given as %p', (actions) => {
      expect(problemsOf(withApp({ actions }))).toEqual([`${APP}.actions: must be a non-empty map of named actions`]);
    });

    it('rejects an action that is not a map', () => {
      expect(problemsOf(withApp({ actions: { x: 'POST /x' } }))).toEqual([
        `${APP}.actions.x: must be a map with method and path`,
      ]);
    });

    it('requires method and path and rejects unknown keys', () => {
      expect(problemsOf(withApp({ actions: { x: { verb: 'GET' } } }))).toEqual([
        `${APP}.actions.x.verb: is not a known key`,
        `${APP}.actions.x.method: is required`,
        `${APP}.actions.x.path: is required`,
      ]);
    });

    it('accepts methods in any case and stores them upper-cased', () => {
      const { products, problems } = validateRegistry(
        withApp({ actions: { a: { method: 'get', path: '/a' }, b: { method: 'Patch', path: '/b' } } }),
      );
      expect(problems).toEqual([]);
      const actions = products[0].apps.get('mailer')?.get('dev')?.actions;
      expect(actions).toEqual({ a: { method: 'GET', path: '/a' }, b: { method: 'PATCH', path: '/b' } });
    });

    it.each([['FETCH'], [''], [1], [null], [['GET']]])('rejects the method %p', (method) => {
      expect(problemsOf(withApp({ actions: { x: { method, path: '/x' } } }))).toEqual([
        `${APP}.actions.x.method: ${METHODS}`,
      ]);
    });

    it.each([
      ['users', "must be a string starting with '/'"],
      ['', "must be a string starting with '/'"],
      [7, "must be a string starting with '/'"],
      ['/users/ x', 'must not contain whitespace or control characters'],
      ['/users/:', 'has a malformed :parameter segment (expected :name of letters, digits and _)'],
      ['/users/:id-x', 'has a malformed :parameter segment (expected :name of letters, digits and _)'],
      ['/a/:id/b/:id', 'uses the same :parameter more than once'],
    ])('rejects the path %p', (path, message) => {
      expect(problemsOf(withApp({ actions: { x: { method: 'GET', path } } }))).toEqual([
        `${APP}.actions.x.path: ${message}`,
      ]);
    });

    it.each([['/'], ['/users/:id'], ['/orgs/:org_id/users/:userId'], ['/v1/items:batchGet'], ['/search?type=all']])(
      'accepts the path %p',
      (path) => {
        expect(problemsOf(withApp({ actions: { x: { method: 'GET', path } } }))).toEqual([]);
      },
    );
  });

});
