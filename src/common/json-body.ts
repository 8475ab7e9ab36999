import type { INestApplication } from '@nestjs/common';
import { json, NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { rejectPrototypeKeys } from './prototype-keys';
import { rejectUnsupportedJson } from './json-shape';

/**
 * Parses JSON bodies up to `limit` and answers a body that is not JSON, or is too large, in the shape of
 * every other 400/413: Nest would otherwise pass on the parser's own text, which varies by Node version.
 * A body holding `__proto__` or `constructor.prototype` keys is a 400 (see `findPrototypeKey`), as is one
 * nested too deeply or holding a lone surrogate (see `findJsonShapeProblem`).
 */
export function useJsonBody(app: INestApplication, limit: string): void {
  app.use(json({ limit }));
  app.use((error: { type?: string; status?: number; message?: string } | undefined, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', field: 'body', message: ['body is not valid JSON'] });
    } else if (error?.type === 'entity.too.large') {
      res.status(413).json({ statusCode: 413, error: 'Payload Too Large', field: 'body', message: `body is larger than ${limit}` });
    } else if (error?.status !== undefined && error.status >= 400 && error.status < 500) {
      // The parser's other refusals (an unsupported charset or Content-Encoding, a body cut short) are not
      // HttpExceptions: passed on, they would become a 500. Their messages are written for clients.
      res.status(error.status).json({ statusCode: error.status, error: STATUS_CODES[error.status], field: 'body', message: error.message });
    } else {
      next(error);
    }
  });
  app.use(rejectPrototypeKeys);
  app.use(rejectUnsupportedJson);
}
