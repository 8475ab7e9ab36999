import type { LogLevel } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { Caller } from '../common/request-context';
import type { LogLevelName } from '../config/dispatch-config';

/**
 * Paths pino replaces with "[redacted]": credentials in request and response headers, and tokens,
 * secrets and session data wherever a log line carries an object (one or two levels down).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  ...['token', 'access_token', 'refresh_token', 'password', 'secret', 'api_key', 'apiKey', 'session', 'session_data', 'sessionData', 'authorization', 'cookie'].flatMap(
    (key) => [key, `*.${key}`, `*.*.${key}`],
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
    customProps: (req) => {
      const caller = (req as IncomingMessage & { caller?: Caller }).caller;
      return caller?.keyId ? { api_key_id: caller.keyId } : {};
    },
    serializers: {
      req: (req: { method?: string; url?: string; id?: unknown; remoteAddress?: string; headers?: unknown }) => ({
        ...req,
        url: req.url?.replace(SECRET_QUERY, '$1[redacted]'),
      }),
    },
  };
}
