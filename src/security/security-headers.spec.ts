import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { recordHelmetHeaders, securityHeaders } from './security-headers';

function response(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

describe('securityHeaders', () => {
  it('sets exactly the headers helmet sets, with our CSP', () => {
    const ours = response();
    const next = jest.fn();
    securityHeaders()({} as never, ours as never, next);
    expect(next).toHaveBeenCalledWith();
    const headers = ours.getHeaders();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(Object.keys(headers)).toHaveLength(12);
  });

  it('records a stock helmet exactly as helmet would answer', () => {
    const direct = response();
    direct.setHeader('X-Powered-By', 'Express');
    helmet()({} as IncomingMessage, direct, () => undefined);
    const recorded = response();
    for (const [name, value] of recordHelmetHeaders(helmet())) recorded.setHeader(name, value);
    expect(recorded.getHeaders()).toEqual(direct.getHeaders());
  });
});
