import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import { loadReferenceData } from './reference-data.js';
import { seedReferenceData } from './seed.js';

/** Routing on a date, merged municipalities, and loading a new year's employment areas (issue 11, item 3). */
describe('reference data over time', () => {
  let h: ResourcingTestApp;
  const reader = () => h.as('kela', ['caseworker']);
  const operator = () => h.as('kela', ['admin']);
  const route = (code: string, on?: string) =>
    h.t.app.inject({
      method: 'GET',
      url: `/v1/municipalities/${code}${on ? `?on=${on}` : ''}`,
      headers: reader(),
    });
  const csv2025 = readFileSync(new URL('../../data/employment_areas.csv', import.meta.url), 'utf8');
  /** The 2025 file with Kerava (245) moved from Kerava–Sipoo to Vantaa. */
  const keravaToVantaa = csv2025
    .split('\n')
    .map((line) => {
      if (line.startsWith('vantaa,')) return line.replace(',092,vantaa-kerava,', ',092;245,vantaa-kerava,');
      if (line.startsWith('kerava-sipoo,'))
        return line.replace(',Kerava,245;753,ita-uusimaa;vantaa-kerava,', ',Sipoo,753,ita-uusimaa,');
      return line;
    })
    .join('\n');
  const load = (body: string, validFrom: string, headers: Record<string, string> = operator()) =>
    h.t.app.inject({
      method: 'POST',
      url: `/v1/reference-data/employment-areas?validFrom=${validFrom}`,
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: body,
    });

  beforeAll(async () => {
    h = await createResourcingTestApp();
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('routes a merged municipality (Pertunmaa 588, merged into Mäntyharju 507 on 1.1.2025) as its successor, with a note', async () => {
    expect(keravaToVantaa).not.toBe(csv2025);
    const res = await route('588');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.on).toBe('2026-03-19');
    expect(body.municipality.code).toBe('507');
    expect(body.succession).toEqual({
      code: '588',
      nameFi: 'Pertunmaa',
      nameSv: 'Pertunmaa',
      lastDay: '2024-12-31',
      successorCode: '507',
    });
    expect(body.employmentAuthority.employmentArea.id).toBe('mikkelin-seutu');
    const mantyharju = (await route('507')).json();
    expect(mantyharju.succession).toBeUndefined();
    expect(mantyharju.employmentAuthority.organisation.code).toBe('ea-mikkelin-seutu');
  });

  it('answers the routing in force on a date: none before the employment areas started; a bad date is a 400', async () => {
    const before = await route('245', '2024-06-01');
    expect(before.statusCode, before.body).toBe(422);
    expect(before.json().code).toBe('EMPLOYMENT_AREA_NOT_CONFIGURED');
    expect((await route('245', '2025-01-01')).json().employmentAuthority.organisation.code).toBe(
      'ea-kerava-sipoo',
    );
    const bad = await route('245', '2026-02-30');
    expect(bad.statusCode, bad.body).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('on');
  });

  it('loads a new year: a moved municipality routes by the new data from validFrom, by the old before; a second load changes nothing', async () => {
    const events = await h.count('platform.events', "type = 'reference_data.loaded'");
    const res = await load(keravaToVantaa, '2027-01-01');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary.validFrom).toBe('2027-01-01');
    expect(summary.moved).toEqual([{ municipalityCode: '245', from: 'kerava-sipoo', to: 'vantaa' }]);
    expect(summary.ended).toEqual([]);
    expect(summary.unchanged).toBe(291);
    expect(await h.count('platform.events', "type = 'reference_data.loaded'")).toBe(events + 1);

    expect((await route('245', '2026-12-31')).json().employmentAuthority.organisation.code).toBe(
      'ea-kerava-sipoo',
    );
    expect((await route('245')).json().employmentAuthority.organisation.code).toBe('ea-kerava-sipoo');
    const after = (await route('245', '2027-01-01')).json();
    expect(after.employmentAuthority.organisation.code).toBe('ea-vantaa');
    expect(after.hvaOrganiser.code).toBe('hva-vantaa-kerava');
    expect(after.cooperationArea.code).toBe('vantaa-kerava');
    expect((await route('753', '2027-06-01')).json().employmentAuthority.organisation.code).toBe(
      'ea-kerava-sipoo',
    );

    const again = await load(keravaToVantaa, '2027-01-01');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().moved).toEqual([]);
    expect(again.json().unchanged).toBe(292);
    expect(await h.count('platform.events', "type = 'reference_data.loaded'")).toBe(events + 1);
    // The employment area shows its latest membership.
    const vantaa = await h.t.app.inject({
      method: 'GET',
      url: '/v1/employment-areas/vantaa',
      headers: reader(),
    });
    expect(vantaa.json().municipalityCodes).toEqual(['092', '245']);
  });

  it('refuses a file that leaves a mainland municipality without an area or names an unknown one, naming the row; nothing changes', async () => {
    const rows = await h.count('resourcing.employment_area_municipalities');
    const without = keravaToVantaa.replace(',092;245,vantaa-kerava,', ',092,vantaa-kerava,');
    const res = await load(without, '2028-01-01');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('REFERENCE_DATA_INVALID');
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ location: 'body', rule: 'every_mainland_municipality' }),
    );
    expect(JSON.stringify(res.json().errors)).toContain('245');

    const unknown = keravaToVantaa.replace(',092;245,vantaa-kerava,', ',092;245;999,vantaa-kerava,');
    const res2 = await load(unknown, '2028-01-01');
    expect(res2.statusCode, res2.body).toBe(422);
    expect(JSON.stringify(res2.json().errors)).toContain('999');
    expect(await h.count('resourcing.employment_area_municipalities')).toBe(rows);
  });

  it('refuses a validFrom before the latest loaded period, and callers other than a Kela admin', async () => {
    const early = await load(keravaToVantaa, '2026-06-01');
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().code).toBe('REFERENCE_DATA_OUT_OF_ORDER');
    expect((await load(keravaToVantaa, '2028-01-01', h.as('ea-vantaa', ['admin']))).statusCode).toBe(403);
    expect((await load(keravaToVantaa, '2028-01-01', h.as('kela', ['coordinator']))).statusCode).toBe(403);
    const missing = await h.t.app.inject({
      method: 'POST',
      url: '/v1/reference-data/employment-areas',
      headers: { ...operator(), 'content-type': 'text/csv' },
      payload: keravaToVantaa,
    });
    expect(missing.statusCode, missing.body).toBe(400);
  });

  it('ends the membership of a municipality that merges: from the day after its last day it routes as its successor', async () => {
    // A merger recorded by the seed (municipality_mergers.csv): 623 into Mikkeli (491) after 31.12.2027.
    const data = loadReferenceData();
    await seedReferenceData(h.database.db, {
      clock: h.clock,
      data: {
        ...data,
        mergers: [...(data.mergers ?? []), { code: '623', lastDay: '2027-12-31', successorCode: '491' }],
      },
    });
    const res = await load(keravaToVantaa, '2028-01-01');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      moved: [],
      added: [],
      ended: [{ municipalityCode: '623', from: 'mikkelin-seutu', successorCode: '491' }],
      ceasedIgnored: ['588', '623'],
    });
    const last = (await route('623', '2027-12-31')).json();
    expect(last.municipality.code).toBe('623');
    expect(last.succession).toBeUndefined();
    const after = (await route('623', '2028-01-01')).json();
    expect(after.municipality.code).toBe('491');
    expect(after.succession).toMatchObject({ code: '623', lastDay: '2027-12-31', successorCode: '491' });
    expect(after.employmentAuthority.organisation.code).toBe('ea-mikkelin-seutu');
    expect((await load(keravaToVantaa, '2028-01-01')).json().ended).toEqual([]);
    // The seed (run again above) never touches a later period.
    expect((await route('245', '2027-06-01')).json().employmentAuthority.organisation.code).toBe('ea-vantaa');
  });

  it('two concurrent loads of the same file: one makes the change, the other finds it made', async () => {
    const events = await h.count('platform.events', "type = 'reference_data.loaded'");
    const [a, b] = await Promise.all([load(csv2025, '2029-01-01'), load(csv2025, '2029-01-01')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const moved = [a.json().moved, b.json().moved].sort((x, y) => y.length - x.length);
    expect(moved).toEqual([[{ municipalityCode: '245', from: 'vantaa', to: 'kerava-sipoo' }], []]);
    expect(await h.count('platform.events', "type = 'reference_data.loaded'")).toBe(events + 1);
    expect(await h.count('resourcing.employment_area_municipalities', "municipality_code = '245'")).toBe(3);
  });
});
