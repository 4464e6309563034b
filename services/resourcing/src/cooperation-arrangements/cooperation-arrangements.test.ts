import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../reference-data/seed.js';
import { areaIds, createVantaaKeravaGroup, insertCase } from '../testing/governance-fixtures.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import { findDependants } from './cooperation-arrangements.repository.js';
import {
  checkCooperationArrangement,
  cooperationAreaCountAllowed,
} from './cooperation-arrangements.rules.js';

describe('cooperation area count (381/2023 §9(1) as amended by 437/2024)', () => {
  it('allows at least one and at most one per employment authority of the HVA area', () => {
    expect(cooperationAreaCountAllowed(0, 3)).toBe(false);
    expect(cooperationAreaCountAllowed(1, 3)).toBe(true);
    expect(cooperationAreaCountAllowed(3, 3)).toBe(true);
    expect(cooperationAreaCountAllowed(4, 3)).toBe(false);
    expect(cooperationAreaCountAllowed(1, 0)).toBe(false);
  });

  it('names each wrong field: an authority twice, one missing, one from elsewhere, no default area', () => {
    const errors = checkCooperationArrangement(
      'pirkanmaa',
      ['ea-a', 'ea-b'],
      [
        { code: 'x', employmentAuthorityCodes: ['ea-a', 'ea-c'] },
        { code: 'y', employmentAuthorityCodes: ['ea-a'] },
      ],
    );
    expect(errors.map((e) => [e.location, e.rule])).toEqual([
      ['body.areas[0].employmentAuthorityCodes[1]', 'authority_in_region'],
      ['body.areas[1].employmentAuthorityCodes[0]', 'one_area_per_authority'],
      ['body.areas', 'every_authority'],
      ['body.areas', 'default_area'],
    ]);
  });
});

describe('cooperation arrangement of an HVA area (issue 11, item 2)', () => {
  let h: ResourcingTestApp;
  const url = '/v1/wellbeing-counties/pirkanmaa/cooperation-arrangement';
  const hvaAdmin = () => h.as('hva-pirkanmaa', ['admin']);
  const route = async (code: string) =>
    (
      await h.t.app.inject({
        method: 'GET',
        url: `/v1/municipalities/${code}`,
        headers: h.as('kela', ['caseworker']),
      })
    ).json();
  const split = {
    agreedOn: '2026-02-15',
    decisionReference: 'Pirkanmaan hyvinvointialue, aluehallitus 15.2.2026 § 42',
    areas: [
      {
        code: 'pirkanmaa',
        nameFi: 'Pirkanmaa – Tampereen seutu',
        nameSv: 'Birkaland – Tammerforsregionen',
        employmentAuthorityCodes: ['ea-tampereen-seutu', 'ea-etelainen-keski-suomi'],
      },
      {
        code: 'lansi-pirkanmaa',
        nameFi: 'Läntinen Pirkanmaa',
        nameSv: 'Västra Birkaland',
        employmentAuthorityCodes: ['ea-lantinen-pirkanmaa'],
      },
    ],
  };
  const put = (payload: object, headers: Record<string, string> = hvaAdmin()) =>
    h.t.app.inject({ method: 'PUT', url, headers, payload });

  beforeAll(async () => {
    h = await createResourcingTestApp();
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('starts with one default cooperation area holding every employment authority of the region', async () => {
    const res = await h.t.app.inject({ method: 'GET', url, headers: h.as('kela', ['caseworker']) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.arrangement).toBeNull();
    expect(body.employmentAuthorityCodes).toEqual([
      'ea-etelainen-keski-suomi',
      'ea-lantinen-pirkanmaa',
      'ea-tampereen-seutu',
    ]);
    expect(body.maxAreas).toBe(3);
    expect(body.areas).toHaveLength(1);
    expect(body.areas[0]).toMatchObject({ code: 'pirkanmaa', isDefault: true });
    expect(body.areas[0].employmentAuthorityCodes).toHaveLength(3);
  });

  it('splits the region: each authority in one area, the HVA and Kela in each; clients route by their employment authority', async () => {
    const res = await put(split);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.arrangement).toEqual({
      areaCount: 2,
      agreedOn: '2026-02-15',
      decisionReference: 'Pirkanmaan hyvinvointialue, aluehallitus 15.2.2026 § 42',
    });
    const west = body.areas.find((a: { code: string }) => a.code === 'lansi-pirkanmaa');
    expect(west.employmentAuthorityCodes).toEqual(['ea-lantinen-pirkanmaa']);
    const parties = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${west.id}`,
      headers: h.as('kela', ['caseworker']),
    });
    expect(
      parties
        .json()
        .parties.map((p: { organisation: { code: string } }) => p.organisation.code)
        .sort(),
    ).toEqual(['ea-lantinen-pirkanmaa', 'hva-pirkanmaa', 'kela']);

    // Ikaalinen (143) is in Läntinen Pirkanmaa; Tampere (837) in Tampereen seutu.
    expect((await route('143')).cooperationArea.code).toBe('lansi-pirkanmaa');
    expect((await route('143')).hvaOrganiser.code).toBe('hva-pirkanmaa');
    expect((await route('837')).cooperationArea.code).toBe('pirkanmaa');
    // Joutsa (172) of the same authority, in Keski-Suomi, stays in its own county's area.
    expect((await route('172')).cooperationArea.code).toBe('keski-suomi');

    const events = await h.count('platform.events', "type = 'cooperation_area.arrangement_set'");
    expect(events).toBe(1);
    expect((await put(split)).statusCode).toBe(200);
    expect(await h.count('platform.events', "type = 'cooperation_area.arrangement_set'")).toBe(1);

    // Reloading the reference data keeps the split: the moved authority does not rejoin the default area.
    await seedReferenceData(h.database.db, { clock: h.clock });
    expect((await route('143')).cooperationArea.code).toBe('lansi-pirkanmaa');
    const after = await h.t.app.inject({ method: 'GET', url, headers: h.as('kela', ['caseworker']) });
    expect(
      after.json().areas.map((a: { employmentAuthorityCodes: string[] }) => a.employmentAuthorityCodes),
    ).toEqual([['ea-etelainen-keski-suomi', 'ea-tampereen-seutu'], ['ea-lantinen-pirkanmaa']]);
  });

  it('refuses to move an authority out of an area where it sits in the management group (409), changing nothing', async () => {
    const areas = await areaIds(h);
    await createVantaaKeravaGroup(h, areas['vantaa-kerava'] ?? '');
    const res = await h.t.app.inject({
      method: 'PUT',
      url: '/v1/wellbeing-counties/vantaa-kerava/cooperation-arrangement',
      headers: h.as('hva-vantaa-kerava', ['admin']),
      payload: {
        agreedOn: '2026-02-01',
        decisionReference: 'Vantaan ja Keravan hyvinvointialue 1.2.2026 § 7',
        areas: [
          {
            code: 'vantaa-kerava',
            nameFi: 'Kerava',
            nameSv: 'Kervo',
            employmentAuthorityCodes: ['ea-kerava-sipoo'],
          },
          { code: 'vantaa', nameFi: 'Vantaa', nameSv: 'Vanda', employmentAuthorityCodes: ['ea-vantaa'] },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('COOPERATION_AREA_IN_USE');
    expect(await h.count('resourcing.cooperation_areas', "code = 'vantaa'")).toBe(0);
    expect(
      await h.count('resourcing.cooperation_arrangements', "wellbeing_county_id = 'vantaa-kerava'"),
    ).toBe(0);
  });

  it('refuses more areas than authorities, an authority left out, and callers who are not a party admin of the region; nothing changes', async () => {
    const before = await h.count('resourcing.cooperation_area_parties');
    const tooMany = await put({
      ...split,
      areas: [
        ...split.areas,
        { code: 'c', nameFi: 'C', nameSv: 'C', employmentAuthorityCodes: [] },
        { code: 'd', nameFi: 'D', nameSv: 'D', employmentAuthorityCodes: [] },
      ],
    });
    expect(tooMany.statusCode, tooMany.body).toBe(422);
    expect(tooMany.json().code).toBe('COOPERATION_ARRANGEMENT_INVALID');
    expect(tooMany.json().errors).toContainEqual(
      expect.objectContaining({ location: 'body.areas', rule: 'area_count' }),
    );

    const leftOut = await put({ ...split, areas: [split.areas[0]] });
    expect(leftOut.statusCode).toBe(422);
    expect(JSON.stringify(leftOut.json().errors)).toContain('ea-lantinen-pirkanmaa');

    expect((await put(split, h.as('hva-pirkanmaa', ['coordinator']))).statusCode).toBe(403);
    expect((await put(split, h.as('hva-kainuu', ['admin']))).statusCode).toBe(403);
    expect((await put(split, h.as('ea-lantinen-pirkanmaa', ['admin']))).statusCode).toBe(200);
    expect(await h.count('resourcing.cooperation_area_parties')).toBe(before);
  });

  it('merges the areas back into one when nothing depends on the removed area', async () => {
    const res = await put({
      agreedOn: '2026-03-01',
      decisionReference: 'aluehallitus 1.3.2026 § 50',
      areas: [
        {
          code: 'pirkanmaa',
          nameFi: 'Pirkanmaa',
          nameSv: 'Birkaland',
          employmentAuthorityCodes: [
            'ea-etelainen-keski-suomi',
            'ea-lantinen-pirkanmaa',
            'ea-tampereen-seutu',
          ],
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().areas).toHaveLength(1);
    expect((await route('143')).cooperationArea.code).toBe('pirkanmaa');
    expect(await h.count('resourcing.cooperation_areas', "code = 'lansi-pirkanmaa'")).toBe(0);
  });

  it('two concurrent requests for the same split: both answer the split, one records it', async () => {
    const events = await h.count('platform.events', "type = 'cooperation_area.arrangement_set'");
    const [a, b] = await Promise.all([put(split), put(split)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().areas).toEqual(b.json().areas);
    expect(await h.count('platform.events', "type = 'cooperation_area.arrangement_set'")).toBe(events + 1);
    expect(await h.count('resourcing.cooperation_areas', "wellbeing_county_id = 'pirkanmaa'")).toBe(2);
  });

  it("sees referrals' referrals and cases of an area through referrals' published query, for the area and per party", async () => {
    const area = (await areaIds(h))['lansi-uusimaa'] ?? '';
    expect(await findDependants(h.database.db, area, null)).not.toContain('case');
    await insertCase(h.database.db, { areaId: area, team: [] });
    expect(await findDependants(h.database.db, area, null)).toEqual(
      expect.arrayContaining(['referral', 'case']),
    );
    // Per party the question is the other services' (management group, agreement, staff): referrals' kinds are for the area.
    expect(await findDependants(h.database.db, area, 'kela')).not.toContain('case');
    const perParty = await h.database.db.execute<{ kinds: string[] }>(
      sql`SELECT platform.referrals_area_usage(${area}::uuid, 'ea-vantaa') AS kinds`,
    );
    expect(perParty.rows[0]?.kinds).toEqual(['referral', 'case']);
    const stranger = await h.database.db.execute<{ kinds: string[] }>(
      sql`SELECT platform.referrals_area_usage(${area}::uuid, 'ea-lappi') AS kinds`,
    );
    expect(stranger.rows[0]?.kinds).toEqual([]);
  });
});
