import { createHmac } from 'node:crypto';
import type { CallbackChannelConfig } from '../../../resources/sections/notifications.section';
import { buildCallbackRequest, callbackTarget, missingCallbackParam, signBody } from './callback-request';

const config: CallbackChannelConfig = {
  url: 'https://hooks.shop.test/v1/:tenant/notify?v=2',
  method: 'POST',
  headers: { Authorization: 'Bearer hook-token', 'X-Source': 'registry' },
  secret: 'hook-secret',
};

describe('buildCallbackRequest', () => {
  it('fills and encodes :params, appends the query, and signs the exact body sent', () => {
    const req = buildCallbackRequest(config, { params: { tenant: 'a/b c' }, query: { n: 2, on: true }, body: { userId: 'u1', note: 'é' } }, 'job:3');
    expect(req.url).toBe('https://hooks.shop.test/v1/a%2Fb%20c/notify?v=2&n=2&on=true');
    expect(req.method).toBe('POST');
    expect(req.body).toBe('{"userId":"u1","note":"é"}');
    const expected = createHmac('sha256', 'hook-secret').update(Buffer.from(req.body!, 'utf8')).digest('hex');
    expect(req.headers['x-dispatch-signature']).toBe(`sha256=${expected}`);
    expect(req.headers['idempotency-key']).toBe('job:3');
    expect(req.headers['content-type']).toBe('application/json');
  });

  it("puts the input's headers over the registry's, but never over the signature or the idempotency key", () => {
    const req = buildCallbackRequest(
      config,
      { params: { tenant: 't' }, headers: { 'x-source': 'input', 'Idempotency-Key': 'spoofed', 'X-Dispatch-Signature': 'sha256=0' } },
      'job:4',
    );
    expect(req.headers).toEqual({
      authorization: 'Bearer hook-token',
      'x-source': 'input',
      'idempotency-key': 'job:4',
      'x-dispatch-signature': signBody('hook-secret', ''),
    });
    expect(req.body).toBeUndefined();
  });

  it('sends no body with GET, and signs the empty body', () => {
    const req = buildCallbackRequest({ ...config, method: 'GET' }, { params: { tenant: 't' }, body: { a: 1 } }, 'job:5');
    expect(req.body).toBeUndefined();
    expect(req.headers['x-dispatch-signature']).toBe(signBody('hook-secret', ''));
  });

  it('keeps the host of the registry whatever the params hold', () => {
    const req = buildCallbackRequest(config, { params: { tenant: '@evil.test' } }, 'job:6');
    expect(new URL(req.url).host).toBe('hooks.shop.test');
  });

  it('refuses a missing :param rather than calling another path', () => {
    expect(missingCallbackParam(config, {})).toEqual({ field: 'input.callback.params.tenant', message: 'input.callback.params.tenant is required by the callback URL' });
    expect(missingCallbackParam(config, { params: { tenant: 'x' } })).toBeUndefined();
    expect(() => buildCallbackRequest(config, { params: { tenant: '' } }, 'job:7')).toThrow('input.callback.params.tenant is required by the callback URL');
  });

  it('names the callback by method and origin only', () => {
    expect(callbackTarget({ ...config, url: 'https://hooks.slack.test/services/T0/B0/SECRET' })).toBe('POST https://hooks.slack.test');
  });
});
