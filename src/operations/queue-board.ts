import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bull';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeys, presentedKey } from '../auth/api-keys';
import { OCCURRENCE_QUEUE } from '../scheduler/occurrence-queue';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Admin keys only, checked here because Bull Board's routes are Fastify's, outside Nest's guards. A
 * browser cannot add a header to a page it opens, so HTTP Basic is accepted too, with the key as
 * password; the 401 asks for it, and the browser then sends it with the board's own API calls.
 */
export function adminKeyOnly(keys: ApiKeys) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (keys.open) return undefined;
    const key = presentedKey(request.headers, { basic: true });
    const caller = key === undefined ? null : keys.identify(key);
    if (!caller) {
      reply.header('WWW-Authenticate', 'Basic realm="Dispatch admin", charset="UTF-8"');
      // Returning the reply tells Fastify the hook answered: the route does not run.
      return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', code: key ? 'API_KEY_INVALID' : 'API_KEY_MISSING', message: 'An admin API key is required' });
    }
    if (caller.scope !== 'admin') {
      return reply.code(403).send({ statusCode: 403, error: 'Forbidden', code: 'API_KEY_SCOPE', message: 'The queue board needs a key of the admin scope (ADMIN_API_KEYS)' });
    }
    return undefined;
  };
}

/** Mounts Bull Board over the occurrence queue at `/admin/queues`, behind the admin key. */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [new BullAdapter(app.get<Queue>(getQueueToken(OCCURRENCE_QUEUE)))],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Dispatch' } },
  });
  const adminOnly = adminKeyOnly(app.get(ApiKeys));
  // An encapsulated scope: the key check applies to the board's routes and to nothing else.
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', adminOnly);
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
