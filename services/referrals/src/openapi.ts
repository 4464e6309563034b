import { createDb } from '@tym/db';
import { createPiiCipher, createPlatformApp, createRequestRedis, fixedClock } from '@tym/platform';
import { referralsService } from './app.js';

/**
 * The OpenAPI document of this service, built from the route schemas. Builds the platform
 * app without listening; the pool and Redis client never connect (lazy), so no database
 * or Redis is needed, and the PII keys are throw-away zeros (nothing is encrypted).
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
      title: 'TYM referrals service',
      version: '0.1.0',
      description:
        'Clients, referrals to the joint assessment of multidisciplinary service need (381/2023 §3), client ' +
        'relationships (§4–§8), case teams, and the access log of every read and write of client data.',
      uiEnabled: false,
    },
    defaultLanguage: 'fi',
  });
  try {
    const pii = createPiiCipher({
      encryptionKeys: { openapi: Buffer.alloc(32, 1).toString('base64') },
      currentKeyId: 'openapi',
      blindIndexKey: Buffer.alloc(32, 2).toString('base64'),
    });
    await app.register(referralsService({ db: handle.db, clock: fixedClock('2026-01-01T00:00:00Z'), pii }));
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
