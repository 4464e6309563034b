import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReviewRequest } from './plans/plans.service.js';
import { createPlanningTestApp, type PlanningTestApp } from './testing/test-app.js';

/**
 * The whole path through the API: a case from an assessment meeting to an agreed plan to a
 * review, with the invitation parsed back by an independent iCalendar parser (ical.js).
 */
describe('planning: assessment meeting → agreed plan → review', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  const hva = (extra: Record<string, string> = {}) =>
    h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw', extra);
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw', extra);
  const kela = (extra: Record<string, string> = {}) => h.as('kela', ['caseworker'], 'kela-cw', extra);

  beforeAll(async () => {
    h = await createPlanningTestApp();
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
      email: 'hva.cw@example.fi',
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
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs the whole path', async () => {
    const { caseId } = await h.openCase(hva(), [ids.ea ?? '', ids.kela ?? '']);

    // 1. The assessment meeting, remote, with the client and an interpreter.
    const scheduled = await h.inject('POST', `/v1/cases/${caseId}/meetings`, hva(), {
      kind: 'assessment',
      start: '2026-03-26T10:00',
      durationMinutes: 90,
      mode: 'remote',
      onlineUrl: 'https://meet.example.fi/tym-1',
      agenda: [{ title: 'Tilanne' }, { title: 'Palvelutarve' }],
      participants: {
        staff: [{ staffId: ids.ea }, { staffId: ids.kela }],
        client: { displayName: 'Maija Meikäläinen', email: 'maija@example.fi' },
        guests: [{ role: 'interpreter', displayName: 'Tulkki', email: 'tulkki@example.fi', language: 'ar' }],
      },
    });
    expect(scheduled.statusCode).toBe(201);
    const meeting = scheduled.json();
    expect(meeting).toMatchObject({
      status: 'scheduled',
      timeZone: 'Europe/Helsinki',
      start: '2026-03-26T10:00',
      startsAt: '2026-03-26T08:00:00.000Z',
      endsAt: '2026-03-26T09:30:00.000Z',
      sequence: 0,
    });
    expect(meeting.participants).toHaveLength(5);

    // 2. Rescheduled across the DST change (29 March): SEQUENCE 1, +03:00.
    const moved = await h.inject('POST', `/v1/meetings/${meeting.id}/reschedule`, hva(), {
      start: '2026-03-30T09:00',
      durationMinutes: 60,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ sequence: 1, startsAt: '2026-03-30T06:00:00.000Z' });

    // The invitation, in Swedish, parsed back by ical.js.
    const ics = await h.inject('GET', `/v1/meetings/${meeting.id}/invitation.ics?lang=sv`, ea());
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(ics.body));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Helsinki');
    const vevent = cal.getFirstSubcomponent('vevent');
    if (!vevent || !tz) throw new Error('no VEVENT or VTIMEZONE');
    ICAL.TimezoneService.register(tz);
    const event = new ICAL.Event(vevent);
    expect(event.sequence).toBe(1);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Helsinki');
    expect(event.startDate.zone?.tzid).toBe('Europe/Helsinki');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(String(event.summary)).toContain('TYM gemensamt möte');
    const attendees = event.attendees.map((a) => String(a.getFirstValue()).toLowerCase());
    expect(attendees).toHaveLength(5);
    expect(attendees).toEqual(
      expect.arrayContaining([
        'mailto:hva.cw@example.fi',
        'mailto:maija@example.fi',
        'mailto:tulkki@example.fi',
      ]),
    );
    expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:hva.cw@example.fi');
    // No identity code (uuids removed first: a random uuid can hold a code-shaped run).
    expect(ics.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '')).not.toMatch(
      /\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/,
    );
    expect(ics.body).not.toContain('Palvelutarve'); // no agenda free text

    // The client accepts (recorded by staff); Kela answers for itself.
    const clientP = meeting.participants.find((p: { kind: string }) => p.kind === 'client');
    const kelaP = meeting.participants.find((p: { staffId: string }) => p.staffId === ids.kela);
    expect(
      (
        await h.inject('POST', `/v1/meetings/${meeting.id}/responses`, hva(), {
          participantId: clientP.id,
          response: 'accepted',
        })
      ).statusCode,
    ).toBe(200);
    const notYours = await h.inject('POST', `/v1/meetings/${meeting.id}/responses`, hva(), {
      participantId: kelaP.id,
      response: 'declined',
    });
    expect(notYours.statusCode).toBe(403);
    expect(notYours.json().code).toBe('MEETING_RESPONSE_NOT_ALLOWED');
    expect(
      (
        await h.inject('POST', `/v1/meetings/${meeting.id}/responses`, kela(), {
          participantId: kelaP.id,
          response: 'tentative',
        })
      ).statusCode,
    ).toBe(200);

    // My calendar.
    const calendar = await h.inject('GET', '/v1/meetings?from=2026-03-19&to=2026-04-30', kela());
    expect(calendar.statusCode).toBe(200);
    expect(calendar.json().items).toEqual([
      expect.objectContaining({ id: meeting.id, myResponse: 'tentative', sequence: 1 }),
    ]);

    // 3. Held, minutes with a decision that becomes a plan action, closed.
    h.clock.set('2026-03-30T08:00:00Z');
    const held = await h.inject('POST', `/v1/meetings/${meeting.id}/held`, hva(), {
      attendance: meeting.participants.map((p: { id: string }) => ({ participantId: p.id, attended: true })),
    });
    expect(held.statusCode).toBe(200);
    const minutes = await h.inject('PUT', `/v1/meetings/${meeting.id}/minutes`, hva(), {
      items: [
        {
          agendaItemId: meeting.agenda[1].id,
          minutes: 'Keskusteltiin palveluista.',
          decisions: [
            {
              text: 'Työkokeilu',
              action: { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', dueOn: '2026-05-29' },
            },
            { text: 'Seuraava tapaaminen sovitaan myöhemmin' },
          ],
        },
      ],
    });
    expect(minutes.statusCode).toBe(200);
    const closed = await h.inject('POST', `/v1/meetings/${meeting.id}/close`, hva(), {});
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const actionId = closed.json().agenda[1].decisions[0].planActionId as string;
    expect(actionId).toMatch(/^[0-9a-f-]{36}$/);
    const readOnly = await h.inject('PUT', `/v1/meetings/${meeting.id}/minutes`, hva(), { items: [] });
    expect(readOnly.statusCode).toBe(409);
    expect(readOnly.json().code).toBe('MEETING_CLOSED');

    // 4. The draft: the decision is there; completed with If-Match.
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(plan.statusCode).toBe(200);
    expect(plan.json().draft.contents.actions).toEqual([
      expect.objectContaining({ id: actionId, ownerOrganisationCode: 'ea-kerava-sipoo', status: 'planned' }),
    ]);
    const etag = plan.headers.etag as string;
    const body = {
      mapping: {
        serviceNeed: 'Työ- ja toimintakyvyn selvittäminen',
        situationSummary: 'Pitkään työttömänä.',
      },
      goals: ['Työllistyminen osa-aikatyöhön'],
      actions: [
        {
          id: actionId,
          ownerOrganisationCode: 'ea-kerava-sipoo',
          type: 'employment',
          description: 'Työkokeilu',
          dueOn: '2026-05-29',
        },
        {
          ownerOrganisationCode: 'hva-vantaa-kerava',
          type: 'social',
          description: 'Sosiaaliohjaus',
          responsiblePerson: 'Sosiaaliohjaaja',
        },
      ],
      followUp: 'Yhteistapaaminen kuukausittain',
      workSearch: { obligation: 'applies' },
      clientReport: { dueOn: '2026-05-15', manner: 'Puhelimitse omaohjaajalle' },
      rehabilitativeWorkActivity: { agreed: false },
      kelaRehabilitationNeeded: false,
    };
    const noIfMatch = await h.inject('PUT', `/v1/cases/${caseId}/plan/draft`, ea(), body);
    expect(noIfMatch.statusCode).toBe(428);
    const put = await h.inject('PUT', `/v1/cases/${caseId}/plan/draft`, ea({ 'if-match': etag }), body);
    expect(put.statusCode).toBe(200);
    const etag2 = put.headers.etag as string;
    expect(etag2).not.toBe(etag);
    const stale = await h.inject('PUT', `/v1/cases/${caseId}/plan/draft`, ea({ 'if-match': etag }), body);
    expect(stale.statusCode).toBe(412);

    // 5. Submit; Kela's approval is not required (no Kela rehabilitation, 381/2023 §4(2)).
    const submitted = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': etag2 }),
      {},
    );
    expect(submitted.statusCode).toBe(200);
    const revision = submitted.json().draft.revision as number;
    expect(submitted.json().draft.requiredApprovals.map((r: { approver: string }) => r.approver)).toEqual([
      'client',
      'ea-kerava-sipoo',
      'hva-vantaa-kerava',
    ]);
    const kelaApproval = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, kela(), {
      draftRevision: revision,
      approver: 'organisation',
    });
    expect(kelaApproval.statusCode).toBe(422);
    expect(kelaApproval.json().code).toBe('PLAN_APPROVAL_NOT_REQUIRED');

    h.clock.set('2026-04-02T09:00:00Z');
    const approve = (who: Record<string, string>, payload: object) =>
      h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, who, { draftRevision: revision, ...payload });
    expect((await approve(hva(), { approver: 'client', method: 'signature' })).statusCode).toBe(201);
    expect((await approve(ea(), { approver: 'organisation' })).statusCode).toBe(201);
    const last = await approve(hva(), { approver: 'organisation' });
    expect(last.statusCode).toBe(201);
    const agreed = last.json();
    expect(agreed.draft).toBeNull();
    expect(agreed.currentVersion).toMatchObject({ version: 1, agreedOn: '2026-04-02', basis: 'initial' });
    // 3 months after 2 April 2026 is Thursday 2 July 2026 (150/1930).
    expect(agreed.reviewDueOn).toBe('2026-07-02');
    expect(agreed.clientReportDueOn).toBe('2026-05-15');

    const kase = await h.inject('GET', `/v1/cases/${caseId}`, ea());
    expect(kase.json().status).toBe('active');
    expect(
      await h.count('platform.deadlines', `case_id = '${caseId}' AND kind = 'plan.due' AND status = 'met'`),
    ).toBe(1);
    expect(
      await h.count(
        'platform.deadlines',
        `case_id = '${caseId}' AND kind = 'plan.action' AND status = 'pending'`,
      ),
    ).toBe(1);
    expect(
      await h.count(
        'platform.deadlines',
        `case_id = '${caseId}' AND kind = 'plan.client_report' AND status = 'pending'`,
      ),
    ).toBe(1);

    // 6. Only the owner updates an action's status.
    const notOwner = await h.inject('PUT', `/v1/cases/${caseId}/plan/actions/${actionId}/status`, hva(), {
      status: 'done',
    });
    expect(notOwner.statusCode).toBe(403);
    expect(notOwner.json().code).toBe('PLAN_ACTION_NOT_OWNER');
    const done = await h.inject('PUT', `/v1/cases/${caseId}/plan/actions/${actionId}/status`, ea(), {
      status: 'done',
    });
    expect(done.statusCode).toBe(200);
    expect(
      await h.count(
        'platform.deadlines',
        `subject_id = '${actionId}' AND kind = 'plan.action' AND status = 'met'`,
      ),
    ).toBe(1);

    // 7. The client asks for a review (referrals records it); the review deadline comes forward.
    h.clock.set('2026-04-20T09:00:00Z');
    const request = await h.inject('POST', `/v1/cases/${caseId}/review-requests`, ea(), { channel: 'phone' });
    expect(request.statusCode).toBe(201);
    const forward = await h.database.db.transaction((tx) =>
      applyReviewRequest(tx, { caseId, requestedOn: '2026-04-20', actor: null, now: h.clock.now() }),
    );
    expect(forward).toBe('2026-05-04');
    expect((await h.inject('GET', `/v1/cases/${caseId}/plan`, ea())).json().reviewDueOn).toBe('2026-05-04');

    // 8. Review: revised → a new draft → version 2; Kela joins for rehabilitation.
    h.clock.set('2026-04-28T09:00:00Z');
    const review = await h.inject('POST', `/v1/cases/${caseId}/plan/reviews`, ea(), { outcome: 'revised' });
    expect(review.statusCode).toBe(201);
    expect(review.json()).toMatchObject({ outcome: 'revised', version: 1, nextReviewDueOn: '2026-07-28' });
    expect(
      await h.count(
        'platform.deadlines',
        `case_id = '${caseId}' AND kind = 'plan.review_requested' AND status = 'met'`,
      ),
    ).toBe(1);
    const draft2 = review.json().plan.draft;
    const revised = {
      ...body,
      actions: [
        ...body.actions.slice(0, 1),
        {
          ownerOrganisationCode: 'kela',
          type: 'rehabilitation',
          description: 'Ammatillinen kuntoutus',
          dueOn: '2026-06-30',
        },
      ],
      kelaRehabilitationNeeded: true,
    };
    const put2 = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': `"r${draft2.revision}"` }),
      revised,
    );
    expect(put2.statusCode).toBe(200);
    const sub2 = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': put2.headers.etag as string }),
      {},
    );
    const rev2 = sub2.json().draft.revision as number;
    expect(sub2.json().draft.requiredApprovals.map((r: { approver: string }) => r.approver)).toContain(
      'kela',
    );
    for (const [who, payload] of [
      [hva(), { approver: 'client', method: 'in_meeting' }],
      [ea(), { approver: 'organisation' }],
      [hva(), { approver: 'organisation' }],
    ] as const) {
      expect(
        (
          await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, who, {
            draftRevision: rev2,
            ...payload,
          })
        ).statusCode,
      ).toBe(201);
    }
    const final = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, kela(), {
      draftRevision: rev2,
      approver: 'organisation',
    });
    expect(final.statusCode).toBe(201);
    expect(final.json().currentVersion).toMatchObject({ version: 2, basis: 'revision' });
    expect(final.json().reviewDueOn).toBe('2026-07-28');

    // 9. Versions and the diff per organisation.
    const versions = await h.inject('GET', `/v1/cases/${caseId}/plan/versions`, ea());
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v1 = await h.inject('GET', `/v1/cases/${caseId}/plan/versions/1`, ea());
    expect(v1.json()).toMatchObject({ version: 1, current: false });
    expect(
      v1
        .json()
        .approvals.map((a: { approver: string }) => a.approver)
        .sort(),
    ).toEqual(['client', 'ea-kerava-sipoo', 'hva-vantaa-kerava']);
    const diff = await h.inject('GET', `/v1/cases/${caseId}/plan/diff?from=1&to=2`, ea());
    expect(diff.statusCode).toBe(200);
    const byOrg = Object.fromEntries(
      diff.json().organisations.map((o: { organisationCode: string }) => [o.organisationCode, o]),
    );
    expect(diff.json().commonSections).toEqual(['kelaRehabilitationNeeded']);
    expect(byOrg.kela).toMatchObject({
      changed: true,
      participationChanged: true,
      actionsAdded: [expect.any(String)],
    });
    expect(byOrg['hva-vantaa-kerava']).toMatchObject({ changed: true, actionsRemoved: [expect.any(String)] });
    expect(byOrg['ea-kerava-sipoo']).toMatchObject({ changed: false });
    // Vantaa shares the cooperation area but is not one of the client's parties (issue 10, item 1).
    expect(byOrg['ea-vantaa']).toBeUndefined();

    // 10. An unchanged review restarts the clock from the review day.
    h.clock.set('2026-05-04T09:00:00Z');
    const unchanged = await h.inject('POST', `/v1/cases/${caseId}/plan/reviews`, ea(), {
      outcome: 'unchanged',
    });
    expect(unchanged.statusCode).toBe(201);
    expect(unchanged.json().plan.reviewDueOn).toBe('2026-08-04');
    expect(unchanged.json().plan.draft).toBeNull();

    // Events, exactly the planning ones.
    const events = await h.database.db.execute<{ type: string }>(
      `SELECT type FROM platform.events WHERE case_id = '${caseId}' AND (type LIKE 'meeting.%' OR type LIKE 'plan.%') ORDER BY case_sequence` as never,
    );
    expect(events.rows.map((e) => e.type)).toEqual([
      'meeting.scheduled',
      'meeting.rescheduled',
      'meeting.closed',
      'plan.submitted',
      'plan.agreed',
      'plan.action_updated',
      'plan.reviewed',
      'plan.submitted',
      'plan.agreed',
      'plan.reviewed',
    ]);
    // Every read and write of the plan is in the access log.
    expect(
      await h.count('referrals.access_log', `resource_id = '${caseId}' AND action LIKE 'plan.%'`),
    ).toBeGreaterThan(10);
    expect(
      await h.count('referrals.access_log', `resource_id = '${caseId}' AND action LIKE 'meeting.%'`),
    ).toBeGreaterThan(5);
  });
});
