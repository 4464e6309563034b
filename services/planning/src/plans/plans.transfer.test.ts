import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';
import { applyReviewRequest } from './plans.service.js';

/**
 * The plan moves with the case (380/2023 §17): planning decides who sees a plan by the case's
 * routing (referrals' `findCase` and `clientPartyCodes`), so after a transfer the new parties
 * see the agreed plan, its versions and its review date, and the old ones get 404.
 */
describe('planning after a transfer of the case', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  const hva = (extra: Record<string, string> = {}) =>
    h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw', extra);
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw', extra);
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hki = () => h.as('helsinki', ['coordinator'], 'hki-coord');

  beforeAll(async () => {
    h = await createPlanningTestApp();
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.kela = await h.staff({
      org: 'kela',
      sub: 'kela-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.hki = await h.staff({
      org: 'helsinki',
      sub: 'hki-coord',
      roles: ['coordinator'],
      areas: ['helsinki'],
    });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('shows the agreed plan to the new parties only, with its clocks and the new area', async () => {
    const { caseId } = await h.openCase(hva(), [ids.ea ?? '', ids.kela ?? '']);
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(plan.statusCode).toBe(200);
    const put = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': plan.headers.etag as string }),
      {
        mapping: { serviceNeed: 'Työkyvyn selvittäminen', situationSummary: 'Pitkään työttömänä.' },
        goals: ['Työllistyminen'],
        actions: [
          { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu' },
        ],
        followUp: 'Yhteistapaaminen kuukausittain',
        workSearch: { obligation: 'applies' },
        clientReport: { dueOn: '2026-05-15', manner: 'Puhelimitse' },
        rehabilitativeWorkActivity: { agreed: false },
        kelaRehabilitationNeeded: false,
      },
    );
    expect(put.statusCode).toBe(200);
    const submitted = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': put.headers.etag as string }),
      {},
    );
    expect(submitted.statusCode).toBe(200);
    const revision = submitted.json().draft.revision as number;
    h.clock.set('2026-04-02T09:00:00Z');
    const approve = (who: Record<string, string>, payload: object) =>
      h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, who, { draftRevision: revision, ...payload });
    expect((await approve(hva(), { approver: 'client', method: 'signature' })).statusCode).toBe(201);
    expect((await approve(ea(), { approver: 'organisation' })).statusCode).toBe(201);
    const agreed = await approve(hva(), { approver: 'organisation' });
    expect(agreed.statusCode).toBe(201);
    expect(agreed.json().reviewDueOn).toBe('2026-07-02');

    // The client moves from Kerava to Helsinki.
    h.clock.set('2026-04-20T09:00:00Z');
    const moved = await h.inject('POST', `/v1/cases/${caseId}/transfer`, ea(), {
      homeMunicipalityCode: '091',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().transferred).toBe(true);

    for (const old of [ea(), hva()]) {
      const res = await h.inject('GET', `/v1/cases/${caseId}/plan`, old);
      expect(res.statusCode).toBe(404);
      expect((await h.inject('GET', `/v1/cases/${caseId}/plan/versions`, old)).statusCode).toBe(404);
    }
    for (const now of [hki(), kela()]) {
      const res = await h.inject('GET', `/v1/cases/${caseId}/plan`, now);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        currentVersion: { version: 1, agreedOn: '2026-04-02' },
        reviewDueOn: '2026-07-02',
      });
    }
    const versions = await h.inject('GET', `/v1/cases/${caseId}/plan/versions`, hki());
    expect(versions.statusCode).toBe(200);
    expect(versions.json().items).toHaveLength(1);

    // A review request after the move sets the review clock in the new area, for the new parties.
    const request = await h.inject('POST', `/v1/cases/${caseId}/review-requests`, hki(), {
      channel: 'phone',
    });
    expect(request.statusCode).toBe(201);
    const forward = await h.database.db.transaction((tx) =>
      applyReviewRequest(tx, { caseId, requestedOn: '2026-04-20', actor: null, now: h.clock.now() }),
    );
    expect(forward).toBe('2026-05-04');
    const review = await h.database.pool.query(
      `SELECT cooperation_area_id, organisation_codes FROM platform.deadlines
        WHERE case_id = $1 AND kind = 'plan.review' AND status = 'pending'`,
      [caseId],
    );
    expect(review.rows).toEqual([
      { cooperation_area_id: h.area('helsinki'), organisation_codes: ['helsinki', 'kela'] },
    ]);
  });
});
