import type { Redis } from 'ioredis';
import pg from 'pg';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createPlatformApp } from './app.js';
import { createRequestRedis, waitForRedis } from './redis.js';
import { createTestIssuer, TEST_AUDIENCE, testRedisUrl, uniquePrefix } from './testing/index.js';

// The limiter against real Redis: it counts before validation, counts failed
// authentication per client address, and keeps each deployment's keys under its prefix.
describe('rate limiting', () => {
  const issuer = createTestIssuer('rl', ['*']);
  const token = (sub: string) => `Bearer ${issuer.mint({ org: 'kela', roles: ['caseworker'], sub })}`;
  let pool: pg.Pool;
  let redis: Redis;
  const apps: App[] = [];

  async function makeApp(keyPrefix: string, redisClient: Redis = redis, trustProxy?: string): Promise<App> {
    const app = await createPlatformApp({
      ...(trustProxy !== undefined ? { trustProxy } : {}),
      logger: false,
      auth: { issuers: [issuer.issuer], audience: TEST_AUDIENCE },
      pool,
      redis: redisClient,
      rateLimit: { max: 5, timeWindowMs: 60_000, keyPrefix, authFailuresMax: 4 },
      bodyLimit: 4096,
      docs: { title: 't', version: '0', description: 't', uiEnabled: false },
      defaultLanguage: 'en',
    });
    app.post(
      '/v1/things',
      {
        schema: {
          body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        },
      },
      async () => ({ ok: true }),
    );
    app.get('/v1/ping', async () => ({ pong: true }));
    await app.ready();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    pool = new pg.Pool({
      connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      max: 2,
    });
    redis = createRequestRedis(testRedisUrl());
    expect(await waitForRedis(redis, 10_000)).toBe(true);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    redis.disconnect();
    await pool.end();
  });

  it('answers a flood of bad tokens from one address with 429 and Retry-After', async () => {
    const app = await makeApp(uniquePrefix('rl-auth'));
    const forged = `Bearer ${createTestIssuer('rl', ['*']).mint({ org: 'kela', roles: ['admin'] })}`;
    const statuses: number[] = [];
    let last = await app.inject({ method: 'GET', url: '/v1/ping' });
    for (let i = 0; i < 12; i++) {
      last = await app.inject({
        method: 'GET',
        url: '/v1/ping',
        headers: { authorization: i % 2 ? forged : 'Bearer not.a.jwt' },
      });
      statuses.push(last.statusCode);
    }
    // The request without a token counted as the first failure.
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(4)).toEqual(Array(8).fill(429));
    expect(last.headers['content-type']).toContain('application/problem+json');
    expect(last.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // The address is refused even with a good token, before its signature is checked …
    const good = await app.inject({ method: 'GET', url: '/v1/ping', headers: { authorization: token('a') } });
    expect(good.statusCode).toBe(429);
    // … while another address carries on.
    const other = await app.inject({
      method: 'GET',
      url: '/v1/ping',
      remoteAddress: '10.9.8.7',
      headers: { authorization: token('a') },
    });
    expect(other.statusCode).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only when the proxy is trusted', async () => {
    const flood = async (app: App, forwardedFor: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await app.inject({
          method: 'GET',
          url: '/v1/ping',
          headers: { authorization: 'Bearer not.a.jwt', 'x-forwarded-for': `${forwardedFor}${i}` },
        });
        statuses.push(res.statusCode);
      }
      return statuses;
    };
    // Untrusted: a forged X-Forwarded-For does not spread the failures over addresses.
    const direct = await makeApp(uniquePrefix('rl-direct'));
    expect(await flood(direct, '198.51.100.')).toEqual([401, 401, 401, 401, 429, 429]);
    // Behind a trusted load balancer: each client is counted by its own address.
    const proxied = await makeApp(uniquePrefix('rl-proxied'), redis, '127.0.0.1');
    const sameClient: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await proxied.inject({
        method: 'GET',
        url: '/v1/ping',
        headers: { authorization: 'Bearer not.a.jwt', 'x-forwarded-for': '203.0.113.5' },
      });
      sameClient.push(res.statusCode);
    }
    expect(sameClient).toEqual([401, 401, 401, 401, 429, 429]);
    const otherClient = await proxied.inject({
      method: 'GET',
      url: '/v1/ping',
      headers: { authorization: token('c'), 'x-forwarded-for': '203.0.113.6' },
    });
    expect(otherClient.statusCode).toBe(200);
  });

  it('counts invalid and malformed bodies before validation', async () => {
    const app = await makeApp(uniquePrefix('rl-body'));
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/things',
        headers: { authorization: token('bodies'), 'content-type': 'application/json' },
        payload: i % 2 ? '{"name":' : JSON.stringify({ unknown: 'x' }),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
  });

  it('keeps each deployment’s counters under its own prefix', async () => {
    const prefixA = uniquePrefix('rl-a');
    const prefixB = uniquePrefix('rl-b');
    const a = await makeApp(prefixA);
    const b = await makeApp(prefixB);
    const headers = { authorization: token('shared') };
    const statusesA: number[] = [];
    for (let i = 0; i < 6; i++)
      statusesA.push((await a.inject({ method: 'GET', url: '/v1/ping', headers })).statusCode);
    expect(statusesA).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await b.inject({ method: 'GET', url: '/v1/ping', headers })).statusCode).toBe(200);
    const keysA = await redis.keys(`${prefixA}*`);
    const keysB = await redis.keys(`${prefixB}*`);
    expect(keysA.length).toBeGreaterThan(0);
    expect(keysB.length).toBeGreaterThan(0);
    expect(keysA.some((k) => keysB.includes(k))).toBe(false);
  });

  it('keeps answering when Redis is away', async () => {
    const deadRedis = createRequestRedis('redis://127.0.0.1:1', { retryStrategy: () => null });
    try {
      const app = await makeApp(uniquePrefix('rl-dead'), deadRedis);
      const bad = await app.inject({
        method: 'GET',
        url: '/v1/ping',
        headers: { authorization: 'Bearer not.a.jwt' },
      });
      expect(bad.statusCode).toBe(401);
      const ok = await app.inject({ method: 'GET', url: '/v1/ping', headers: { authorization: token('x') } });
      expect(ok.statusCode).toBe(200);
    } finally {
      deadRedis.disconnect();
    }
  });
});
