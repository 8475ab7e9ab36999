import type { LogLevel } from '@nestjs/common';
import type { LoggerOptions } from 'pino';
import type { LogLevelName } from '../config/dispatch-config';

/**
 * Paths pino replaces with "[redacted]": tokens, secrets and session data wherever a log line carries
 * an object (at the top or one level down), and request or response headers should one ever be logged.
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

/** A URL as a log line may show it: secret query values replaced. */
export function loggableUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

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

/** The process's JSON logger: Nest's own lines and the request lines, with secrets redacted. */
export function pinoOptions(level: LogLevelName): LoggerOptions {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

/**
 * The level of a request's line. Answered requests are counted by /metrics, so their lines are for
 * debugging (LOG_LEVEL=debug) and a busy dispatch endpoint does not spend its time on logs; refusals
 * and failures always show.
 */
export function requestLogLevel(statusCode: number): 'debug' | 'warn' | 'error' {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'debug';
}
