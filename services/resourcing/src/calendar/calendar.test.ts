import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

describe('calendar', () => {
  let h: ResourcingTestApp;
  const get = (query: string, lang = 'en') =>
    h.t.app.inject({
      method: 'GET',
      url: `/v1/calendar/due-date?${query}`,
      headers: { ...h.as('hva-lappi', ['caseworker']), 'accept-language': lang },
    });

  beforeAll(async () => {
    // The calendar reads no directory data.
    h = await createResourcingTestApp({ seed: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('moves 3 months from 19 March 2026 past Midsummer to Monday 22 June', async () => {
    const res = await get('from=2026-03-19&months=3');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('en');
    const body = res.json();
    expect(body).toMatchObject({
      from: '2026-03-19',
      amount: 3,
      unit: 'months',
      nominalOn: '2026-06-19',
      dueOn: '2026-06-22',
      monthEndClamped: false,
      statute: '150/1930 §3, §5',
    });
    expect(body.skipped).toEqual([
      {
        date: '2026-06-19',
        kind: 'midsummer_eve',
        name: { fi: 'juhannusaatto', sv: 'midsommarafton', en: 'Midsummer Eve' },
      },
      {
        date: '2026-06-20',
        kind: 'public_holiday',
        name: expect.objectContaining({ en: expect.any(String) }),
      },
      { date: '2026-06-21', kind: 'sunday', name: expect.objectContaining({ fi: expect.any(String) }) },
    ]);
    expect(body.explanation).toContain('2026-06-22');
    expect(body.explanation).toContain('Midsummer Eve');
    expect(body).not.toHaveProperty('basis');
  });

  it('explains in Finnish and Swedish by Accept-Language', async () => {
    const fi = await get('from=2026-03-19&months=3', 'fi');
    expect(fi.headers['content-language']).toBe('fi');
    expect(fi.json().explanation).toContain('22.6.2026');
    expect(fi.json().explanation).toContain('juhannusaatto');
    const sv = await get('from=2026-03-19&months=3', 'sv-FI');
    expect(sv.headers['content-language']).toBe('sv');
    expect(sv.json().explanation).toContain('22.6.2026');
    expect(sv.json().explanation).toContain('midsommarafton');
    expect(sv.json().dueOn).toBe('2026-06-22');
  });

  it('clamps to the month’s last day and counts days', async () => {
    const clamped = (await get('from=2025-11-30&months=3')).json();
    expect(clamped).toMatchObject({ nominalOn: '2026-02-28', monthEndClamped: true, dueOn: '2026-03-02' });
    const days = (await get('from=2026-03-19&days=14')).json();
    expect(days).toMatchObject({
      unit: 'days',
      amount: 14,
      nominalOn: '2026-04-02',
      dueOn: '2026-04-02',
      skipped: [],
      statute: '150/1930 §2, §5',
    });
  });

  it('counts from today in Helsinki when from is left out', async () => {
    h.clock.set('2026-03-18T22:30:00Z'); // 00:30 on 19 March in Helsinki
    const body = (await get('days=0')).json();
    expect(body).toMatchObject({ from: '2026-03-19', dueOn: '2026-03-19' });
  });

  it('needs exactly one of months and days', async () => {
    const none = await get('from=2026-03-19');
    expect(none.statusCode).toBe(400);
    expect(none.json().errors.map((e: { location: string }) => e.location)).toEqual([
      'query.months',
      'query.days',
    ]);
    const both = await get('from=2026-03-19&months=3&days=5');
    expect(both.statusCode).toBe(400);
    expect(both.json().errors.map((e: { location: string }) => e.location)).toEqual(['query.days']);
  });

  it('rejects malformed values with their locations', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-02-30&months=1', 'query.from'],
      ['from=19.3.2026&months=1', 'query.from'],
      ['from=2026-03-19&months=-1', 'query.months'],
      ['from=2026-03-19&months=1.5', 'query.months'],
      ['from=2026-03-19&days=40000', 'query.days'],
      ['from=2026-03-19&weeks=2', 'query.weeks'],
    ];
    for (const [query, location] of cases) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
    }
  });

  it('answers dates outside 1900–2399 with 400 naming the field, never 500', async () => {
    const cases: Array<[string, string]> = [
      ['from=9999-12-31&months=3', 'query.from'],
      ['from=0061-12-31&months=310', 'query.from'],
      ['from=1899-12-31&days=1', 'query.from'],
      ['from=2400-01-01&days=0', 'query.from'],
      ['from=2399-12-31&months=1', 'query.months'],
      ['from=2399-06-01&days=36500', 'query.days'],
    ];
    for (const [query, location] of cases) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
    }
    const edge = await get('from=1900-01-01&days=0');
    expect(edge.statusCode).toBe(200);
    // New Year's Day 1900 moves to the next working day.
    expect(edge.json().dueOn).toBe('1900-01-02');
  });

  it('needs a token', async () => {
    const res = await h.t.app.inject({ method: 'GET', url: '/v1/calendar/due-date?months=3' });
    expect(res.statusCode).toBe(401);
  });
});
