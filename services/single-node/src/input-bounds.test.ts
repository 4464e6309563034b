import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposedTestApp, createComposedTestApp } from './testing/composed-app.js';
import {
  loadOpenApi,
  type OpenApiDoc,
  type Operation,
  operationsOf,
  requestSchemas,
  resolver,
  type Schema,
  typesOf,
  walkSchema,
} from './testing/openapi-walk.js';

// Issue 10 item 7: no request may hold the event loop. Every array of every request schema
// has maxItems and every string a length bound, and the worst body a schema allows within
// the body limit is answered well under a second.

/** Formats whose own syntax bounds the length. */
const BOUNDED_FORMATS = new Set(['uuid', 'date', 'date-time', 'time']);

/** `^…$` with no unbounded quantifier (`*`, `+`, `{n,}`) outside a character class. */
function patternBounds(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  const outsideClasses = pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, 'C');
  return !/[*+]|\{\d+,\}/.test(outsideClasses);
}

function stringBounded(s: Schema): boolean {
  return (
    typeof s.maxLength === 'number' ||
    Array.isArray(s.enum) ||
    'const' in s ||
    (typeof s.format === 'string' && BOUNDED_FORMATS.has(s.format)) ||
    (typeof s.pattern === 'string' && patternBounds(s.pattern))
  );
}

const BODY_BUDGET = 900_000;
const FIXED_UUID = '00000000-0000-4000-8000-000000000000';

type Mode = 'numbers' | 'texts' | 'strings';

/**
 * The heaviest value a schema lets through to validation: `numbers` and `texts` fill every
 * array with distinct short items (uniqueItems compares each pair when the items have no
 * scalar type, and every wrong item is an error of its own), `strings` makes every string
 * long.
 */
function worst(
  schema: Schema,
  budget: number,
  mode: Mode,
  resolve: (s: Schema) => Schema,
  depth = 0,
): unknown {
  const s = resolve(schema);
  if (depth > 12) return null;
  for (const key of ['anyOf', 'oneOf']) {
    const variants = Array.isArray(s[key]) ? (s[key] as Schema[]).map(resolve) : [];
    const pick = variants.find((v) => !typesOf(v).includes('null')) ?? variants[0];
    if (pick) return worst(pick, budget, mode, resolve, depth + 1);
  }
  if (Array.isArray(s.enum)) {
    const byLength = [...(s.enum as unknown[])].sort(
      (a, b) => JSON.stringify(a).length - JSON.stringify(b).length,
    );
    return mode === 'strings' ? byLength[byLength.length - 1] : byLength[0];
  }
  if ('const' in s) return s.const;
  const type =
    typesOf(s).find((t) => t !== 'null') ?? (s.properties ? 'object' : s.items ? 'array' : 'string');
  switch (type) {
    case 'object': {
      const props = Object.entries((s.properties as Record<string, Schema>) ?? {});
      const share = Math.floor(budget / Math.max(1, props.length));
      return Object.fromEntries(props.map(([k, v]) => [k, worst(v, share, mode, resolve, depth + 1)]));
    }
    case 'array': {
      if (mode === 'strings') return [worst((s.items as Schema) ?? {}, budget, mode, resolve, depth + 1)];
      const out: unknown[] = [];
      let size = 2;
      for (let i = 0; size < budget; i++) {
        const item = mode === 'numbers' ? i : `${i}`;
        out.push(item);
        size += JSON.stringify(item).length + 1;
      }
      return out;
    }
    case 'string':
      if (s.format === 'uuid') return FIXED_UUID;
      if (s.format === 'date') return '2026-03-19';
      if (s.format === 'date-time') return '2026-03-19T10:00:00Z';
      return mode === 'strings' ? 'a'.repeat(Math.max(1, budget - 2)) : 'a';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function urlOf(op: Operation): string {
  return op.path.replace(/\{[^}]+\}/g, () => randomUUID());
}

function hasArray(op: Operation, resolve: (s: Schema) => Schema): boolean {
  let found = false;
  if (op.body)
    walkSchema(op.body, 'body', resolve, (s) => {
      if (typesOf(s).includes('array') || s.items) found = true;
    });
  return found;
}

describe('request size bounds', () => {
  let c: ComposedTestApp;
  let doc: OpenApiDoc;
  let ops: Operation[];
  let resolve: (s: Schema) => Schema;
  beforeAll(async () => {
    c = await createComposedTestApp();
    doc = await loadOpenApi(c.t.app);
    ops = operationsOf(doc);
    resolve = resolver(doc);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('bounds every array (maxItems) and every string (maxLength, enum, format or pattern) of every request', () => {
    const unbounded: string[] = [];
    for (const op of ops) {
      for (const part of requestSchemas(op)) {
        walkSchema(part.schema, part.location, resolve, (s, location) => {
          const types = typesOf(s);
          if ((types.includes('array') || s.items) && typeof s.maxItems !== 'number') {
            unbounded.push(`${op.method} ${op.path} ${location}: array without maxItems`);
          }
          if (types.includes('string') && !stringBounded(s)) {
            unbounded.push(`${op.method} ${op.path} ${location}: string without a length bound`);
          }
        });
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('answers the worst body of every route with an array in it well under a second', async () => {
    const auth = { authorization: c.t.bearer('kela', ['admin', 'caseworker', 'manager'], 'kela-admin') };
    const slow: string[] = [];
    let tried = 0;
    for (const op of ops) {
      if (!op.body || !hasArray(op, resolve)) continue;
      for (const mode of ['numbers', 'texts', 'strings'] as const) {
        const payload = worst(op.body, BODY_BUDGET, mode, resolve);
        const started = performance.now();
        const res = await c.t.app.inject({
          method: op.method as 'POST',
          url: urlOf(op),
          headers: auth,
          payload: payload as object,
        });
        const ms = performance.now() - started;
        tried += 1;
        expect(res.statusCode, `${op.method} ${op.path} (${mode}): ${res.body.slice(0, 300)}`).toBeLessThan(
          500,
        );
        // The one timing bound the issue asks for: generous for a busy 2-core machine.
        if (ms > 1_000) slow.push(`${op.method} ${op.path} (${mode}): ${Math.round(ms)} ms`);
      }
    }
    expect(tried).toBeGreaterThan(10);
    expect(slow).toEqual([]);
  });

  it('answers a body of 90,000 unknown fields on every route with a body well under a second', async () => {
    const auth = { authorization: c.t.bearer('kela', ['admin', 'caseworker', 'manager'], 'kela-admin') };
    const payload = Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 0]));
    const slow: string[] = [];
    for (const op of ops) {
      if (!op.body) continue;
      const started = performance.now();
      const res = await c.t.app.inject({
        method: op.method as 'POST',
        url: urlOf(op),
        headers: auth,
        payload,
      });
      const ms = performance.now() - started;
      expect(res.statusCode, `${op.method} ${op.path}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
      expect(res.body.length, `${op.method} ${op.path} answers a short problem`).toBeLessThan(20_000);
      if (ms > 1_000) slow.push(`${op.method} ${op.path}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
  });

  it('refuses 50,000 grounds at once, on the length alone', async () => {
    const started = performance.now();
    const res = await c.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { authorization: c.t.bearer('kela', ['caseworker'], 'kela-ref') },
      payload: {
        client: { identityCode: '010190-123A', firstNames: 'A', lastName: 'B', homeMunicipalityCode: '245' },
        // 50,000 distinct short items (340 KB), as in the issue.
        grounds: Array.from({ length: 50_000 }, (_, i) => `${i}`),
        description: 'x',
      },
    });
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ location: 'body.grounds', rule: 'maxItems' }),
    );
    expect(ms).toBeLessThan(1_000);
  });
});

describe('paths the router cannot take apart', () => {
  let c: ComposedTestApp;
  beforeAll(async () => {
    c = await createComposedTestApp();
  });
  afterAll(async () => {
    await c?.close();
  });

  it.each([
    [`/v1/referrals/${'x'.repeat(201)}`, 400, 'VALIDATION_FAILED'],
    ['/v1/referrals/%ED%A0%80', 400, 'VALIDATION_FAILED'],
    ['/v1/referrals/%E0%A4%A/accept', 400, 'VALIDATION_FAILED'],
  ])('answers %s with problem+json and a request id', async (url, status, code) => {
    const res = await c.t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: c.t.bearer('kela', ['caseworker']), 'accept-language': 'sv' },
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-language']).toBe('sv');
    expect(res.json()).toMatchObject({ code, status, requestId: res.headers['x-request-id'] });
  });
});
