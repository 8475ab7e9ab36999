import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { Caller } from '../auth/caller';
import { loggableUrl, requestLogLevel } from './log-options';

/** Probes and scrapes come every few seconds; their lines would drown the rest. */
const QUIET = /^\/(health|metrics)(\?|$)/;

/**
 * One JSON line per answered request: method, URL, status, time and the API key's id, never headers or
 * a body, so no credential can reach the log through it. Written when the answer has been sent, and only
 * when its level is enabled; nothing is built for a line that is not written.
 */
@Injectable()
export class RequestLog {
  constructor(private readonly logger: PinoLogger) {}

  /** Logs every answer of the instance, the body parser's refusals (400, 413, 415) and 404s included. */
  attach(instance: FastifyInstance): void {
    instance.addHook('onResponse', (request, reply, done) => {
      const level = requestLogLevel(reply.statusCode);
      const logger = this.logger.logger;
      if (logger.isLevelEnabled(level) && !QUIET.test(request.url)) {
        const keyId = (request as { caller?: Caller }).caller?.keyId;
        logger[level](
          {
            req: { method: request.method, url: loggableUrl(request.url), remoteAddress: request.ip },
            res: { statusCode: reply.statusCode },
            responseTime: Math.round(reply.elapsedTime),
            ...(keyId && { api_key_id: keyId }),
          },
          'request completed',
        );
      }
      done();
    });
  }
}
