import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import pino from 'pino';
import { type App, createPlatformApp, type PlatformOptions } from '../app.js';
import { loggerOptions } from '../logger.js';
import { createRequestRedis, waitForRedis } from '../redis.js';
import { testLogEnabled, testRedisUrlFromEnv } from './config.js';
import { createTestIssuer, TEST_AUDIENCE, type TestIssuer } from './tokens.js';

export function testRedisUrl(): string {
  return testRedisUrlFromEnv();
}

/** A prefix unique to one test file, for BullMQ queues and rate-limit keys. */
export function uniquePrefix(name = 't'): string {
  return `tym-test-${name}-${randomBytes(4).toString('hex')}`;
}

export interface TestPlatform {
  app: App;
  /** Trusted for every organisation (`*`), like the development issuer. */
  issuer: TestIssuer;
  redis: Redis;
  /** Authorization header value for a caller. */
  bearer(org: string, roles: string[], sub?: string): string;
  close(): Promise<void>;
}

/**
 * The platform app as a service test needs it: real PostgreSQL pool and Redis, a throw-away
 * identity provider, rate limiting off unless asked for. Register the service plugin on
 * `app`, then `await app.ready()`.
 */
export async function createTestPlatform(options: {
  pool: pg.Pool;
  overrides?: Partial<PlatformOptions>;
  extraIssuers?: TestIssuer[];
}): Promise<TestPlatform> {
  const issuer = createTestIssuer('test', ['*']);
  const redis = createRequestRedis(testRedisUrl());
  await waitForRedis(redis);
  const app = await createPlatformApp({
    // TEST_LOG=1 shows the logs (e.g. the cause of a 500) while debugging a test.
    logger: testLogEnabled() ? pino(loggerOptions('debug', false)) : false,
    auth: {
      issuers: [issuer.issuer, ...(options.extraIssuers ?? []).map((i) => i.issuer)],
      audience: TEST_AUDIENCE,
    },
    pool: options.pool,
    redis,
    rateLimit: false,
    bodyLimit: 1_048_576,
    docs: { title: 'TYM test', version: '0.0.0', description: 'test', uiEnabled: false },
    defaultLanguage: 'en',
    ...options.overrides,
  });
  return {
    app,
    issuer,
    redis,
    bearer: (org, roles, sub = `${org}-user`) => `Bearer ${issuer.mint({ org, roles, sub })}`,
    close: async () => {
      await app.close();
      redis.disconnect();
    },
  };
}
