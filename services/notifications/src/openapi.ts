import { createDb } from '@tym/db';
import { createPlatformApp, createRequestRedis, fixedClock } from '@tym/platform';
import { notificationsService } from './app.js';
import { eventWebhooksOpenApi } from './event-types/event-webhooks.openapi.js';

/**
 * The OpenAPI document of this service, built from the route schemas. Builds the platform
 * app without listening; the pool and Redis client never connect (lazy), so no database
 * or Redis is needed.
 */
export async function generateOpenApi(): Promise<Record<string, unknown>> {
  const handle = createDb({ url: 'postgres://openapi@127.0.0.1:1/openapi', max: 1 });
  const redis = createRequestRedis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => null });
  const app = await createPlatformApp({
    logger: false,
    auth: { issuers: [], audience: 'tym-api' },
    pool: handle.pool,
    redis,
    rateLimit: false,
    bodyLimit: 1_048_576,
    docs: {
      title: 'TYM notifications service',
      version: '0.1.0',
      description:
        'Webhooks (Standard Webhooks) and the event feed for the parties’ own systems in multidisciplinary ' +
        'employment support (381/2023): subscriptions, signing secrets, the delivery log, retries and ' +
        'recovery, and a cursor-paginated feed to catch up and find gaps.',
      uiEnabled: false,
      webhooks: eventWebhooksOpenApi(),
    },
    defaultLanguage: 'fi',
  });
  try {
    await app.register(
      notificationsService({
        db: handle.db,
        clock: fixedClock('2026-01-01T00:00:00Z'),
        config: { allowedHosts: [], allowPrivateAddresses: false },
      }),
    );
    await app.ready();
    // `swagger()` is decorated by @fastify/swagger inside the platform; its type augmentation
    // is not visible from this package.
    return (app as unknown as { swagger(): Record<string, unknown> }).swagger();
  } finally {
    await app.close();
    redis.disconnect();
    await handle.close();
  }
}
