import pino from 'pino';
import { Writable } from 'node:stream';
import { loggableUrl, pinoLevel, pinoOptions, requestLogLevel } from './log-options';

/** A pino logger with our options, writing its JSON lines into an array. */
function capture(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = pino(pinoOptions('info'), stream);
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

describe('log options', () => {
  it('redacts headers, tokens, secrets and session data in any logged object', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { method: 'POST', url: loggableUrl('/x?token=abc&page=2'), headers: { authorization: 'Bearer secret-key', 'x-api-key': 'secret-key', cookie: 'sid=1' } },
        res: { statusCode: 201, headers: { 'set-cookie': 'sid=2' } },
        session: { tag: 'user', token: 'jwt' },
        job: { session_data: 'ciphertext', token: 'jwt' },
      },
      'request completed',
    );
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/secret-key|sid=|jwt|ciphertext|token=abc/);
    expect(line).toMatchObject({
      req: { method: 'POST', url: '/x?token=[redacted]&page=2', headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]' } },
      res: { statusCode: 201, headers: { 'set-cookie': '[redacted]' } },
      session: '[redacted]',
      job: { session_data: '[redacted]', token: '[redacted]' },
    });
  });

  it('writes answered requests at debug, refusals at warn and failures at error', () => {
    expect(requestLogLevel(201)).toBe('debug');
    expect(requestLogLevel(304)).toBe('debug');
    expect(requestLogLevel(404)).toBe('warn');
    expect(requestLogLevel(500)).toBe('error');
  });
});
