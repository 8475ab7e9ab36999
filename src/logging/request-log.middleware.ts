import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import type { Caller } from '../auth/caller';
import { loggableUrl, requestLogLevel } from './log-options';

/** Probes and scrapes come every few seconds; their lines would drown the rest. */
const QUIET = /^\/(health|metrics)(\?|$)/;

/**
 * One JSON line per answered request: method, URL, status, time and the API key's id, never headers or
 * a body, so no credential can reach the log through it. Written when the answer is sent, and only when
 * its level is enabled; nothing is built for a line that is not written.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  constructor(private readonly logger: PinoLogger) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    res.once('finish', () => {
      const level = requestLogLevel(res.statusCode);
      const logger = this.logger.logger;
      if (!logger.isLevelEnabled(level) || QUIET.test(req.originalUrl)) return;
      const keyId = (req as Request & { caller?: Caller }).caller?.keyId;
      logger[level](
        {
          req: { method: req.method, url: loggableUrl(req.originalUrl), remoteAddress: req.ip },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
          ...(keyId && { api_key_id: keyId }),
        },
        'request completed',
      );
    });
    next();
  }
}
