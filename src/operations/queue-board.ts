import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeys, presentedKey } from '../auth/api-keys';
import { OCCURRENCE_QUEUE } from '../scheduler/occurrence-queue';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Admin keys only, checked here because Bull Board is an Express router outside Nest's guards. A browser
 * cannot add a header to a page it opens, so HTTP Basic is accepted too, with the key as password; the
 * 401 asks for it, and the browser then sends it with the board's own API calls.
 */
export function adminKeyOnly(keys: ApiKeys) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (keys.open) return next();
    const key = presentedKey(req.headers, { basic: true });
    const caller = key === undefined ? null : keys.identify(key);
    if (!caller) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Dispatch admin", charset="UTF-8"');
      res.status(401).json({ statusCode: 401, error: 'Unauthorized', code: key ? 'API_KEY_INVALID' : 'API_KEY_MISSING', message: 'An admin API key is required' });
      return;
    }
    if (caller.scope !== 'admin') {
      res.status(403).json({ statusCode: 403, error: 'Forbidden', code: 'API_KEY_SCOPE', message: 'The queue board needs a key of the admin scope (ADMIN_API_KEYS)' });
      return;
    }
    next();
  };
}

/** Mounts Bull Board over the occurrence queue at `/admin/queues`, behind the admin key. */
export function mountQueueBoard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [new BullAdapter(app.get<Queue>(getQueueToken(OCCURRENCE_QUEUE)))],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Dispatch' } },
  });
  app.use(QUEUE_BOARD_PATH, adminKeyOnly(app.get(ApiKeys)), serverAdapter.getRouter());
}
