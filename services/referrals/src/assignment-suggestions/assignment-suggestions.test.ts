import {
  areaIds,
  createAgreementInForce,
  createStaff,
  createVantaaKeravaGroup,
  insertCase,
  type ResourcingTestApp,
} from '@tym/resourcing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp } from '../testing/test-app.js';

describe('assignment suggestions', () => {
  let h: ReferralsTestApp;
  let area: string;
  let caseId: string;
  const ids = { busy: '', swede: '', known: '', onTeam: '' };
  /** The app as resourcing's governance fixtures take it (they build staff and agreements). */
  const gov = (): ResourcingTestApp => ({
    ...h,
    as: (org, roles, sub) => ({ authorization: h.t.bearer(org, roles, sub) }),
  });

  beforeAll(async () => {
    h = await createReferralsTestApp();
    area = (await areaIds(gov()))['vantaa-kerava'] ?? '';
    await createAgreementInForce(gov(), await createVantaaKeravaGroup(gov(), area));
    ids.busy = await createStaff(
      gov(),
      'ea-vantaa',
      'busy',
      'Aada Kiireinen',
      [{ cooperationAreaId: area, fte: 1 }],
      { languages: ['fi', 'sv'] },
    );
    ids.swede = await createStaff(gov(), 'ea-vantaa', 'swede', 'Britt Svensk', [
      { cooperationAreaId: area, fte: 1, languages: ['sv'], competences: ['remote_services'] },
    ]);
    ids.known = await createStaff(gov(), 'ea-vantaa', 'known', 'Cecilia Tuttu', [
      { cooperationAreaId: area, fte: 0.5 },
    ]);
    ids.onTeam = await createStaff(gov(), 'ea-vantaa', 'team', 'Daniel Tiimissä', [
      { cooperationAreaId: area, fte: 1 },
    ]);
    // Aada carries 2 open cases (capacity 1 × 2); Cecilia worked with the client before.
    for (let i = 0; i < 2; i++) {
      await insertCase(h.database.db, {
        areaId: area,
        team: [{ staffId: ids.busy, organisationCode: 'ea-vantaa', role: 'responsible' }],
      });
    }
    const earlier = await insertCase(h.database.db, {
      areaId: area,
      preferredLanguage: 'sv',
      specialArrangements: { remoteOnly: true },
      status: 'ended',
      team: [{ staffId: ids.known, organisationCode: 'ea-vantaa', role: 'responsible' }],
    });
    caseId = (
      await insertCase(h.database.db, {
        areaId: area,
        clientId: earlier.clientId,
        team: [{ staffId: ids.onTeam, organisationCode: 'ea-vantaa', role: 'member' }],
      })
    ).caseId;
  });
  afterAll(async () => {
    await h.close();
  });

  it('ranks by capacity, language, arrangements and continuity, with reasons, and logs the read', async () => {
    const logged = await h.count('referrals.access_log');
    const teamRows = await h.count('referrals.case_team_members');
    const res = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/assignment-suggestions`,
      headers: {
        ...h.as('ea-vantaa', ['coordinator'], 'coord'),
        'accept-language': 'en',
        'x-access-purpose': 'staffing a new case',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.clientLanguage).toBe('sv');
    expect(body.items.map((s: { displayName: string }) => s.displayName)).toEqual([
      'Britt Svensk',
      'Cecilia Tuttu',
      'Aada Kiireinen',
    ]);
    expect(body.items[0].factors).toEqual({
      remainingCapacity: 2,
      languageMatch: true,
      arrangementsMatched: ['remote_only'],
      arrangementsUnmatched: [],
      continuity: false,
    });
    expect(body.items[1].reasons).toContain('Has worked with the client before (1 team membership).');
    expect(body.items[2].reasons[0]).toBe('No capacity left: 0 cases over the target (2 of 2 at 1 FTE).');
    // Never assigns; the read is logged once with the purpose.
    expect(await h.count('referrals.case_team_members')).toBe(teamRows);
    expect(await h.count('referrals.access_log')).toBe(logged + 1);
    const log = (await h.database.pool.query('SELECT * FROM referrals.access_log ORDER BY id DESC LIMIT 1'))
      .rows[0];
    expect(log).toMatchObject({
      action: 'case.assignment_suggestions.read',
      resource_id: caseId,
      actor_organisation: 'ea-vantaa',
      purpose: 'staffing a new case',
    });
    const fi = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/assignment-suggestions`,
      headers: { ...h.as('ea-vantaa', ['admin']), 'accept-language': 'fi' },
    });
    expect(fi.json().items[0].reasons[1]).toBe('Palvelee asiakkaan kielellä (sv).');
  });

  it('answers 404 to anyone else and logs nothing', async () => {
    const logged = await h.count('referrals.access_log');
    for (const [org, roles, query] of [
      ['ea-vantaa', ['caseworker'], ''],
      ['hva-lappi', ['coordinator'], ''],
      ['ea-vantaa', ['coordinator'], '?organisation=kela'],
    ] as const) {
      const res = await h.t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/assignment-suggestions${query}`,
        headers: h.as(org, [...roles]),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CASE_NOT_FOUND');
    }
    expect(await h.count('referrals.access_log')).toBe(logged);
  });
});
