import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { requireRole } from '@tym/platform';
import { Queue } from 'bullmq';
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * The board's Redis commands may each take this long. A page of the board sends dozens of
 * commands at once (counts and jobs of every queue); the request connection's 1 s command
 * timeout is meant for single fail-fast commands and, on a busy machine, failed the page
 * with 500 ("Command timed out").
 */
export const BULL_BOARD_COMMAND_TIMEOUT_MS = 15_000;

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
    // The board reads through a connection of its own (a duplicate of the queues'), with a
    // command timeout for its bursts, and waits for it to connect instead of failing a
    // request that arrives first. The queues' own connection (the producer's) stays as it is.
    const base = queues[0]?.opts.connection as Redis | undefined;
    const connection =
      base && typeof base.duplicate === 'function'
        ? base.duplicate({
            commandTimeout: BULL_BOARD_COMMAND_TIMEOUT_MS,
            enableOfflineQueue: true,
            maxRetriesPerRequest: 1,
          })
        : undefined;
    connection?.on('error', () => {});
    const boardQueues = connection
      ? queues.map((q) => new Queue(q.name, { connection, prefix: q.opts.prefix }))
      : queues;
    for (const q of boardQueues) q.on('error', () => {});
    app.addHook('onClose', async () => {
      if (!connection) return;
      await Promise.all(boardQueues.map((q) => q.close().catch(() => undefined)));
      connection.disconnect();
    });
    createBullBoard({
      queues: boardQueues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
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
