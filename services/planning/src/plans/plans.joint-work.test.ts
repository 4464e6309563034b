import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';

/**
 * Joint work the law requires (381/2023 §4, §6): Kela approves a plan holding Kela's actions,
 * the employment authority records the reviews, and the plan shows who took part in the
 * joint assessment and the planning.
 */
describe('plans: joint work the law requires', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  const hva = (extra: Record<string, string> = {}) =>
    h.as('hva-vantaa-kerava', ['caseworker'], 'jw-hva', extra);
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'jw-ea', extra);
  const kela = (extra: Record<string, string> = {}) => h.as('kela', ['caseworker'], 'jw-kela', extra);

  const complete = (kelaAction: boolean) => ({
    mapping: { serviceNeed: 'a', situationSummary: 'b' },
    goals: ['g'],
    actions: [
      { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu' },
      ...(kelaAction
        ? [{ ownerOrganisationCode: 'kela', type: 'rehabilitation', description: 'Ammatillinen kuntoutus' }]
        : []),
    ],
    followUp: 'f',
    workSearch: { obligation: 'applies' },
    clientReport: { dueOn: '2026-05-15', manner: 'm' },
    kelaRehabilitationNeeded: false,
  });

  /** A case with a submitted draft; returns the case id and the draft revision. */
  async function submitted(kelaAction: boolean): Promise<{ caseId: string; revision: number }> {
    const { caseId } = await h.openCase(hva(), [ids.ea ?? '', ids.kela ?? '']);
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    const etag = (plan.headers.etag as string | undefined) ?? '"r0"';
    const put = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': etag }),
      complete(kelaAction),
    );
    expect(put.statusCode, put.body).toBe(200);
    const sub = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': put.headers.etag as string }),
      {},
    );
    expect(sub.statusCode, sub.body).toBe(200);
    return { caseId, revision: sub.json().draft.revision as number };
  }

  beforeAll(async () => {
    h = await createPlanningTestApp();
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'jw-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'jw-ea',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.kela = await h.staff({
      org: 'kela',
      sub: 'jw-kela',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('asks Kela’s approval when the plan holds a Kela action, though the flag is false (§4(2))', async () => {
    const withKela = await submitted(true);
    const view = await h.inject('GET', `/v1/cases/${withKela.caseId}/plan`, ea());
    expect(view.json().draft.requiredApprovals.map((r: { approver: string }) => r.approver)).toEqual([
      'client',
      'ea-kerava-sipoo',
      'hva-vantaa-kerava',
      'kela',
    ]);
    const kelaApproval = await h.inject('POST', `/v1/cases/${withKela.caseId}/plan/approvals`, kela(), {
      draftRevision: withKela.revision,
      approver: 'organisation',
    });
    expect(kelaApproval.statusCode, kelaApproval.body).toBe(201);

    const without = await submitted(false);
    const plain = await h.inject('GET', `/v1/cases/${without.caseId}/plan`, ea());
    expect(plain.json().draft.requiredApprovals.map((r: { approver: string }) => r.approver)).toEqual([
      'client',
      'ea-kerava-sipoo',
      'hva-vantaa-kerava',
    ]);
  }, 120_000);

  it('lets only the client’s employment authority record a review (§6)', async () => {
    const { caseId, revision } = await submitted(false);
    const approve = (who: Record<string, string>, payload: object) =>
      h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, who, { draftRevision: revision, ...payload });
    expect((await approve(hva(), { approver: 'client', method: 'signature' })).statusCode).toBe(201);
    expect((await approve(ea(), { approver: 'organisation' })).statusCode).toBe(201);
    expect((await approve(hva(), { approver: 'organisation' })).statusCode).toBe(201);

    for (const who of [hva(), kela()]) {
      const refused = await h.inject('POST', `/v1/cases/${caseId}/plan/reviews`, who, {
        outcome: 'unchanged',
      });
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'PLAN_REVIEW_NOT_EMPLOYMENT_AUTHORITY' });
    }
    expect(await h.count('planning.plan_reviews')).toBe(0);
    const byEa = await h.inject('POST', `/v1/cases/${caseId}/plan/reviews`, ea(), { outcome: 'unchanged' });
    expect(byEa.statusCode, byEa.body).toBe(201);
  }, 120_000);

  it('shows who took part in the joint assessment and the planning (§4), from the meetings held', async () => {
    const { caseId } = await h.openCase(hva(), [ids.ea ?? '', ids.kela ?? '']);
    const before = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(before.json().participation).toEqual({
      assessment: {
        meetingIds: [],
        clientTookPart: false,
        organisationCodes: [],
        missingParties: ['employment_authority', 'wellbeing_county', 'kela'],
      },
      planning: {
        meetingIds: [],
        clientTookPart: false,
        organisationCodes: [],
        missingParties: ['employment_authority', 'wellbeing_county'],
      },
    });
    const scheduled = await h.inject('POST', `/v1/cases/${caseId}/meetings`, hva(), {
      kind: 'assessment',
      start: '2026-03-20T10:00',
      durationMinutes: 60,
      mode: 'remote',
      onlineUrl: 'https://meet.example.fi/tym-jw',
      participants: {
        staff: [{ staffId: ids.ea }, { staffId: ids.kela }],
        client: { displayName: 'Maija Meikäläinen' },
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const meeting = scheduled.json();
    h.clock.set('2026-03-20T09:00:00Z');
    // Kela was invited but did not attend.
    const held = await h.inject('POST', `/v1/meetings/${meeting.id}/held`, hva(), {
      attendance: meeting.participants.map((p: { id: string; organisationCode: string | null }) => ({
        participantId: p.id,
        attended: p.organisationCode !== 'kela',
      })),
    });
    expect(held.statusCode, held.body).toBe(200);
    const after = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(after.json().participation.assessment).toEqual({
      meetingIds: [meeting.id],
      clientTookPart: true,
      organisationCodes: ['ea-kerava-sipoo', 'hva-vantaa-kerava'],
      missingParties: ['kela'],
    });
  }, 120_000);
});
