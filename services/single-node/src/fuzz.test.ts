import { sign } from 'node:crypto';
import { TEST_AUDIENCE, type TestIssuer } from '@tym/platform/testing';
import { nextHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposedTestApp, createComposedTestApp } from './testing/composed-app.js';
import {
  loadOpenApi,
  type Operation,
  operationsOf,
  resolver,
  type Schema,
  typesOf,
} from './testing/openapi-walk.js';

/**
 * Issue 10, "a standing adversarial suite": a schema-driven fuzz pass over every operation
 * of the composed app's OpenAPI document. For each operation it generates path parameters,
 * query strings, headers and bodies from the schemas — valid-ish values, boundary values,
 * wrong types, missing and extra fields, and hostile values (NUL, long strings, huge and
 * negative numbers, far dates, unicode, `__proto__` keys, deep nesting) — sends them with
 * tokens of several roles, and expects no 5xx and every error as problem+json with a
 * request id. Deterministic (seeded) and bounded: CASES_PER_OPERATION requests each.
 */

const SEED = 0x7e_10_0a;
const CASES_PER_OPERATION = 12;

/** mulberry32: a small seeded PRNG, so every run sends the same requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** A version-4-shaped uuid from the seeded generator. */
function seededUuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  'x'.repeat(5_000),
  'ä'.repeat(70_000),
  '',
  ' ',
  '9999-12-31',
  '0061-12-31',
  '0000-00-00',
  '2026-02-30',
  '2026-13-45T25:61:61Z',
  '9999-12-31T23:59',
  '+275760-09-13T00:00:00.000Z',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ \u202e\u200b ﷽',
  '\ud800',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%00',
  'NaN',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
];
const HOSTILE_DATES = ['9999-12-31', '0061-12-31', '0001-01-01', '2026-02-29', '2024-02-29', '1900-01-01'];
const HOSTILE_NUMBERS = [
  -1,
  0,
  -0.5,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  Number.MIN_VALUE,
  9_999_999_999,
];
const ODD_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'multipart/form-data; boundary=x',
  'application/json, text/plain',
];
const ODD_LANGUAGES = ['*;q=abc', 'xx-YY, zz;q=2', ';;;,,,', 'fi'.repeat(2_000), 'sv-FI;q=0.9, en;q=0'];
const HOSTILE_ANY: unknown[] = [null, true, false, [], {}, [null], { a: { b: { c: [] } } }, 0, ''];

function deepNest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/** JSON text nested `depth` levels deep (built as text: JSON.stringify would overflow). */
function deepNestText(depth: number, rng: Rng): string {
  return rng.chance(0.5)
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

type Mode = 'valid' | 'boundary' | 'wrong-type' | 'missing' | 'extra' | 'hostile';
const MODES: readonly Mode[] = [
  'valid',
  'valid',
  'boundary',
  'wrong-type',
  'missing',
  'extra',
  'hostile',
  'hostile',
];

interface Ids {
  byName: Record<string, string[]>;
  any: string[];
}

class Generator {
  constructor(
    private rng: Rng,
    private resolve: (s: Schema) => Schema,
    private ids: Ids,
  ) {}

  /** A value for `schema` in `mode`; `name` is the field's name (ids are picked by it). */
  value(schema: Schema | undefined, mode: Mode, name = '', depth = 0): unknown {
    const { rng } = this;
    const s = schema ? this.resolve(schema) : {};
    if (depth > 8) return null;
    if (mode === 'hostile' && rng.chance(0.6)) return this.hostile(s);
    if (mode === 'wrong-type' && rng.chance(0.35)) return this.wrongType(s);
    for (const key of ['anyOf', 'oneOf']) {
      const variants = Array.isArray(s[key]) ? (s[key] as Schema[]) : [];
      if (variants.length) return this.value(rng.pick(variants), mode, name, depth + 1);
    }
    if (Array.isArray(s.enum)) return rng.pick(s.enum as unknown[]);
    if ('const' in s) return s.const;
    const type =
      rng.pick(typesOf(s).filter((t) => t !== 'null')) ??
      (s.properties ? 'object' : s.items ? 'array' : 'string');
    switch (type) {
      case 'object':
        return this.object(s, mode, depth);
      case 'array': {
        const min = typeof s.minItems === 'number' ? s.minItems : 0;
        const max = typeof s.maxItems === 'number' ? s.maxItems : 5;
        let count = min + rng.int(Math.min(max, min + 3) - min + 1);
        if (mode === 'boundary') count = rng.pick([min, max, max + 1, Math.max(0, min - 1)]);
        const items = Array.from({ length: Math.min(count, 500) }, () =>
          this.value(s.items as Schema, mode, name, depth + 1),
        );
        if (mode === 'boundary' && items.length > 1 && rng.chance(0.5)) items[1] = items[0];
        return items;
      }
      case 'integer':
      case 'number': {
        const min = typeof s.minimum === 'number' ? s.minimum : 0;
        const max = typeof s.maximum === 'number' ? s.maximum : min + 100;
        if (mode === 'boundary')
          return rng.pick([min, max, min - 1, max + 1, type === 'integer' ? min + 0.5 : max]);
        const v = min + rng.next() * (max - min);
        return type === 'integer' ? Math.round(v) : v;
      }
      case 'boolean':
        return rng.chance(0.5);
      case 'null':
        return null;
      default:
        return this.string(s, mode, name);
    }
  }

  object(s: Schema, mode: Mode, depth: number): Record<string, unknown> {
    const { rng } = this;
    const props = (s.properties as Record<string, Schema>) ?? {};
    const required = new Set((s.required as string[]) ?? []);
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(props)) {
      if (!required.has(key) && rng.chance(0.4)) continue;
      if (mode === 'missing' && required.has(key) && rng.chance(0.5)) continue;
      out[key] = this.value(prop, mode, key, depth + 1);
    }
    if (mode === 'extra') out[rng.pick(['extra', 'id', 'organisationCode', 'isAdmin', 'status'])] = 'x';
    return out;
  }

  string(s: Schema, mode: Mode, name: string): string {
    const { rng } = this;
    const maxLength = typeof s.maxLength === 'number' ? s.maxLength : 50;
    const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
    if (mode === 'boundary' && s.format === 'date') return rng.pick(HOSTILE_DATES);
    if (mode === 'boundary') {
      const n = rng.pick([minLength, maxLength, maxLength + 1, Math.max(0, minLength - 1)]);
      return 'ö'.repeat(n);
    }
    switch (s.format) {
      case 'uuid': {
        const known = this.ids.byName[name] ?? this.ids.any;
        return rng.chance(0.7) && known.length ? rng.pick(known) : seededUuid(rng);
      }
      case 'date':
        return rng.pick(['2026-03-19', '2026-04-01', '2027-01-31', '2025-12-31']);
      case 'date-time':
        return rng.pick(['2026-03-19T10:00:00Z', '2026-06-01T08:30:00+03:00']);
      case 'email':
        return rng.pick(['maija@example.org', 'a@b.fi']);
      case 'uri':
        return rng.pick(['https://example.org/hook', 'http://127.0.0.1:9/hook']);
    }
    if (name === 'identityCode') return nextHetu();
    if (typeof s.pattern === 'string') {
      const samples = [
        '245',
        '091',
        'fi',
        'sv',
        'kela',
        'ea-kerava-sipoo',
        '2026-04-01T10:00',
        '00100',
        '+358 40 123 4567',
      ];
      const fitting = samples.filter((x) => new RegExp(s.pattern as string, 'u').test(x));
      if (fitting.length) return rng.pick(fitting);
    }
    const len = Math.max(minLength, Math.min(maxLength, 1 + rng.int(20)));
    return 'Testi Å'.repeat(Math.ceil(len / 7)).slice(0, Math.max(1, len));
  }

  hostile(s: Schema): unknown {
    const { rng } = this;
    const types = typesOf(s);
    if (types.includes('integer') || types.includes('number')) return rng.pick(HOSTILE_NUMBERS);
    if (s.format === 'date' && rng.chance(0.7)) return rng.pick(HOSTILE_DATES);
    if (types.includes('object') || s.properties) {
      return rng.pick([deepNest(200), { ...HOSTILE_ANY }, JSON.parse('{"__proto__":{"polluted":1}}')]);
    }
    if (rng.chance(0.8)) return rng.pick(HOSTILE_STRINGS);
    return rng.pick(HOSTILE_ANY);
  }

  wrongType(s: Schema): unknown {
    const types = typesOf(s);
    const candidates = [1, 'text', true, null, [], {}, [1, 2]].filter((v) => {
      const t =
        v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'integer' : typeof v;
      return !types.includes(t) && !(t === 'integer' && types.includes('number'));
    });
    return this.rng.pick(candidates.length ? candidates : [null]);
  }
}

/** The hostile values the systematic pass puts into a field of this schema. */
function hostileFor(s: Schema): unknown[] {
  const types = typesOf(s);
  if (types.includes('integer') || types.includes('number')) {
    const max = typeof s.maximum === 'number' ? s.maximum : 2 ** 53;
    return [max, -1, 1e308];
  }
  if (types.includes('boolean')) return ['maybe'];
  if (types.includes('array')) return [['\u0000'], [{}]];
  if (types.includes('object')) return [{ __proto__: null, constructor: 'x' }, 'text'];
  if (s.format === 'date') return ['9999-12-31', '0061-12-31', '0001-01-01'];
  if (s.format === 'date-time') return ['9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z'];
  return ['\u0000', 'ö'.repeat(5_000), '𝔘\u202e'];
}

/** The fields of a body schema down to `depth` levels, as dotted paths (`0` for an array item). */
function bodyFields(
  schema: Schema,
  resolve: (s: Schema) => Schema,
  depth = 3,
  prefix = '',
): Array<[string, Schema]> {
  const out: Array<[string, Schema]> = [];
  if (depth === 0) return out;
  let s = resolve(schema);
  const variants = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : []) as Schema[];
  const nonNull = variants.map(resolve).find((v) => !typesOf(v).includes('null'));
  if (nonNull) s = nonNull;
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    return bodyFields(s.items as Schema, resolve, depth, `${prefix}0.`);
  }
  for (const [name, prop] of Object.entries((s.properties as Record<string, Schema>) ?? {})) {
    const p = resolve(prop);
    out.push([`${prefix}${name}`, p]);
    out.push(...bodyFields(p, resolve, depth - 1, `${prefix}${name}.`));
  }
  return out;
}

/** Sets a dotted path in a generated body, making the containers it needs. */
function setPath(target: unknown, path: string[], value: unknown): void {
  if (!target || typeof target !== 'object') return;
  const [head, ...rest] = path as [string, ...string[]];
  const container = target as Record<string, unknown>;
  if (!rest.length) {
    container[head] = value;
    return;
  }
  if (!container[head] || typeof container[head] !== 'object')
    container[head] = /^\d+$/.test(rest[0] as string) ? [] : {};
  const next = container[head] as Record<string, unknown>;
  if (Array.isArray(next) && /^\d+$/.test(rest[0] as string) && next.length === 0) next.push({});
  setPath(next, rest, value);
}

/** Query and path values travel as text. */
function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A path segment; a lone surrogate becomes its (invalid) UTF-8 bytes, also worth sending. */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** JSON text with hostile keys (`__proto__`, `constructor`) added at the top level. */
function withHostileKeys(body: unknown, rng: Rng): string {
  const text = JSON.stringify(body ?? {});
  if (!text.startsWith('{')) return text;
  const key = rng.pick([
    '"__proto__":{"isAdmin":true}',
    '"constructor":{"prototype":{"isAdmin":true}}',
    '"__proto__":null',
    '"a\\u0000b":1',
  ]);
  return text === '{}' ? `{${key}}` : `{${key},${text.slice(1)}`;
}

/** A validly signed ES256 token with any claims at all (the signing library checks them). */
function rawToken(
  issuer: TestIssuer,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = b64({ alg: 'ES256', typ: 'JWT', kid: issuer.issuer.keys?.[0]?.kid, ...header });
  const body = b64({
    iss: issuer.issuer.issuer,
    aud: TEST_AUDIENCE,
    iat: now,
    exp: now + 600,
    sub: 'kela-fz',
    org: 'kela',
    roles: ['caseworker'],
    ...claims,
  });
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), {
    key: issuer.privateKeyPem,
    dsaEncoding: 'ieee-p1363',
  });
  return `${head}.${body}.${signature.toString('base64url')}`;
}

interface Finding {
  operation: string;
  status: number;
  request: string;
  answer: string;
  /** The error the app logged for the request, to see the cause of a 5xx. */
  logged: string;
}

describe('schema-driven fuzz pass over the OpenAPI document', () => {
  let c: ComposedTestApp;
  let ops: Operation[];
  let resolve: (s: Schema) => Schema;
  const ids: Ids = { byName: {}, any: [] };
  const tokens: Array<{ label: string; headers: Record<string, string> }> = [];
  /** Validly signed tokens with odd claims (issue 10 item 9): used in the hostile cases. */
  const oddTokens: Array<{ label: string; headers: Record<string, string> }> = [];

  beforeAll(async () => {
    c = await createComposedTestApp();
    const doc = await loadOpenApi(c.t.app);
    ops = operationsOf(doc);
    resolve = resolver(doc);
    const admin = (org: string) => ({ authorization: c.t.bearer(org, ['admin'], `${org}-admin`) });
    // Real ids, so some requests reach past "not found": staff, a referral, its case.
    const people: Array<[string, string, string]> = [
      ['kela', 'kela-fz', 'caseworker'],
      ['ea-kerava-sipoo', 'eaks-fz', 'caseworker'],
      ['hva-vantaa-kerava', 'hva-fz', 'coordinator'],
    ];
    const staffIds: string[] = [];
    for (const [org, sub, role] of people) {
      const created = await c.t.app.inject({
        method: 'POST',
        url: '/v1/staff',
        headers: admin(org),
        payload: { subject: sub, displayName: `Fuzz ${sub}`, roles: [role] },
      });
      expect(created.statusCode, created.body).toBe(201);
      staffIds.push(created.json().id);
      const put = await c.t.app.inject({
        method: 'PUT',
        url: `/v1/staff/${created.json().id}/allocations`,
        headers: admin(org),
        payload: { allocations: [{ cooperationAreaId: c.area('vantaa-kerava'), fte: 0.5 }] },
      });
      expect(put.statusCode, put.body).toBe(200);
      tokens.push({ label: `${org} ${role}`, headers: { authorization: c.t.bearer(org, [role], sub) } });
    }
    const referral = await c.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { authorization: c.t.bearer('kela', ['caseworker'], 'kela-fz') },
      payload: {
        client: {
          identityCode: nextHetu(),
          firstNames: 'Fuzz',
          lastName: 'Client',
          homeMunicipalityCode: '245',
        },
        grounds: ['life_management_problems'],
        description: 'Fuzz referral.',
      },
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const accepted = await c.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${referral.json().id}/accept`,
      headers: { authorization: c.t.bearer('ea-kerava-sipoo', ['caseworker'], 'eaks-fz') },
      payload: {},
    });
    const caseId = accepted.statusCode === 200 ? (accepted.json().case?.id as string | undefined) : undefined;
    ids.byName.id = [referral.json().id, referral.json().clientId, ...staffIds, ...(caseId ? [caseId] : [])];
    ids.byName.caseId = caseId ? [caseId] : [];
    ids.byName.staffId = staffIds;
    ids.byName.cooperationAreaId = [c.area('vantaa-kerava')];
    ids.byName.cooperationArea = [c.area('vantaa-kerava')];
    ids.any = ids.byName.id;
    const now = Math.floor(Date.now() / 1000);
    const odd: Array<[Record<string, unknown>, Record<string, unknown>?]> = [
      [{ nbf: now + 3600 }],
      [{ nbf: String(now) }],
      [{ exp: String(now + 600) }],
      [{ exp: null }],
      [{ aud: 42 }],
      [{ roles: [] }],
      [{ roles: ['root'] }],
      [{ org: 'Not An Org!' }],
      [{ sub: '' }],
      [{}, { crit: ['x-unknown'], 'x-unknown': 1 }],
    ];
    for (const [claims, header] of odd) {
      oddTokens.push({
        label: `token ${JSON.stringify({ ...claims, ...header })}`,
        headers: { authorization: `Bearer ${rawToken(c.t.issuer, claims, header)}` },
      });
    }
    for (const roles of [['admin'], ['auditor'], ['partner'], ['caseworker', 'coordinator', 'admin']]) {
      const org = roles.includes('partner') ? 'kela' : 'ea-vantaa';
      tokens.push({ label: `${org} ${roles.join('+')}`, headers: { authorization: c.t.bearer(org, roles) } });
    }
  });
  afterAll(async () => {
    await c?.close();
  });

  function loggedError(requestId: string): string {
    if (!requestId) return '';
    for (const line of c.logText().split('\n')) {
      if (!line.includes(requestId) || !line.includes('"err"')) continue;
      const err = (JSON.parse(line) as { err?: { type?: string; message?: string } }).err;
      return `${err?.type}: ${String(err?.message).slice(0, 200)}`;
    }
    return '';
  }

  it('answers every generated request of every operation without a 5xx, every error as problem+json', async () => {
    const rng = prng(SEED);
    const gen = new Generator(rng, resolve, ids);
    const findings: Finding[] = [];
    let sent = 0;
    /** One field set to one hostile value, the rest generated valid-ish. */
    interface Override {
      in: 'path' | 'query' | 'body';
      name: string;
      value: unknown;
    }
    const cases: Array<{ op: Operation; mode: Mode; override?: Override }> = [];
    for (const op of ops) {
      for (let n = 0; n < CASES_PER_OPERATION; n++) cases.push({ op, mode: MODES[n % MODES.length] as Mode });
      // Systematically: each parameter and top-level body field with each hostile value of its type.
      for (const p of op.parameters) {
        if (p.in !== 'path' && p.in !== 'query') continue;
        for (const value of hostileFor(p.schema ? resolve(p.schema) : {})) {
          // Query parameters often act together (`from` with `months` or `days`): three
          // different companions for each hostile value.
          for (let rep = 0; rep < (p.in === 'query' ? 3 : 1); rep++) {
            cases.push({ op, mode: 'valid', override: { in: p.in, name: p.name, value } });
          }
        }
      }
      // Body fields down to three levels (`actions.0.dueOn`: the first item of an array).
      for (const [name, prop] of op.body ? bodyFields(op.body, resolve) : []) {
        for (const value of hostileFor(prop))
          cases.push({ op, mode: 'valid', override: { in: 'body', name, value } });
      }
    }
    for (const { op, mode, override } of cases) {
      {
        const fixed = (where: Override['in'], name: string) =>
          override && override.in === where && override.name === name ? override : undefined;
        const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          const p = op.parameters.find((x) => x.in === 'path' && x.name === name);
          const o = fixed('path', name);
          return encodePathSegment(asText(o ? o.value : gen.value(p?.schema, mode, name)));
        });
        const query = new URLSearchParams();
        const caller = mode === 'hostile' && rng.chance(0.25) ? rng.pick(oddTokens) : rng.pick(tokens);
        const anonymous = op.public && rng.chance(0.5);
        const headers: Record<string, string> = { ...(anonymous ? {} : caller.headers) };
        for (const p of op.parameters) {
          if (p.in === 'path') continue;
          const o = p.in === 'query' ? fixed('query', p.name) : undefined;
          if (o) {
            query.append(p.name, asText(o.value));
            continue;
          }
          if (!p.required && rng.chance(0.5) && mode !== 'hostile') continue;
          if (mode === 'missing' && p.required) continue;
          const v = gen.value(p.schema, mode, p.name);
          if (p.in === 'query') query.append(p.name, asText(v));
          // Header values with control characters are refused by HTTP itself.
          if (p.in === 'header')
            headers[p.name] = asText(v)
              .replace(/[^\t\x20-\x7e]/g, '?')
              .slice(0, 1000);
        }
        if (mode === 'extra') query.append('unexpected', 'x');
        const url = `${path}${query.size ? `?${query}` : ''}`;
        let payload: string | undefined;
        if (op.body) {
          const body = gen.value(op.body, mode);
          if (override?.in === 'body') setPath(body, override.name.split('.'), override.value);
          payload = mode === 'hostile' && rng.chance(0.5) ? withHostileKeys(body, rng) : JSON.stringify(body);
          if (mode === 'hostile' && rng.chance(0.15)) payload = deepNestText(rng.pick([5_000, 100_000]), rng);
          headers['content-type'] =
            mode === 'hostile' && rng.chance(0.2) ? rng.pick(ODD_CONTENT_TYPES) : 'application/json';
        }
        if (mode === 'hostile' && rng.chance(0.3)) headers['accept-language'] = rng.pick(ODD_LANGUAGES);
        const res = await c.t.app.inject({
          method: op.method as 'GET',
          url,
          headers,
          ...(payload !== undefined ? { payload } : {}),
        });
        sent += 1;
        const where = `${op.method} ${op.path}`;
        const record = (why: string) =>
          findings.push({
            operation: `${where}: ${why}`,
            status: res.statusCode,
            request: `${anonymous ? 'anonymous' : caller.label}: ${op.method} ${url.slice(0, 200)} ${payload?.slice(0, 300) ?? ''}`,
            answer: res.body.slice(0, 200),
            logged: loggedError(String(res.headers['x-request-id'] ?? '')),
          });
        if (res.statusCode >= 500) {
          record('5xx');
          continue;
        }
        if (res.statusCode >= 400) {
          if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
            record('error not problem+json');
            continue;
          }
          let problem: { requestId?: unknown; status?: unknown } = {};
          try {
            problem = res.json();
          } catch {
            record('error body not JSON');
            continue;
          }
          if (typeof problem.requestId !== 'string' || problem.status !== res.statusCode) {
            record('problem without requestId or with another status');
          }
        }
      }
    }
    expect(sent).toBe(cases.length);
    expect(sent).toBeGreaterThan(2_000);
    // One line per failing operation and kind, with the first request that showed it.
    const byKind = new Map<string, Finding>();
    for (const f of findings) {
      const key = `${f.operation} ${f.logged}`;
      if (!byKind.has(key)) byKind.set(key, f);
    }
    expect([...byKind.values()]).toEqual([]);
  });
});
