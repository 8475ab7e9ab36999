import pino from 'pino';
import { Writable } from 'node:stream';
import { pinoHttpOptions, pinoLevel } from './log-options';

/** A pino logger with our options, writing its JSON lines into an array. */
function capture(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const { level, redact, serializers } = pinoHttpOptions('info');
  const logger = pino({ level, redact, serializers }, stream);
  return { logger, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('pinoLevel', () => {
  it("maps Nest's logger option to a pino level, the most verbose listed winning", () => {
    expect(pinoLevel(undefined, 'warn')).toBe('warn');
    expect(pinoLevel(false, 'info')).toBe('silent');
    expect(pinoLevel([], 'info')).toBe('silent');
    expect(pinoLevel(['error'], 'info')).toBe('error');
    expect(pinoLevel(['log', 'warn', 'error'], 'error')).toBe('info');
    expect(pinoLevel(['warn', 'debug'], 'info')).toBe('debug');
  });
});

describe('pinoHttpOptions', () => {
  it('keeps headers out of request lines and redacts tokens, secrets and session data', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: {
          method: 'POST',
          url: '/x?token=abc&page=2',
          headers: { authorization: 'Bearer secret-key', 'x-api-key': 'secret-key', cookie: 'sid=1', 'content-type': 'application/json' },
        },
        res: { statusCode: 201, headers: { 'set-cookie': 'sid=2' } },
        session: { tag: 'user', token: 'jwt' },
        job: { session_data: 'ciphertext', token: 'jwt' },
      },
      'request completed',
    );
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/secret-key|sid=|jwt|ciphertext|token=abc/);
    expect(line).toMatchObject({
      req: { method: 'POST', url: '/x?token=[redacted]&page=2' },
      res: { statusCode: 201 },
      session: '[redacted]',
      job: { session_data: '[redacted]', token: '[redacted]' },
    });
    // Headers never reach a request line at all.
    expect((line.req as Record<string, unknown>).headers).toBeUndefined();
    expect((line.res as Record<string, unknown>).headers).toBeUndefined();
  });

  it('writes answered requests at debug, refusals at warn and failures at error', () => {
    const { customLogLevel } = pinoHttpOptions('info');
    const level = (status: number, error?: Error) => customLogLevel?.({} as never, { statusCode: status } as never, error);
    expect(level(201)).toBe('debug');
    expect(level(404)).toBe('warn');
    expect(level(500)).toBe('error');
    expect(level(200, new Error('x'))).toBe('error');
  });
});
