import type { INestApplication } from '@nestjs/common';
import { json, NextFunction, Request, Response } from 'express';
import { rejectPrototypeKeys } from './prototype-keys';

/**
 * Parses JSON bodies up to `limit` and answers a body that is not JSON, or is too large, in the shape of
 * every other 400/413: Nest would otherwise pass on the parser's own text, which varies by Node version.
 * A body holding `__proto__` or `constructor.prototype` keys is a 400 (see `findPrototypeKey`).
 */
export function useJsonBody(app: INestApplication, limit: string): void {
  app.use(json({ limit }));
  app.use((error: { type?: string; status?: number } | undefined, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', field: 'body', message: ['body is not valid JSON'] });
    } else if (error?.type === 'entity.too.large') {
      res.status(413).json({ statusCode: 413, error: 'Payload Too Large', field: 'body', message: `body is larger than ${limit}` });
    } else {
      next(error);
    }
  });
  app.use(rejectPrototypeKeys);
}
