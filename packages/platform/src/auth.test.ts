import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from './auth.js';
import { createTestPlatform, signRawToken, TEST_AUDIENCE, type TestPlatform } from './testing/index.js';

// Tokens that carry a valid signature of a trusted issuer but claims no identity provider
// should issue: each must be refused with 401 problem+json, never a 500.
describe('token claims', () => {
  let pool: pg.Pool;
  let t: TestPlatform;

  beforeAll(async () => {
    pool = new pg.Pool({
      connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      max: 1,
    });
    t = await createTestPlatform({ pool });
    t.app.get('/v1/me', async (request) => request.principal);
    t.app.post(
      '/v1/admin-only',
      {
        config: { roles: ['admin'] },
        schema: {
          body: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', maxLength: 10 } },
            additionalProperties: false,
          },
        },
      },
      async () => ({ ok: true }),
    );
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
    await pool.end();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown>): Record<string, unknown> => ({
    iss: t.issuer.issuer.issuer,
    aud: TEST_AUDIENCE,
    sub: 'claims-user',
    org: 'kela',
    roles: ['caseworker'],
    iat: now(),
    exp: now() + 600,
    ...extra,
  });
  const raw = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    signRawToken(t.issuer.privateKeyPem, { kid: 'test-1', ...header }, payload);
  const call = (token: string) =>
    t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });

  it('accepts a well-formed token signed the same way (the helper signs correctly)', async () => {
    const res = await call(raw(claims({})));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ sub: 'claims-user', org: 'kela' });
  });

  const refused: Array<[string, () => string]> = [
    ['nbf in the future', () => raw(claims({ nbf: now() + 600 }))],
    ['nbf as a string', () => raw(claims({ nbf: String(now() - 60) }))],
    ['exp as a string', () => raw(claims({ exp: String(now() + 600) }))],
    ['exp null', () => raw(claims({ exp: null }))],
    ['iat as a string', () => raw(claims({ iat: String(now()) }))],
    ['aud as a number', () => raw(claims({ aud: 42 }))],
    ['an unknown crit header', () => raw(claims({}), { crit: ['x-unknown'], 'x-unknown': true })],
    ['a malformed crit header', () => raw(claims({}), { crit: 'exp' })],
    [
      'no exp',
      () => {
        const { exp: _exp, ...rest } = claims({});
        return raw(rest);
      },
    ],
    ['a lifetime of 30 days', () => raw(claims({ exp: now() + 30 * 86_400 }))],
    [
      'a lifetime of 30 days without iat',
      () => {
        const { iat: _iat, ...rest } = claims({ exp: now() + 30 * 86_400 });
        return raw(rest);
      },
    ],
    ['an iat a year before a current exp', () => raw(claims({ iat: now() - 365 * 86_400 }))],
    ['exp beyond any date', () => raw(claims({ exp: 1e300 }))],
    ['exp not an integer', () => raw(claims({ exp: now() + 600.5 }))],
    ['iss as a number', () => raw(claims({ iss: 7 }))],
    ['sub as a number', () => raw(claims({ sub: 7 }))],
    ['a kid that is an object', () => raw(claims({}), { kid: { a: 1 } })],
    [
      'a payload that is an array',
      () =>
        signRawToken(t.issuer.privateKeyPem, { kid: 'test-1' }, [1, 2] as unknown as Record<string, unknown>),
    ],
  ];
  it.each(refused)('refuses a validly signed token with %s: 401 problem+json', async (_name, token) => {
    const res = await call(token());
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.json()).toMatchObject({ status: 401, code: expect.stringMatching(/^AUTH_/) });
    expect(res.json().requestId).toBeTruthy();
  });

  it('tolerates a small clock skew on nbf, iat and exp (default 30 s)', async () => {
    const ahead = await call(raw(claims({ iat: now() + 10, nbf: now() + 10 })));
    expect(ahead.statusCode).toBe(200);
    const justExpired = await call(raw(claims({ iat: now() - 600, exp: now() - 10 })));
    expect(justExpired.statusCode).toBe(200);
    const expired = await call(raw(claims({ iat: now() - 600, exp: now() - 120 })));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('AUTH_TOKEN_EXPIRED');
  });

  it('takes the skew and the longest lifetime from the options', async () => {
    const strict = await createTestPlatform({
      pool,
      overrides: {
        auth: {
          issuers: [t.issuer.issuer],
          audience: TEST_AUDIENCE,
          clockToleranceSeconds: 0,
          maxTokenLifetimeSeconds: 3600,
        },
      },
    });
    strict.app.get('/v1/me', async (request) => request.principal);
    await strict.app.ready();
    try {
      const sign = (extra: Record<string, unknown>) =>
        signRawToken(t.issuer.privateKeyPem, { kid: 'test-1' }, claims(extra));
      const go = (token: string) =>
        strict.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
      expect((await go(sign({ nbf: now() + 10 }))).statusCode).toBe(401);
      expect((await go(sign({ exp: now() + 3000 }))).statusCode).toBe(200);
      expect((await go(sign({ exp: now() + 7200 }))).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('verified-token cache', () => {
  const principal = (sub: string) => ({ sub, org: 'kela', roles: ['caseworker' as const], issuer: 'x' });

  it('keys by the hash of the token and never answers at or after exp', () => {
    const cache = new VerifiedTokenCache(10);
    const key = VerifiedTokenCache.keyOf('Bearer a.b.c');
    expect(key).not.toContain('a.b.c');
    cache.set(key, principal('u1'), 1_000);
    expect(cache.get(key, 999_999)?.sub).toBe('u1');
    expect(cache.get(key, 1_000_000)).toBeUndefined();
    // An expired entry is dropped, not kept.
    expect(cache.size).toBe(0);
  });

  it('is bounded: the least recently used token goes first', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', principal('a'), 2_000_000_000);
    cache.set('b', principal('b'), 2_000_000_000);
    expect(cache.get('a', 0)?.sub).toBe('a');
    cache.set('c', principal('c'), 2_000_000_000);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)?.sub).toBe('a');
    expect(cache.get('c', 0)?.sub).toBe('c');
  });

  it('caches nothing when its size is 0', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('a', principal('a'), 2_000_000_000);
    expect(cache.get('a', 0)).toBeUndefined();
  });
});

describe('verified-token cache in the auth hook', () => {
  let pool: pg.Pool;
  let t: TestPlatform;
  beforeAll(async () => {
    pool = new pg.Pool({
      connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      max: 1,
    });
    t = await createTestPlatform({ pool });
    t.app.get('/v1/me', async (request) => request.principal);
    t.app.post(
      '/v1/admin-only',
      {
        config: { roles: ['admin'] },
        schema: {
          body: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', maxLength: 10 } },
            additionalProperties: false,
          },
        },
      },
      async () => ({ ok: true }),
    );
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
    await pool.end();
  });

  /** A Kela caseworker's token of the test issuer, valid for 10 minutes. */
  function kelaCaseworkerToken(sub: string): string {
    const now = Math.floor(Date.now() / 1000);
    return signRawToken(
      t.issuer.privateKeyPem,
      { kid: 'test-1' },
      {
        iss: t.issuer.issuer.issuer,
        aud: TEST_AUDIENCE,
        sub,
        org: 'kela',
        roles: ['caseworker'],
        iat: now,
        exp: now + 600,
      },
    );
  }

  it('answers a repeated token from the cache, and still refuses a token whose signature was altered', async () => {
    const token = kelaCaseworkerToken('cached-user');
    const call = (tk: string) =>
      t.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${tk}` } });
    for (let i = 0; i < 3; i++) {
      const res = await call(token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ sub: 'cached-user', org: 'kela', roles: ['caseworker'] });
    }
    const [h, p, s] = token.split('.');
    const altered = `${h}.${p}.${(s ?? '').slice(0, -4)}${(s ?? '').endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await call(altered)).statusCode).toBe(401);
    // A payload swapped under the cached signature is another token: verified, and refused.
    const otherPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), org: 'other-org' }),
    ).toString('base64url');
    expect((await call(`${h}.${otherPayload}.${s}`)).statusCode).toBe(401);
  });

  it("checks a route's roles for a cached token too: 403 before the body is validated, every time", async () => {
    const token = kelaCaseworkerToken('cached-caseworker');
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/admin-only',
        headers: { authorization: `Bearer ${token}` },
        payload: {},
      });
      expect(res.statusCode, `request ${i + 1}`).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });
});
