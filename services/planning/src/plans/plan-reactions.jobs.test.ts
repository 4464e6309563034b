import { type Database, events } from '@tym/db';
import type { EventRow } from '@tym/jobs';
import { createPlanningTestApp, type PlanningTestApp } from '@tym/planning/testing';
import { reactToCaseloadEvent } from '@tym/resourcing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reactToCaseEvent } from './plan-reactions.jobs.js';

/** Both services' reactions to an event, in the order the worker composes them. */
async function reactToEvent(db: Database, event: EventRow, now: Date): Promise<string[]> {
  return [...(await reactToCaseloadEvent(db, event, now)), ...(await reactToCaseEvent(db, event, now))];
}

describe('reactions to other services’ events', () => {
  let h: PlanningTestApp;
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw', extra);
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  let caseId = '';

  beforeAll(async () => {
    h = await createPlanningTestApp();
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    const eaId = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ({ caseId } = await h.openCase(hva(), [eaId]));
  });
  afterAll(async () => {
    await h.close();
  });

  it('brings the plan review forward when the client asks for a review (381/2023 §6), once', async () => {
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    const put = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': plan.headers.etag as string }),
      {
        mapping: { serviceNeed: 'Työkyvyn selvittäminen', situationSummary: 'Pitkään työttömänä.' },
        goals: ['Osa-aikatyö'],
        actions: [
          { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu' },
        ],
        followUp: 'Kuukausittain',
        workSearch: { obligation: 'applies' },
        clientReport: { dueOn: '2026-05-15', manner: 'Puhelimitse' },
        rehabilitativeWorkActivity: { agreed: false },
        kelaRehabilitationNeeded: false,
      },
    );
    expect(put.statusCode, put.body).toBe(200);
    const submitted = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': put.headers.etag as string }),
      {},
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    const revision = submitted.json().draft.revision as number;
    const approve = (who: Record<string, string>, payload: object) =>
      h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, who, { draftRevision: revision, ...payload });
    expect((await approve(hva(), { approver: 'client', method: 'signature' })).statusCode).toBe(201);
    expect((await approve(ea(), { approver: 'organisation' })).statusCode).toBe(201);
    const agreed = await approve(hva(), { approver: 'organisation' });
    // Agreed Thursday 2026-03-19; 3 months is Midsummer Eve 2026-06-19 → Monday 2026-06-22.
    expect(agreed.json().reviewDueOn).toBe('2026-06-22');

    h.clock.set('2026-04-20T09:00:00Z');
    const request = await h.inject('POST', `/v1/cases/${caseId}/review-requests`, ea(), { channel: 'phone' });
    expect(request.statusCode, request.body).toBe(201);
    const [event] = await h.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'case.review_requested'), eq(events.caseId, caseId)));
    if (!event) throw new Error('no case.review_requested event');

    expect(await reactToEvent(h.database.db, event, h.clock.now())).toContain('plan.review_moved');
    // 14 days (no agreement in force) from Monday 2026-04-20 is Monday 2026-05-04.
    expect((await h.inject('GET', `/v1/cases/${caseId}/plan`, ea())).json().reviewDueOn).toBe('2026-05-04');
    const moves = await h.count('platform.events', `type = 'deadline.moved' AND case_id = '${caseId}'`);
    await reactToEvent(h.database.db, event, h.clock.now());
    expect(await h.count('platform.events', `type = 'deadline.moved' AND case_id = '${caseId}'`)).toBe(moves);

    // The employment authority refuses the request as clearly unnecessary (§6(1)): the review
    // clock returns to 3 months from the agreement, once.
    h.clock.set('2026-04-22T09:00:00Z');
    const refused = await h.inject(
      'POST',
      `/v1/cases/${caseId}/review-requests/${request.json().id}/refusal`,
      ea(),
      { reasonCode: 'recently_reviewed', reason: 'Tarkistettu juuri.' },
    );
    expect(refused.statusCode, refused.body).toBe(201);
    const [refusal] = await h.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'case.review_request_refused'), eq(events.caseId, caseId)));
    if (!refusal) throw new Error('no case.review_request_refused event');
    expect(await reactToEvent(h.database.db, refusal, h.clock.now())).toContain('plan.review_restored');
    expect((await h.inject('GET', `/v1/cases/${caseId}/plan`, ea())).json().reviewDueOn).toBe('2026-06-22');
    const restored = await h.count('platform.events', `type = 'deadline.moved' AND case_id = '${caseId}'`);
    await reactToEvent(h.database.db, refusal, h.clock.now());
    expect(await h.count('platform.events', `type = 'deadline.moved' AND case_id = '${caseId}'`)).toBe(
      restored,
    );
  });

  it('re-evaluates the area’s soft quotas when a case’s team changes', async () => {
    const [event] = await h.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'case.assessment_started'), eq(events.caseId, caseId)));
    if (!event) throw new Error('no case.assessment_started event');
    expect(await reactToEvent(h.database.db, event, h.clock.now())).toEqual(['quota.evaluated']);
    // Without an agreement nothing is committed, so no crossing event; a second run adds none.
    const crossings = await h.count(
      'platform.events',
      `type IN ('quota.exceeded', 'staffing.below_commitment')`,
    );
    await reactToEvent(h.database.db, event, h.clock.now());
    expect(await h.count('platform.events', `type IN ('quota.exceeded', 'staffing.below_commitment')`)).toBe(
      crossings,
    );
  });

  it('moves planning’s rows to the new area when the case is transferred (380/2023 §17), once', async () => {
    h.clock.set('2026-04-27T09:00:00Z');
    const moved = await h.inject('POST', `/v1/cases/${caseId}/transfer`, ea(), {
      homeMunicipalityCode: '091',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const [event] = await h.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'case.transferred'), eq(events.caseId, caseId)));
    if (!event) throw new Error('no case.transferred event');
    expect(await reactToEvent(h.database.db, event, h.clock.now())).toEqual([
      'quota.evaluated',
      'planning.moved',
    ]);
    const helsinki = h.area('helsinki');
    expect(
      await h.count('planning.plans', `case_id = '${caseId}' AND cooperation_area_id = '${helsinki}'`),
    ).toBe(1);
    expect(
      await h.count('planning.plans', `case_id = '${caseId}' AND cooperation_area_id <> '${helsinki}'`),
    ).toBe(0);
    await reactToEvent(h.database.db, event, h.clock.now());
    expect(
      await h.count('planning.plans', `case_id = '${caseId}' AND cooperation_area_id = '${helsinki}'`),
    ).toBe(1);
  });
});
