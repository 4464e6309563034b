import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  areaIds,
  createAgreementInForce,
  createStaff,
  createVantaaKeravaGroup,
  insertCase,
} from '../testing/governance-fixtures.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import { evaluateQuotaCrossings } from './utilisation.service.js';

describe('utilisation and quota crossings', () => {
  let h: ResourcingTestApp;
  let area: string;
  const staff = { ks: '', v1: '', h1: '', h2: '', k1: '' };
  const quotaEvents = async () =>
    (
      await h.database.pool.query(
        `SELECT type, payload->>'organisationCode' AS org, payload->>'previousStatus' AS previous
           FROM platform.events WHERE type IN ('quota.exceeded', 'staffing.below_commitment', 'quota.restored') ORDER BY id`,
      )
    ).rows as Array<{ type: string; org: string; previous: string }>;
  const get = (org: string, roles: string[], sub?: string, query = '') =>
    h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${area}/utilisation${query}`,
      headers: h.as(org, roles, sub),
    });

  beforeAll(async () => {
    h = await createResourcingTestApp();
    area = (await areaIds(h))['vantaa-kerava'] ?? '';
    staff.ks = await createStaff(h, 'ea-kerava-sipoo', 'ks-1', 'Kari', [{ cooperationAreaId: area, fte: 1 }]);
    staff.v1 = await createStaff(h, 'ea-vantaa', 'v-1', 'Veera', [{ cooperationAreaId: area, fte: 1 }]);
    staff.h1 = await createStaff(h, 'hva-vantaa-kerava', 'h-1', 'Hanna', [
      { cooperationAreaId: area, fte: 1 },
    ]);
    staff.h2 = await createStaff(h, 'hva-vantaa-kerava', 'h-2', 'Heikki', [
      { cooperationAreaId: area, fte: 1 },
    ]);
    staff.k1 = await createStaff(h, 'kela', 'k-1', 'Kaisa', [{ cooperationAreaId: area, fte: 0.5 }]);
    // The HVA is responsible on 5 open cases (capacity 2 FTE × 2 = 4), Kerava–Sipoo on one.
    for (let i = 0; i < 5; i++) {
      await insertCase(h.database.db, {
        areaId: area,
        team: [
          {
            staffId: i % 2 ? staff.h1 : staff.h2,
            organisationCode: 'hva-vantaa-kerava',
            role: 'responsible',
          },
          { staffId: staff.v1, organisationCode: 'ea-vantaa', role: 'member' },
        ],
      });
    }
    await insertCase(h.database.db, {
      areaId: area,
      team: [{ staffId: staff.ks, organisationCode: 'ea-kerava-sipoo', role: 'responsible' }],
    });
    // Ended cases and removed members do not count.
    await insertCase(h.database.db, {
      areaId: area,
      status: 'ended',
      team: [{ staffId: staff.ks, organisationCode: 'ea-kerava-sipoo', role: 'responsible' }],
    });
    await insertCase(h.database.db, {
      areaId: area,
      team: [{ staffId: staff.k1, organisationCode: 'kela', role: 'responsible', removed: true }],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('writes no event while no agreement is in force', async () => {
    const crossings = await evaluateQuotaCrossings(h.database.db, area, h.clock.now());
    expect(crossings.every((c) => c.status === 'no_commitment' && c.eventType === null)).toBe(true);
    expect(await quotaEvents()).toEqual([]);
    const res = await get('hva-vantaa-kerava', ['coordinator']);
    expect(res.json()).toMatchObject({ agreement: null, targetSource: 'default', targetCaseloadPerFte: 40 });
  });

  it('reports per party and per person against the agreement, and crosses once', async () => {
    const group = await createVantaaKeravaGroup(h, area);
    await createAgreementInForce(h, group);
    // The last approval evaluated the area inside its transaction.
    expect(await quotaEvents()).toEqual([
      { type: 'staffing.below_commitment', org: 'ea-vantaa', previous: 'no_commitment' },
      { type: 'quota.exceeded', org: 'hva-vantaa-kerava', previous: 'no_commitment' },
    ]);
    const res = await get('ea-vantaa', ['caseworker'], 'v-1');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ on: '2026-03-19', targetCaseloadPerFte: 2, targetSource: 'agreement' });
    const party = (code: string) =>
      body.parties.find((p: { organisationCode: string }) => p.organisationCode === code);
    expect(party('hva-vantaa-kerava')).toMatchObject({
      committedFte: 2,
      allocatedFte: 2,
      capacity: 4,
      activeCases: 5,
      utilisationPercent: 125,
      status: 'over_capacity',
    });
    expect(party('ea-vantaa')).toMatchObject({
      committedFte: 2.5,
      allocatedFte: 1,
      activeCases: 0,
      status: 'below_commitment',
    });
    expect(party('ea-kerava-sipoo')).toMatchObject({
      committedFte: 1,
      allocatedFte: 1,
      capacity: 2,
      activeCases: 1,
      status: 'ok',
    });
    expect(party('kela')).toMatchObject({
      committedFte: 0.5,
      allocatedFte: 0.5,
      activeCases: 0,
      status: 'ok',
    });
    expect(party('ea-vantaa').people).toEqual([
      {
        staffId: staff.v1,
        displayName: 'Veera',
        fte: 1,
        caseload: 5,
        responsibleCases: 0,
        capacity: 2,
        utilisationPercent: 250,
      },
    ]);
    expect(party('hva-vantaa-kerava').people.map((p: { caseload: number }) => p.caseload)).toEqual([2, 3]);
    expect(body.totals).toMatchObject({ committedFte: 6, allocatedFte: 4.5, capacity: 12, activeCases: 6 });

    // Evaluating again changes nothing.
    await evaluateQuotaCrossings(h.database.db, area, h.clock.now());
    expect(await quotaEvents()).toHaveLength(2);
    // Before any case began, there was nothing to count.
    const past = await get('kela', ['admin'], 'x', '?on=2025-12-31');
    expect(past.json().parties.every((p: { activeCases: number }) => p.activeCases === 0)).toBe(true);
  });

  it('writes the back-to-ok event when an allocation change meets the commitment', async () => {
    const admin = h.as('ea-vantaa', ['admin']);
    const id = await createStaff(h, 'ea-vantaa', 'v-2', 'Ville', []);
    const put = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${id}/allocations`,
      headers: admin,
      payload: {
        allocations: [
          { cooperationAreaId: area, fte: 1, languages: ['sv'], competences: ['remote_services'] },
        ],
      },
    });
    expect(put.json().allocations[0]).toMatchObject({ languages: ['sv'], competences: ['remote_services'] });
    const put2 = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${staff.v1}/allocations`,
      headers: admin,
      payload: { allocations: [{ cooperationAreaId: area, fte: 0.5 }] },
    });
    expect(put2.statusCode).toBe(200);
    // 1.0 + 0.5 < 2.5 still; a third person brings it to 2.5.
    expect(await quotaEvents()).toHaveLength(2);
    await createStaff(h, 'ea-vantaa', 'v-3', 'Vilma', [{ cooperationAreaId: area, fte: 1 }]);
    expect((await quotaEvents()).at(-1)).toEqual({
      type: 'quota.restored',
      org: 'ea-vantaa',
      previous: 'below_commitment',
    });
  });

  it('writes one event when two evaluations race over the same crossing', async () => {
    for (let i = 0; i < 2; i++) {
      await insertCase(h.database.db, {
        areaId: area,
        team: [{ staffId: staff.ks, organisationCode: 'ea-kerava-sipoo', role: 'responsible' }],
      });
    }
    const before = (await quotaEvents()).length;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => evaluateQuotaCrossings(h.database.db, area, h.clock.now())),
    );
    const events = (await quotaEvents()).slice(before);
    expect(events).toEqual([{ type: 'quota.exceeded', org: 'ea-kerava-sipoo', previous: 'ok' }]);
    expect(results.flat().filter((c) => c.eventType === 'quota.exceeded')).toHaveLength(1);
  });

  it('hides the figures from those who may not read them', async () => {
    expect((await get('hva-lappi', ['admin'])).statusCode).toBe(404);
    expect((await get('ea-vantaa', ['caseworker'], 'not-staff')).statusCode).toBe(404);
    expect((await get('ea-vantaa', ['auditor'])).statusCode).toBe(404);
  });
});
