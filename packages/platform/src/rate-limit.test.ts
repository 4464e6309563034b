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

  async function makeApp(
    keyPrefix: string,
    redisClient: Redis = redis,
    trustProxy?: string,
    limits: { max: number; timeWindowMs: number } = { max: 5, timeWindowMs: 60_000 },
  ): Promise<App> {
    const app = await createPlatformApp({
      ...(trustProxy !== undefined ? { trustProxy } : {}),
      logger: false,
      auth: { issuers: [issuer.issuer], audience: TEST_AUDIENCE },
      pool,
      redis: redisClient,
      rateLimit: { ...limits, keyPrefix, authFailuresMax: 4 },
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

  it('counts requests to routes that do not exist: a flood of unknown paths gets 429 too', async () => {
    const app = await makeApp(uniquePrefix('rl-404'));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.inject({
        method: 'GET',
        url: `/v1/no-such-route/${i}`,
        remoteAddress: '198.51.100.7',
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // Another address has its own window.
    const other = await app.inject({
      method: 'GET',
      url: '/v1/no-such-route',
      remoteAddress: '198.51.100.8',
    });
    expect(other.statusCode).toBe(404);
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

  /** Counts the commands a client sends (a real client, counted, not replaced). */
  function counted(client: Redis): { n: number } {
    const counter = { n: 0 };
    const send = client.sendCommand.bind(client);
    client.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
      counter.n += 1;
      return send(...args);
    }) as Redis['sendCommand'];
    return counter;
  }

  it('serves most requests of a caller from a lease drawn from Redis, not a round trip each', async () => {
    const client = createRequestRedis(testRedisUrl());
    try {
      expect(await waitForRedis(client, 10_000)).toBe(true);
      const app = await makeApp(uniquePrefix('rl-lease'), client, undefined, {
        max: 1_000,
        timeWindowMs: 60_000,
      });
      const commands = counted(client);
      const headers = { authorization: token('lease') };
      for (let i = 0; i < 50; i++) {
        expect((await app.inject({ method: 'GET', url: '/v1/ping', headers })).statusCode).toBe(200);
      }
      expect(commands.n).toBeLessThanOrEqual(5);
    } finally {
      client.disconnect();
    }
  });

  it('enforces one limit across processes: leases never grant more than the window allows', async () => {
    // Two limiters with their own Redis connections and their own leases, as two processes.
    const prefix = uniquePrefix('rl-shared');
    const clients = [createRequestRedis(testRedisUrl()), createRequestRedis(testRedisUrl())];
    try {
      for (const c of clients) expect(await waitForRedis(c, 10_000)).toBe(true);
      const limits = { max: 100, timeWindowMs: 60_000 };
      const apps = [
        await makeApp(prefix, clients[0], undefined, limits),
        await makeApp(prefix, clients[1], undefined, limits),
      ];
      const headers = { authorization: token('shared-window') };
      let allowed = 0;
      const refusedIn: [number, number] = [0, 0];
      // Alternate between the processes until both refuse twice in a row.
      for (let i = 0; i < 400 && (refusedIn[0] < 2 || refusedIn[1] < 2); i++) {
        const which = i % 2;
        const res = await (apps[which] as App).inject({ method: 'GET', url: '/v1/ping', headers });
        if (res.statusCode === 200) {
          allowed += 1;
          refusedIn[which as 0 | 1] = 0;
        } else {
          expect(res.statusCode).toBe(429);
          expect(res.json()).toMatchObject({ code: 'RATE_LIMITED' });
          refusedIn[which as 0 | 1] += 1;
        }
      }
      // Exactly the limit: no process served more than its share, none was refused early for good.
      expect(allowed).toBe(100);
      // Another caller is not affected.
      const other = await (apps[1] as App).inject({
        method: 'GET',
        url: '/v1/ping',
        headers: { authorization: token('shared-other') },
      });
      expect(other.statusCode).toBe(200);
    } finally {
      for (const c of clients) c.disconnect();
    }
  });

  it('starts a new window when the old one ends, in every process', async () => {
    const prefix = uniquePrefix('rl-window');
    const clients = [createRequestRedis(testRedisUrl()), createRequestRedis(testRedisUrl())];
    try {
      for (const c of clients) expect(await waitForRedis(c, 10_000)).toBe(true);
      const limits = { max: 3, timeWindowMs: 1_000 };
      const apps = [
        await makeApp(prefix, clients[0], undefined, limits),
        await makeApp(prefix, clients[1], undefined, limits),
      ];
      const headers = { authorization: token('window') };
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (await (apps[i % 2] as App).inject({ method: 'GET', url: '/v1/ping', headers })).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      // Wait out the window (Redis expires the counter; each process's lease ends with it).
      await new Promise((r) => setTimeout(r, 1_100));
      for (const app of apps) {
        expect((await app.inject({ method: 'GET', url: '/v1/ping', headers })).statusCode).toBe(200);
      }
    } finally {
      for (const c of clients) c.disconnect();
    }
  });

  it('never allows more than the limit to concurrent requests in two processes', async () => {
    const prefix = uniquePrefix('rl-burst');
    const clients = [createRequestRedis(testRedisUrl()), createRequestRedis(testRedisUrl())];
    try {
      for (const c of clients) expect(await waitForRedis(c, 10_000)).toBe(true);
      const limits = { max: 200, timeWindowMs: 60_000 };
      const apps = [
        await makeApp(prefix, clients[0], undefined, limits),
        await makeApp(prefix, clients[1], undefined, limits),
      ];
      const headers = { authorization: token('burst') };
      const burst = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          (apps[i % 2] as App).inject({ method: 'GET', url: '/v1/ping', headers }),
        ),
      );
      let allowed = burst.filter((r) => r.statusCode === 200).length;
      expect(burst.every((r) => r.statusCode === 200 || r.statusCode === 429)).toBe(true);
      expect(allowed).toBeLessThanOrEqual(200);
      // What a process still holds is served to its next requests; then the window is full.
      const refusedIn: [number, number] = [0, 0];
      for (let i = 0; i < 400 && (refusedIn[0] < 2 || refusedIn[1] < 2); i++) {
        const res = await (apps[i % 2] as App).inject({ method: 'GET', url: '/v1/ping', headers });
        if (res.statusCode === 200) allowed += 1;
        const which = (i % 2) as 0 | 1;
        refusedIn[which] = res.statusCode === 200 ? 0 : refusedIn[which] + 1;
      }
      expect(allowed).toBe(200);
    } finally {
      for (const c of clients) c.disconnect();
    }
  });
});
