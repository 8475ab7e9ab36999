import type { ResolvedApp } from '../../resources';
import { buildActionRequest, pathParamNames } from './action-request';
import { isRetryableStatus } from './actions.executor';

const app: ResolvedApp = {
  name: 'mailer',
  baseUrl: 'http://127.0.0.1:4000/api',
  headers: { Authorization: 'Bearer app', 'X-App': 'mailer' },
  timeoutMs: 30_000,
  actions: {},
};

describe('pathParamNames', () => {
  it.each([
    ['/emails/welcome', []],
    ['/users/:id', ['id']],
    ['/orgs/:org/users/:user_id/items:batchGet', ['org', 'user_id', 'batchGet']],
  ])('%s → %j', (path, names) => expect(pathParamNames(path)).toEqual(names));
});

describe('buildActionRequest', () => {
  it('joins base URL and path, fills and encodes params, appends the query', () => {
    const req = buildActionRequest(app, { method: 'PUT', path: '/users/:id' }, { params: { id: '../a b?x=1' }, query: { lang: 'en', n: 2, on: true } }, 'job:1');
    expect(req.url).toBe('http://127.0.0.1:4000/api/users/..%2Fa%20b%3Fx%3D1?lang=en&n=2&on=true');
    expect(req.method).toBe('PUT');
  });

  it("puts the dispatch's headers over the app's, case-insensitively, and always sends the occurrence id", () => {
    const req = buildActionRequest(
      app,
      { method: 'POST', path: '/x' },
      { headers: { authorization: 'Bearer mine', 'Idempotency-Key': 'spoofed', 'X-Trace': '1' }, body: { a: 1 } },
      'job:7',
    );
    expect(req.headers).toEqual({
      authorization: 'Bearer mine',
      'x-app': 'mailer',
      'x-trace': '1',
      'idempotency-key': 'job:7',
      'content-type': 'application/json',
    });
    expect(req.body).toBe('{"a":1}');
  });

  it('sends no body with GET and none when the input has none', () => {
    expect(buildActionRequest(app, { method: 'GET', path: '/x' }, { body: { a: 1 } }, 'j:1').body).toBeUndefined();
    const post = buildActionRequest(app, { method: 'POST', path: '/x' }, {}, 'j:1');
    expect(post.body).toBeUndefined();
    expect(post.headers['content-type']).toBeUndefined();
  });

  it('refuses a missing or empty path parameter rather than calling another resource', () => {
    expect(() => buildActionRequest(app, { method: 'GET', path: '/users/:id' }, {}, 'j:1')).toThrow('input.params.id is required by the path /users/:id');
    expect(() => buildActionRequest(app, { method: 'GET', path: '/users/:id' }, { params: { id: '' } }, 'j:1')).toThrow('input.params.id');
  });

  it('keeps the host of the base URL whatever the params hold', () => {
    const req = buildActionRequest(app, { method: 'GET', path: '/:p' }, { params: { p: '@evil.test/x' } }, 'j:1');
    expect(new URL(req.url).host).toBe('127.0.0.1:4000');
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])('%i → %s', (status, retryable) => expect(isRetryableStatus(status)).toBe(retryable));
});
