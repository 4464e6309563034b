import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';

// Issue 15: getting a plan agreed took 9 requests from 3 people. The submitter's own
// approval (and the client's, given with them) now comes with the submission.
describe('POST /v1/cases/{caseId}/plan/draft/submit-and-approve', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  const hva = (extra: Record<string, string> = {}) =>
    h.as('hva-vantaa-kerava', ['caseworker'], 'sa-hva', extra);
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'sa-ea', extra);
  const kela = (extra: Record<string, string> = {}) => h.as('kela', ['caseworker'], 'sa-kela', extra);
  const draft = {
    mapping: { serviceNeed: 'Työ- ja toimintakyvyn selvittäminen', situationSummary: 'Pitkään työttömänä.' },
    goals: ['Työllistyminen osa-aikatyöhön'],
    actions: [
      {
        ownerOrganisationCode: 'ea-kerava-sipoo',
        type: 'employment',
        description: 'Työkokeilu',
        dueOn: '2026-05-29',
      },
      { ownerOrganisationCode: 'hva-vantaa-kerava', type: 'social', description: 'Sosiaaliohjaus' },
    ],
    followUp: 'Yhteistapaaminen kuukausittain',
    workSearch: { obligation: 'applies' },
    clientReport: { dueOn: '2026-05-15', manner: 'Puhelimitse omaohjaajalle' },
    rehabilitativeWorkActivity: { agreed: false },
    kelaRehabilitationNeeded: false,
  };

  async function caseWithDraft(): Promise<{ caseId: string; etag: string }> {
    const { caseId } = await h.openCase(hva(), [ids.ea ?? '', ids.kela ?? '']);
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    const put = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': plan.headers.etag as string }),
      draft,
    );
    expect(put.statusCode, put.body).toBe(200);
    return { caseId, etag: put.headers.etag as string };
  }

  beforeAll(async () => {
    h = await createPlanningTestApp();
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'sa-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'sa-ea',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.kela = await h.staff({
      org: 'kela',
      sub: 'sa-kela',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the employment authority submits, approves for itself and records the client’s approval in one request', async () => {
    const { caseId, etag } = await caseWithDraft();
    const res = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit-and-approve`,
      ea({ 'if-match': etag }),
      { clientApproval: { method: 'in_meeting' } },
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.draft.status).toBe('submitted');
    expect(body.draft.approvals.map((a: { approver: string }) => a.approver).sort()).toEqual([
      'client',
      'ea-kerava-sipoo',
    ]);
    expect(res.headers.etag).toBeDefined();
    // The HVA's approval is the last one: the plan is agreed.
    const last = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, hva(), {
      draftRevision: body.draft.revision,
      approver: 'organisation',
    });
    expect(last.statusCode, last.body).toBe(201);
    expect(last.json().currentVersion).toMatchObject({ version: 1 });
    expect(await h.count('platform.events', `case_id = '${caseId}' AND type = 'plan.agreed'`)).toBe(1);
  });

  it('a refused approval leaves the draft unsubmitted (Kela does not approve a plan without Kela services)', async () => {
    const { caseId, etag } = await caseWithDraft();
    const events = await h.count('platform.events', `case_id = '${caseId}'`);
    const res = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit-and-approve`,
      kela({ 'if-match': etag }),
      {},
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PLAN_APPROVAL_NOT_REQUIRED');
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(plan.json().draft.status).toBe('editing');
    expect(plan.json().draft.approvals).toEqual([]);
    expect(await h.count('platform.events', `case_id = '${caseId}'`)).toBe(events);
    // Without its own approval Kela may still just submit through this route.
    const submitOnly = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit-and-approve`,
      kela({ 'if-match': etag }),
      { approveForOrganisation: false },
    );
    expect(submitOnly.statusCode, submitOnly.body).toBe(200);
    expect(submitOnly.json().draft.approvals).toEqual([]);
  });

  it('keeps If-Match and visibility: 428 without it, 404 for another party’s stranger', async () => {
    const { caseId, etag } = await caseWithDraft();
    const none = await h.inject('POST', `/v1/cases/${caseId}/plan/draft/submit-and-approve`, ea(), {});
    expect(none.statusCode).toBe(428);
    const stranger = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit-and-approve`,
      h.as('hva-lappi', ['caseworker'], 'x', { 'if-match': etag }),
      {},
    );
    expect(stranger.statusCode).toBe(404);
    const bad = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit-and-approve`,
      ea({ 'if-match': etag }),
      {
        clientApproval: { method: 'telepathy' },
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].location).toBe('body.clientApproval.method');
  });
});
