import http from 'node:http';
import pg from 'pg';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformApp } from './app.js';
import { AppError, defineErrors } from './errors.js';
import { createRequestRedis, waitForRedis } from './redis.js';
import {
  createTestIssuer,
  createTestPlatform,
  signToken,
  type TestPlatform,
  testRedisUrl,
  uniquePrefix,
} from './testing/index.js';

const TestErrors = defineErrors({
  THING_BROKEN: { status: 422, title: { fi: 'Rikki', sv: 'Trasig', en: 'The thing is broken' } },
});

const adminPool = () =>
  new pg.Pool({
    connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    max: 2,
  });

describe('platform app', () => {
  let db: { pool: pg.Pool; close(): Promise<void> };
  let t: TestPlatform;
  const foreign = createTestIssuer('foreign', ['kela']);

  beforeAll(async () => {
    const pool = adminPool();
    db = { pool, close: () => pool.end() };
    t = await createTestPlatform({ pool: db.pool, extraIssuers: [foreign], overrides: { bodyLimit: 2048 } });
    t.app.post(
      '/v1/things',
      {
        schema: {
          body: Type.Object(
            {
              name: Type.String({ minLength: 1 }),
              count: Type.Integer({ minimum: 0 }),
              items: Type.Optional(
                Type.Array(
                  Type.Object({ dueOn: Type.String({ format: 'date' }) }, { additionalProperties: false }),
                ),
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => ({ ok: true, org: request.principal?.org }),
    );
    t.app.get('/v1/broken', async () => {
      throw new AppError(TestErrors.THING_BROKEN, { detail: 'because', extensions: { thingId: 'x' } });
    });
    t.app.get('/v1/crash', async () => {
      throw new Error('secret internal detail');
    });
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  const auth = () => ({ authorization: t.bearer('kela', ['caseworker']) });

  it('answers unknown routes with problem+json 404 and echoes the request id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/nothing',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      type: '/problems/NOT_FOUND',
      requestId: 'abc-123',
      instance: '/v1/nothing',
    });
  });

  it('generates a request id when none or a malformed one is given', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports every invalid field with its location', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: auth(),
      payload: { count: '3', extra: 1, items: [{ dueOn: '2026-01-01' }, { dueOn: 'tomorrow' }] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const locations = body.errors.map((e: { location: string }) => e.location);
    expect(locations).toEqual(
      expect.arrayContaining(['body.name', 'body.count', 'body.extra', 'body.items[1].dueOn']),
    );
  });

  it('answers malformed JSON, oversized bodies and wrong content types as problems', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('MALFORMED_JSON');
    const big = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: auth(),
      payload: { name: 'x'.repeat(5000), count: 1 },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const text = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: { ...auth(), 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('maps domain errors through the catalog, in the negotiated language', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/broken',
      headers: { ...auth(), 'accept-language': 'sv-FI, en;q=0.5' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-language']).toBe('sv');
    expect(res.json()).toMatchObject({
      code: 'THING_BROKEN',
      title: 'Trasig',
      detail: 'because',
      thingId: 'x',
    });
    const fi = await t.app.inject({
      method: 'GET',
      url: '/v1/broken',
      headers: { ...auth(), 'accept-language': 'fi' },
    });
    expect(fi.json().title).toBe('Rikki');
  });

  it('never leaks an internal error message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/crash', headers: auth() });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.json()).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
  });

  it('serves the error catalogue and security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/problems/THING_BROKEN' });
    expect(res.json()).toEqual({
      code: 'THING_BROKEN',
      status: 422,
      title: { fi: 'Rikki', sv: 'Trasig', en: 'The thing is broken' },
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('sends the same security headers on every response: answers, refusals and unknown routes', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-site',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const responses = [
      await t.app.inject({ method: 'GET', url: '/problems/THING_BROKEN' }),
      await t.app.inject({ method: 'GET', url: '/v1/crash', headers: auth() }),
      await t.app.inject({ method: 'GET', url: '/v1/crash' }),
      await t.app.inject({ method: 'GET', url: '/v1/nothing-here' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 500, 401, 404]);
    for (const res of responses) {
      expect(res.headers).toMatchObject(expected);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  describe('tokens', () => {
    const cases: Array<[string, () => Record<string, string>, string]> = [
      ['missing', () => ({}), 'AUTH_REQUIRED'],
      ['not a bearer', () => ({ authorization: 'Basic Zm9vOmJhcg==' }), 'AUTH_REQUIRED'],
      ['garbage', () => ({ authorization: 'Bearer not.a.jwt' }), 'AUTH_TOKEN_INVALID'],
      [
        'expired',
        () => ({
          authorization: `Bearer ${t.issuer.mint({ org: 'kela', roles: ['caseworker'] }, { expiresInSeconds: -120 })}`,
        }),
        'AUTH_TOKEN_EXPIRED',
      ],
      [
        'wrong audience',
        () => ({
          authorization: `Bearer ${t.issuer.mint({ org: 'kela', roles: ['caseworker'] }, { audience: 'other' })}`,
        }),
        'AUTH_TOKEN_INVALID',
      ],
      [
        'signed by another key',
        () => ({
          authorization: `Bearer ${signToken(createTestIssuer('x', ['*']).privateKeyPem, t.issuer.issuer.issuer, { org: 'kela', roles: ['caseworker'] }, 'test-1')}`,
        }),
        'AUTH_TOKEN_INVALID',
      ],
      [
        'alg none',
        () => {
          const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
          const now = Math.floor(Date.now() / 1000);
          return {
            authorization: `Bearer ${enc({ alg: 'none', typ: 'JWT' })}.${enc({ iss: t.issuer.issuer.issuer, aud: 'tym-api', sub: 'x', org: 'kela', roles: ['admin'], exp: now + 600 })}.`,
          };
        },
        'AUTH_TOKEN_INVALID',
      ],
      [
        'HS256 with the public key as secret',
        () => {
          const { createHmac } = require('node:crypto') as typeof import('node:crypto');
          const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
          const now = Math.floor(Date.now() / 1000);
          const head = `${enc({ alg: 'HS256', typ: 'JWT', kid: 'test-1' })}.${enc({ iss: t.issuer.issuer.issuer, aud: 'tym-api', sub: 'x', org: 'kela', roles: ['admin'], exp: now + 600 })}`;
          const sig = createHmac('sha256', t.issuer.issuer.keys?.[0]?.publicKeyPem ?? '')
            .update(head)
            .digest('base64url');
          return { authorization: `Bearer ${head}.${sig}` };
        },
        'AUTH_TOKEN_INVALID',
      ],
      [
        'unknown issuer',
        () => ({
          authorization: `Bearer ${createTestIssuer('stranger', ['*']).mint({ org: 'kela', roles: ['caseworker'] })}`,
        }),
        'AUTH_ISSUER_UNTRUSTED',
      ],
      [
        'org of another issuer',
        () => ({ authorization: `Bearer ${foreign.mint({ org: 'helsinki', roles: ['caseworker'] })}` }),
        'AUTH_ORGANISATION_MISMATCH',
      ],
      [
        'unknown role',
        () => ({ authorization: `Bearer ${t.issuer.mint({ org: 'kela', roles: ['superuser'] })}` }),
        'AUTH_TOKEN_INVALID',
      ],
      [
        'no org',
        () => ({ authorization: `Bearer ${t.issuer.mint({ org: '', roles: ['caseworker'] })}` }),
        'AUTH_TOKEN_INVALID',
      ],
    ];
    it.each(cases)('refuses a %s token with 401 problem+json', async (_name, headers, code) => {
      const res = await t.app.inject({ method: 'GET', url: '/v1/broken', headers: headers() });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    });

    it('accepts a foreign issuer for its own organisation', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/things',
        headers: { authorization: `Bearer ${foreign.mint({ org: 'kela', roles: ['partner'] })}` },
        payload: { name: 'a', count: 1 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, org: 'kela' });
    });
  });

  it('reports readiness of PostgreSQL and Redis, and 503 when Redis is unreachable', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ok.json()).toMatchObject({ status: 'ready' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().checks).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });

    const deadRedis = createRequestRedis('redis://127.0.0.1:1', { retryStrategy: () => null });
    const app = await createPlatformApp({
      logger: false,
      auth: { issuers: [t.issuer.issuer], audience: 'tym-api' },
      pool: db.pool,
      redis: deadRedis,
      rateLimit: false,
      bodyLimit: 1024,
      docs: { title: 't', version: '0', description: 't', uiEnabled: false },
      defaultLanguage: 'en',
    });
    await app.ready();
    const down = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    await app.close();
    deadRedis.disconnect();
  });

  it('serves the OpenAPI document and Swagger UI without a token', async () => {
    const ui = await createTestPlatform({
      pool: db.pool,
      overrides: { docs: { title: 'TYM', version: '1', description: 'd', uiEnabled: true } },
    });
    ui.app.get(
      '/v1/thing',
      { schema: { summary: 'A thing', response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
      async () => ({ ok: true }),
    );
    await ui.app.ready();
    const json = await ui.app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      openapi: '3.1.0',
      components: { schemas: { Problem: { type: 'object' } } },
    });
    expect(Object.keys(json.json().paths)).toContain('/v1/thing');
    const page = await ui.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(String(page.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    await ui.close();
  });

  it('rate-limits per token on Redis', async () => {
    const redis = createRequestRedis(testRedisUrl());
    await waitForRedis(redis);
    const app = await createPlatformApp({
      logger: false,
      auth: { issuers: [t.issuer.issuer], audience: 'tym-api' },
      pool: db.pool,
      redis,
      rateLimit: { max: 2, timeWindowMs: 60_000, keyPrefix: uniquePrefix('rl') },
      bodyLimit: 1024,
      docs: { title: 't', version: '0', description: 't', uiEnabled: false },
      defaultLanguage: 'en',
    });
    app.get('/v1/ping', async () => ({ pong: true }));
    await app.ready();
    const a = `Bearer ${t.issuer.mint({ org: 'kela', roles: ['caseworker'], sub: 'a' })}`;
    const b = `Bearer ${t.issuer.mint({ org: 'kela', roles: ['caseworker'], sub: 'b' })}`;
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await app.inject({ method: 'GET', url: '/v1/ping', headers: { authorization: a } })).statusCode,
      );
    expect(codes).toEqual([200, 200, 429]);
    const limited = await app.inject({ method: 'GET', url: '/v1/ping', headers: { authorization: a } });
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(
      (await app.inject({ method: 'GET', url: '/v1/ping', headers: { authorization: b } })).statusCode,
    ).toBe(200);
    await app.close();
    redis.disconnect();
  });

  it('answers 503 problem+json to requests that arrive while closing', async () => {
    const redis = createRequestRedis(testRedisUrl());
    await waitForRedis(redis);
    const app = await createPlatformApp({
      logger: false,
      auth: { issuers: [t.issuer.issuer], audience: 'tym-api' },
      pool: db.pool,
      redis,
      rateLimit: false,
      bodyLimit: 1024,
      docs: { title: 't', version: '0', description: 't', uiEnabled: false },
      defaultLanguage: 'en',
    });
    let release: () => void = () => {};
    app.get('/v1/slow', { config: { public: true } }, async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return { done: true };
    });
    // A request that arrives on an open keep-alive connection after shutdown began gets
    // 503; a request already in flight finishes normally.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let late: { status: number; body: string } | undefined;
    app.addHook('preClose', async () => {
      late = await get(agent, base, '/health/live');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    expect((await get(agent, base, '/health/live')).status).toBe(200);
    const inFlight = get(new http.Agent(), base, '/v1/slow');
    await new Promise((r) => setTimeout(r, 50));
    const closing = app.close();
    setTimeout(() => release(), 100);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ done: true });
    expect(late?.status).toBe(503);
    expect(JSON.parse(late?.body ?? '{}').code).toBe('SERVICE_UNAVAILABLE');
    await closing;
    redis.disconnect();
  });
});

function get(agent: http.Agent, base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}
