import type { LogLevel } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { Caller } from '../common/request-context';
import type { LogLevelName } from '../config/dispatch-config';

/**
 * Paths pino replaces with "[redacted]": credentials in request and response headers, and tokens,
 * secrets and session data wherever a log line carries an object (at the top or one level down).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  ...['token', 'access_token', 'refresh_token', 'password', 'secret', 'api_key', 'apiKey', 'session', 'session_data', 'sessionData', 'authorization', 'cookie'].flatMap(
    (key) => [key, `*.${key}`],
  ),
];

/** Query parameters whose values never reach a log line, since the URL is logged with each request. */
const SECRET_QUERY = /([?&](?:token|access_token|api_key|apikey|key|session|signature)=)[^&#]*/gi;

/**
 * The pino level for the Nest `logger` option of `createHttpApp`/`createWorkerContext`: the most verbose
 * level listed, `silent` for `false`, `fallback` (LOG_LEVEL) when not given. Tests pass `['error']`.
 */
export function pinoLevel(logger: LogLevel[] | false | undefined, fallback: LogLevelName): LogLevelName {
  if (logger === undefined) return fallback;
  if (logger === false || logger.length === 0) return 'silent';
  const order: Array<[LogLevel, LogLevelName]> = [
    ['verbose', 'trace'],
    ['debug', 'debug'],
    ['log', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['fatal', 'fatal'],
  ];
  return order.find(([nest]) => logger.includes(nest))?.[1] ?? 'info';
}

/** Structured JSON logs, one line per request with its status, time and API key id. */
export function pinoHttpOptions(level: LogLevelName): Options {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Health probes and scrapes come every few seconds; their lines would drown the rest.
    autoLogging: { ignore: (req) => /^\/(health|metrics)(\?|$)/.test(req.url ?? '') },
    // Answered requests are counted by /metrics; their lines are for debugging (LOG_LEVEL=debug), so a
    // busy dispatch endpoint does not spend its time writing logs. Refusals and failures always show.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
    customProps: (req) => {
      const caller = (req as IncomingMessage & { caller?: Caller }).caller;
      return caller?.keyId ? { api_key_id: caller.keyId } : {};
    },
    // A request line says what was asked and how it ended; headers and bodies stay out, so no credential
    // can reach the log through them, and each line stays short enough to write at full dispatch rate.
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.replace(SECRET_QUERY, '$1[redacted]'),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
