import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { createTestIssuer, testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { seedReferenceData } from '@tym/resourcing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSingleNodeConfig } from './config.js';
import { createSystem, type System } from './system.js';

// Issue 15: the development token endpoint exists only when the development identity
// provider is configured (DEV_IDP_PRIVATE_KEY_FILE naming a trusted issuer's key).

const devIdp = createTestIssuer('dev', ['*']);
const otherIdp = createTestIssuer('other', ['kela']);
let database: TestDatabase;
let dir: string;

function config(extra: Record<string, string>) {
  return loadSingleNodeConfig({
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: uniquePrefix('dev-token'),
    AUTH_ISSUERS: JSON.stringify([devIdp.issuer]),
    PII_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    PII_CURRENT_KEY_ID: 'k1',
    PII_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    WORKER_ENABLED: 'false',
    BULL_BOARD_ENABLED: 'false',
    DOCS_UI_ENABLED: 'false',
    ...extra,
  });
}

async function withSystem(extra: Record<string, string>, use: (s: System) => Promise<void>) {
  const system = await createSystem(config(extra), pino({ level: 'silent' }), { logRequests: false });
  try {
    await use(system);
  } finally {
    await system.close();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedReferenceData(database.db);
  dir = mkdtempSync(join(tmpdir(), 'tym-dev-idp-'));
  writeFileSync(join(dir, 'dev.pem'), devIdp.privateKeyPem);
  writeFileSync(join(dir, 'other.pem'), otherIdp.privateKeyPem);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database?.destroy();
});

describe('POST /dev/token', () => {
  it('is absent without a development identity provider (as in production)', async () => {
    await withSystem({}, async (s) => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/dev/token',
        payload: { org: 'kela', roles: ['admin'] },
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });
  });

  it('mints a token the API accepts for the organisation, roles and subject asked', async () => {
    await withSystem({ DEV_IDP_PRIVATE_KEY_FILE: join(dir, 'dev.pem') }, async (s) => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/dev/token',
        payload: { org: 'helsinki', roles: ['caseworker', 'coordinator'], sub: 'hki-1' },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ tokenType: 'Bearer', sub: 'hki-1', expiresIn: 43_200 });
      const payload = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString());
      expect(payload).toMatchObject({ org: 'helsinki', roles: ['caseworker', 'coordinator'], sub: 'hki-1' });
      const me = await s.app.inject({
        method: 'GET',
        url: '/v1/municipalities/091',
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(me.statusCode).toBe(200);
      const bad = await s.app.inject({
        method: 'POST',
        url: '/dev/token',
        payload: { org: 'Kela!', roles: ['boss'] },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors.map((e: { location: string }) => e.location)
          .sort(),
      ).toEqual(['body.org', 'body.roles[0]']);
    });
  });

  it('refuses to start when the key belongs to no trusted issuer', async () => {
    await expect(
      createSystem(config({ DEV_IDP_PRIVATE_KEY_FILE: join(dir, 'other.pem') }), pino({ level: 'silent' })),
    ).rejects.toThrow(/belongs to no trusted issuer/);
  });
});
