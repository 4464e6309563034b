import { randomUUID } from 'node:crypto';
import { nextHetu } from '@tym/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposedTestApp, createComposedTestApp } from './testing/composed-app.js';

// Issue 10 item 6: PostgreSQL refuses `\u0000` in text. One platform rule answers a NUL in
// any string or key of the path, the query or the body with a 400 naming the field, and
// nothing is written.
const NUL = '\u0000';

describe('NUL characters', () => {
  let c: ComposedTestApp;
  let caseworker: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    c = await createComposedTestApp();
    admin = { authorization: c.t.bearer('kela', ['admin'], 'kela-admin') };
    caseworker = { authorization: c.t.bearer('kela', ['caseworker'], 'kela-ref') };
    const created = await c.t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: admin,
      payload: { subject: 'kela-ref', displayName: 'Kela Referrer', roles: ['caseworker'] },
    });
    expect(created.statusCode).toBe(201);
    const allocated = await c.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${created.json().id}/allocations`,
      headers: admin,
      payload: { allocations: [{ cooperationAreaId: c.area('vantaa-kerava'), fte: 0.5 }] },
    });
    expect(allocated.statusCode).toBe(200);
  });
  afterAll(async () => {
    await c?.close();
  });

  async function rows(table: string): Promise<number> {
    const result = await c.database.db.execute<{ n: number }>(
      sql.raw(`SELECT count(*)::int AS n FROM ${table}`),
    );
    return result.rows[0]?.n ?? 0;
  }

  async function expectRefused(
    request: {
      method: 'GET' | 'POST' | 'PATCH' | 'PUT';
      url: string;
      headers: Record<string, string>;
      payload?: unknown;
    },
    location: string,
    table?: string,
  ) {
    const before = table ? await rows(table) : 0;
    const res = await c.t.app.inject({ ...request, payload: request.payload as object });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
    expect(problem.errors).toContainEqual({
      location,
      message: expect.stringContaining('NUL'),
      rule: 'noNulCharacter',
    });
    if (table) expect(await rows(table)).toBe(before);
  }

  const referral = (overrides: Record<string, unknown> = {}, client: Record<string, unknown> = {}) => ({
    client: {
      identityCode: nextHetu(),
      firstNames: 'Maija',
      lastName: 'Meikäläinen',
      homeMunicipalityCode: '245',
      ...client,
    },
    grounds: ['life_management_problems'],
    description: 'Needs coordinated support.',
    ...overrides,
  });

  it('refuses a NUL in the referral description', async () => {
    await expectRefused(
      {
        method: 'POST',
        url: '/v1/referrals',
        headers: caseworker,
        payload: referral({ description: `Needs${NUL}help` }),
      },
      'body.description',
      'referrals.referrals',
    );
  });

  it.each([
    [{ firstNames: `Mai${NUL}ja` }, 'body.client.firstNames'],
    [{ lastName: `Meikä${NUL}` }, 'body.client.lastName'],
    [{ contactDetails: { streetAddress: `Kuja 1${NUL}` } }, 'body.client.contactDetails.streetAddress'],
    [{ contactDetails: { postOffice: `${NUL}Kerava` } }, 'body.client.contactDetails.postOffice'],
    [
      { specialArrangements: { accessibilityNeeds: `a${NUL}b` } },
      'body.client.specialArrangements.accessibilityNeeds',
    ],
    [{ informationWishes: `x${NUL}` }, 'body.client.informationWishes'],
  ])('refuses a NUL in the client field %j', async (client, location) => {
    await expectRefused(
      { method: 'POST', url: '/v1/referrals', headers: caseworker, payload: referral({}, client) },
      location,
      'referrals.clients',
    );
  });

  it('refuses a NUL in a webhook endpoint description', async () => {
    await expectRefused(
      {
        method: 'POST',
        url: '/v1/webhook-endpoints',
        headers: admin,
        payload: { url: 'http://127.0.0.1:9/hook', description: `Integration${NUL}` },
      },
      'body.description',
      'notifications.webhook_endpoints',
    );
  });

  it('refuses a NUL in a meeting agenda item and address', async () => {
    const body = {
      kind: 'assessment',
      start: '2026-04-01T10:00',
      durationMinutes: 60,
      mode: 'in_person',
      address: `Kauppakatu 1${NUL}`,
      agenda: [{ title: 'Welcome' }, { title: `Plan${NUL}` }],
      participants: { staff: [], guests: [] },
    };
    const request = {
      method: 'POST' as const,
      url: `/v1/cases/${randomUUID()}/meetings`,
      headers: caseworker,
      payload: body,
    };
    await expectRefused(request, 'body.address', 'planning.meetings');
    await expectRefused(request, 'body.agenda[1].title', 'planning.meetings');
  });

  it('refuses a NUL in a staff display name, new or changed', async () => {
    await expectRefused(
      {
        method: 'POST',
        url: '/v1/staff',
        headers: admin,
        payload: { subject: 'nul-1', displayName: `Ritva${NUL}`, roles: [] },
      },
      'body.displayName',
      'resourcing.staff',
    );
    await expectRefused(
      {
        method: 'PATCH',
        url: `/v1/staff/${randomUUID()}`,
        headers: admin,
        payload: { displayName: `R${NUL}` },
      },
      'body.displayName',
    );
  });

  it('refuses a NUL in a query string, a path parameter, a key and a nested value: one rule', async () => {
    await expectRefused(
      { method: 'GET', url: '/v1/events?after=ab%00c', headers: caseworker },
      'query.after',
    );
    await expectRefused({ method: 'GET', url: '/v1/referrals/abc%00def', headers: caseworker }, 'params.id');
    await expectRefused(
      {
        method: 'POST',
        url: '/v1/referrals',
        headers: caseworker,
        payload: { ...referral(), [`de${NUL}sc`]: 1 },
      },
      `body[${JSON.stringify(`de${NUL}sc`)}]`,
      'referrals.referrals',
    );
    await expectRefused(
      {
        method: 'POST',
        url: '/v1/referrals',
        headers: caseworker,
        payload: referral({ grounds: ['a', [`${NUL}`]] }),
      },
      'body.grounds[1][0]',
    );
    // The field names of other requests are named the same way.
    await expectRefused(
      { method: 'POST', url: '/v1/clients/search', headers: caseworker, payload: { identityCode: `${NUL}` } },
      'body.identityCode',
    );
  });

  it('answers NUL-free requests as before', async () => {
    const res = await c.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: caseworker,
      payload: referral(),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
