import { idempotencyKeys } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdempotency } from './idempotency.js';
import { createTestPlatform, type TestPlatform } from './testing/index.js';

describe('Idempotency-Key', () => {
  let tdb: TestDatabase;
  let t: TestPlatform;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    await tdb.pool.query('CREATE TABLE public.things (id serial primary key, name text not null)');
    t = await createTestPlatform({ pool: tdb.pool });
    t.app.post(
      '/v1/things',
      { schema: { body: Type.Object({ name: Type.String() }, { additionalProperties: false }) } },
      async (request, reply) =>
        withIdempotency(tdb.db, request, reply, async (tx) => {
          const { name } = request.body as { name: string };
          if (name === 'boom') throw new Error('boom');
          const res = await tx.execute<{ id: number }>(
            sql`INSERT INTO public.things (name) VALUES (${name}) RETURNING id`,
          );
          await new Promise((r) => setTimeout(r, 50));
          return { status: 201, body: { id: res.rows[0]?.id, name } };
        }),
    );
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
    await tdb.destroy();
  });

  const post = (name: string, key?: string, sub = 'u1') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: {
        authorization: t.bearer('kela', ['caseworker'], sub),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      payload: { name },
    });
  const count = async () =>
    Number((await tdb.pool.query('SELECT count(*) FROM public.things')).rows[0].count);

  it('returns the first answer to a repeat and writes once', async () => {
    const a = await post('a', 'key-1');
    const b = await post('a', 'key-1');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(1);
  });

  it('refuses the same key with a different body', async () => {
    const res = await post('different', 'key-1');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toBe(1);
  });

  it('keeps keys per caller', async () => {
    expect((await post('a', 'key-1', 'u2')).statusCode).toBe(201);
    expect(await count()).toBe(2);
  });

  it('runs concurrent duplicates once', async () => {
    const results = await Promise.all([post('c', 'key-c'), post('c', 'key-c'), post('c', 'key-c')]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await count()).toBe(3);
  });

  it('forgets a key whose work failed, so the client can retry', async () => {
    expect((await post('boom', 'key-b')).statusCode).toBe(500);
    const rows = await tdb.db.select().from(idempotencyKeys).where(sql`${idempotencyKeys.key} = 'key-b'`);
    expect(rows).toHaveLength(0);
  });

  it('validates the key', async () => {
    const res = await post('x', 'with space');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].location).toBe('header.idempotency-key');
  });
});
