import { EVENT_TYPES, eventCatalog, SUBSCRIBABLE_EVENT_TYPES } from '@tym/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

interface Item {
  type: string;
  subscribable: boolean;
  payloadSchema: { properties: Record<string, unknown> };
  title: string;
  body: string;
  label: string;
  recipients: string;
}

describe('GET /v1/event-types', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const list = (query = '', lang = 'fi', role = 'partner') =>
    h.t.app.inject({
      url: `/v1/event-types${query}`,
      headers: { ...h.auth('kela', role), 'accept-language': lang },
    });

  it('lists every catalogued type with its payload schema and its texts in the Accept-Language', async () => {
    const res = await list('', 'sv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('sv');
    const items = res.json().items as Item[];
    expect(items.map((i) => i.type)).toEqual([...EVENT_TYPES].sort());
    const reviewed = items.find((i) => i.type === 'plan.reviewed');
    expect(reviewed).toMatchObject({
      subscribable: true,
      recipients: 'case_team',
      label: 'Planen granskad',
      title: 'Planen granskad – TYM-6F1C2D3E',
      body: 'Planen för klientrelationen TYM-6F1C2D3E granskades 15.6.2026. Nästa granskning senast 15.9.2026.',
    });
    expect(Object.keys(reviewed?.payloadSchema.properties ?? {}).sort()).toEqual(
      Object.keys(eventCatalog['plan.reviewed'].example).sort(),
    );
    const en = (await list('', 'en')).json().items as Item[];
    expect(en.find((i) => i.type === 'plan.submitted')?.title).toBe(
      'Plan submitted for approval – TYM-6F1C2D3E',
    );
    // Caseworkers read it too: it is the legend of their notices.
    expect((await list('', 'fi', 'caseworker')).statusCode).toBe(200);
  });

  it('filters the types partners may subscribe to', async () => {
    const res = await list('?subscribable=true');
    expect((res.json().items as Item[]).map((i) => i.type)).toEqual([...SUBSCRIBABLE_EVENT_TYPES].sort());
    const others = (await list('?subscribable=false')).json().items as Item[];
    expect(others.map((i) => i.type)).toEqual(['reference_data.loaded']);
  });

  it('answers a bad query with problem+json naming the field, and needs a token', async () => {
    const bad = await list('?subscribable=perhaps');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].location).toBe('query.subscribable');
    const extra = await list('?kind=x');
    expect(extra.statusCode).toBe(400);
    expect((await h.t.app.inject({ url: '/v1/event-types' })).statusCode).toBe(401);
  });
});
