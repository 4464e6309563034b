import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, createPlatformApp } from './app.js';
import { createRequestRedis } from './redis.js';
import { signToken } from './testing/tokens.js';

// An identity provider that publishes its keys as JWKS, served by a real local server.
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let server: http.Server;
let app: App;
let requests = 0;
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
const redis = createRequestRedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
let iss = '';

beforeAll(async () => {
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = http.createServer((req, res) => {
    requests++;
    if (req.url === '/keys') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  iss = base;
  app = await createPlatformApp({
    logger: false,
    auth: {
      issuers: [
        { issuer: iss, organisations: ['hva-pirkanmaa'], algorithms: ['ES256'], jwksUri: `${base}/keys` },
      ],
      audience: 'tym-api',
    },
    pool,
    redis,
    rateLimit: false,
    bodyLimit: 1024,
    docs: { title: 't', version: '0', description: 't', uiEnabled: false },
    defaultLanguage: 'en',
  });
  app.get('/v1/me', async (request) => request.principal);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  server.close();
  redis.disconnect();
  await pool.end();
});

it('verifies tokens against the issuer’s JWKS and caches the key', async () => {
  const token = signToken(
    privateKeyPem,
    iss,
    { org: 'hva-pirkanmaa', roles: ['coordinator'], sub: 'p1' },
    'k1',
  );
  const first = await app.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(first.statusCode).toBe(200);
  expect(first.json()).toMatchObject({
    sub: 'p1',
    org: 'hva-pirkanmaa',
    roles: ['coordinator'],
    issuer: iss,
  });
  const second = await app.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(second.statusCode).toBe(200);
  expect(requests).toBe(1);

  const unknownKid = signToken(privateKeyPem, iss, { org: 'hva-pirkanmaa', roles: ['coordinator'] }, 'k2');
  const refused = await app.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${unknownKid}` },
  });
  expect(refused.statusCode).toBe(401);
  expect(refused.json().code).toBe('AUTH_TOKEN_INVALID');
});
