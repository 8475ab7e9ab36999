import Fastify from 'fastify';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { recordHelmetHeaders, useSecurityHeaders } from './security-headers';

describe('security headers', () => {
  it('records a stock helmet exactly as helmet would answer', () => {
    const direct = new ServerResponse(new IncomingMessage(new Socket()));
    direct.setHeader('X-Powered-By', 'Express');
    helmet()({} as IncomingMessage, direct, () => undefined);
    const recorded = new ServerResponse(new IncomingMessage(new Socket()));
    for (const [name, value] of recordHelmetHeaders(helmet())) recorded.setHeader(name, value);
    expect(recorded.getHeaders()).toEqual(direct.getHeaders());
  });

  it('sets our CSP and the rest of helmet on answers and on 404s', async () => {
    const app = Fastify();
    useSecurityHeaders(app);
    app.get('/ok', async () => ({ ok: true }));
    for (const url of ['/ok', '/missing']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    await app.close();
  });
});
