import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNulCharacters, limitsSchemaOf, MAX_REPORTED_ERRORS } from './input-rules.js';
import { createTestPlatform, type TestPlatform } from './testing/index.js';

const Ground = Type.Enum(['a_ground', 'b_ground', 'c_ground']);

describe('input rules', () => {
  let database: TestDatabase;
  let t: TestPlatform;
  let auth: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await createTestPlatform({ pool: database.pool, overrides: { bodyLimit: 4 * 1_048_576 } });
    t.app.post(
      '/v1/things',
      {
        schema: {
          body: Type.Object(
            {
              grounds: Type.Array(Ground, { uniqueItems: true, maxItems: 3 }),
              note: Type.Optional(Type.Union([Type.String({ maxLength: 10, pattern: '\\S' }), Type.Null()])),
              tags: Type.Optional(Type.Array(Type.String({ maxLength: 5 }), { maxItems: 200 })),
            },
            { additionalProperties: false },
          ),
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 20 })) }),
        },
      },
      async () => ({ ok: true }),
    );
    t.app.post('/v1/free', async () => ({ ok: true }));
    await t.app.ready();
    auth = { authorization: t.bearer('kela', ['caseworker']) };
  });
  afterAll(async () => {
    await t?.close();
    await database?.destroy();
  });

  it('refuses 50,000 distinct items on maxItems alone, at once', async () => {
    const started = performance.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: auth,
      payload: { grounds: Array.from({ length: 50_000 }, (_, i) => `${i}`) },
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ location: 'body.grounds', rule: 'maxItems' }),
    ]);
  });

  it('reports every invalid field of a body within the bounds, at most 50', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: auth,
      payload: { grounds: ['a_ground'], note: null },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const two = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: auth,
      payload: { grounds: ['a_ground', 'a_ground'], note: '   ' },
    });
    expect(two.statusCode).toBe(400);
    const locations = two.json().errors.map((e: { location: string }) => e.location);
    expect(locations).toContain('body.grounds');
    expect(locations).toContain('body.note');
    const many = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: auth,
      payload: { grounds: [], tags: Array.from({ length: 200 }, () => 'too long') },
    });
    expect(many.statusCode).toBe(400);
    expect(many.json().errors.length).toBeLessThanOrEqual(MAX_REPORTED_ERRORS);
  });

  it('refuses a NUL anywhere, also in a route without a schema and 10,000 levels deep', async () => {
    let deep = '"x\\u0000"';
    for (let i = 0; i < 10_000; i++) deep = `[${deep}]`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/free',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: `{"a":${deep}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      location: expect.stringMatching(/^body\.a(\[0\]){10000}$/),
    });
    const query = await t.app.inject({
      method: 'POST',
      url: '/v1/things?q=a%00',
      headers: auth,
      payload: { grounds: [] },
    });
    expect(query.json().errors).toEqual([
      expect.objectContaining({ location: 'query.q', rule: 'noNulCharacter' }),
    ]);
  });

  it('derives the size bounds of a schema', () => {
    expect(
      limitsSchemaOf({
        type: 'object',
        additionalProperties: false,
        properties: {
          a: { type: 'array', maxItems: 3, uniqueItems: true, items: { enum: ['x'] } },
          b: { anyOf: [{ type: 'string', maxLength: 5, pattern: '.' }, { type: 'null' }] },
          c: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          d: { type: 'integer' },
        },
      }),
    ).toEqual({
      maxProperties: 4 + MAX_REPORTED_ERRORS,
      properties: { a: { maxItems: 3 }, b: { anyOf: [{ maxLength: 5 }, { type: 'null' }] } },
    });
    expect(findNulCharacters({ 'k\u0000': 1, ok: ['a', { b: 'c\u0000' }] })).toEqual(['/k\u0000', '/ok/1/b']);
  });
});
