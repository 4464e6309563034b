import { createServer } from 'node:net';
import { createDb, type DbHandle, isDatabaseUnavailable } from '@tym/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from './testing/index.js';

/** A port nothing listens on: the database is "away". */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Issue 10, item 13: a request that needs the database while it is away answers 503
 * problem+json with Retry-After (the same request works once it is back), never 500.
 */
describe('the database away', () => {
  let t: TestPlatform;
  let away: DbHandle;

  beforeAll(async () => {
    away = createDb({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/tym`, max: 2 });
    t = await createTestPlatform({ pool: away.pool });
    t.app.get('/needs-db', async () => (await away.db.execute(sql`SELECT 1 AS one`)).rows);
    t.app.get('/needs-db-tx', async () =>
      away.db.transaction(async (tx) => (await tx.execute(sql`SELECT 1 AS one`)).rows),
    );
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
    await away.close();
  });

  it('answers 503 problem+json with Retry-After, and the readiness probe 503', async () => {
    for (const url of ['/needs-db', '/needs-db-tx']) {
      const res = await t.app.inject({ url, headers: { authorization: t.bearer('kela', ['caseworker']) } });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json()).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    }
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.database.status).toBe('down');
  });

  it('tells a lost or refused connection from an error of the request', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(Object.assign(new Error('starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], ''))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('bad input'), { code: '22P02' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
  });
});
