import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { requireRole } from '@tym/platform';
import type { Queue } from 'bullmq';
import type { FastifyPluginAsync } from 'fastify';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board (the queues' dashboard) at `/admin/queues`, for administrators only: the
 * platform's auth hook answers 401 without a valid token, and this plugin's hook 403 to a
 * token without the `admin` role — both as problem+json. Its routes are left out of the
 * OpenAPI document. Register inside the platform app (after its auth plugin).
 *
 * A browser does not send a bearer token by itself: reach it through a proxy or a browser
 * extension that adds the Authorization header.
 */
export function bullBoardPlugin(queues: Queue[], basePath = BULL_BOARD_PATH): FastifyPluginAsync {
  return async (app) => {
    const serverAdapter = new FastifyAdapter();
    createBullBoard({
      queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'TYM queues' } },
    });
    serverAdapter.setBasePath(basePath);
    // Bull Board sets its own error handler, which would answer the auth hooks' 401 and 403
    // as plain JSON: its routes keep the platform's problem+json handler instead.
    const platformErrorHandler = app.errorHandler;
    app.addHook('onRoute', (route) => {
      // `hide` is read by @fastify/swagger; FastifySchema does not declare it.
      route.schema = { ...(route.schema ?? {}), hide: true } as typeof route.schema;
      route.errorHandler = platformErrorHandler;
    });
    app.addHook('onRequest', async (request) => {
      requireRole(request, 'admin');
    });
    await app.register(serverAdapter.registerPlugin(), { prefix: basePath });
  };
}
