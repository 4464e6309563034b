import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from './testing/test-app.js';

/**
 * Bad input: each a specific problem+json code with the field's location and a title in
 * fi/sv/en, and nothing half-written (the row counts do not move).
 */
describe('planning: bad input', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  let caseId = '';
  const hva = (extra: Record<string, string> = {}) =>
    h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw', extra);
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw', extra);
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const meeting = (over: Record<string, unknown> = {}) => ({
    kind: 'planning',
    start: '2026-03-26T10:00',
    durationMinutes: 60,
    mode: 'in_person',
    address: 'Kauppakaari 11, Kerava',
    agenda: [{ title: 'Suunnitelma' }],
    participants: { staff: [{ staffId: ids.ea }], guests: [] },
    ...over,
  });
  const snapshot = async () => ({
    meetings: await h.count('planning.meetings'),
    participants: await h.count('planning.meeting_participants'),
    agenda: await h.count('planning.meeting_agenda_items'),
    plans: await h.count('planning.plans'),
    approvals: await h.count('planning.plan_approvals', 'withdrawn_at IS NULL'),
    events: await h.count('platform.events'),
    deadlines: await h.count('platform.deadlines'),
  });

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
    ids.pirkka = await h.staff({
      org: 'hva-pirkanmaa',
      sub: 'pirkka',
      roles: ['caseworker'],
      areas: ['pirkanmaa'],
    });
    caseId = (await h.openCase(hva(), [ids.ea ?? '', ids.kela ?? ''])).caseId;
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['a meeting in the past', { start: '2026-03-18T10:00' }, 'MEETING_IN_PAST', 'body.start'],
    ['a zero duration', { durationMinutes: 0 }, 'MEETING_DURATION_INVALID', 'body.durationMinutes'],
    ['a negative duration', { durationMinutes: -30 }, 'MEETING_DURATION_INVALID', 'body.durationMinutes'],
    [
      'an end before the start',
      { durationMinutes: undefined, end: '2026-03-26T09:00' },
      'MEETING_END_BEFORE_START',
      'body.end',
    ],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'MEETING_TIME_ZONE_UNKNOWN', 'body.timeZone'],
    ['a start that is no date', { start: '2026-02-30T10:00' }, 'MEETING_START_INVALID', 'body.start'],
    ['in person without an address', { address: undefined }, 'MEETING_PLACE_REQUIRED', 'body.address'],
    [
      'remote without a link',
      { mode: 'remote', address: undefined },
      'MEETING_PLACE_REQUIRED',
      'body.onlineUrl',
    ],
  ])('refuses %s', async (_name, over, code, location) => {
    const before = await snapshot();
    const res = await h.inject('POST', `/v1/cases/${caseId}/meetings`, hva(), meeting(over));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code, errors: [expect.objectContaining({ location })] });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a participant from an organisation that is not a party, in fi, sv and en', async () => {
    const before = await snapshot();
    const body = meeting({
      participants: { staff: [{ staffId: ids.ea }, { staffId: ids.pirkka }], guests: [] },
    });
    const titles: string[] = [];
    for (const lang of ['fi', 'sv', 'en']) {
      const res = await h.inject(
        'POST',
        `/v1/cases/${caseId}/meetings`,
        hva({ 'accept-language': lang }),
        body,
      );
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'MEETING_PARTICIPANT_NOT_A_PARTY',
        errors: [{ location: 'body.participants.staff[1].staffId' }],
      });
      titles.push(res.json().title);
    }
    expect(new Set(titles).size).toBe(3);
    expect(await snapshot()).toEqual(before);
  });

  it('answers a staff clash with 409 MEETING_CONFLICT naming it, unless allowed', async () => {
    const first = await h.inject(
      'POST',
      `/v1/cases/${caseId}/meetings`,
      hva(),
      meeting({ start: '2026-04-01T10:00' }),
    );
    expect(first.statusCode).toBe(201);
    const before = await snapshot();
    const clash = await h.inject(
      'POST',
      `/v1/cases/${caseId}/meetings`,
      kela(),
      meeting({ start: '2026-04-01T10:30', participants: { staff: [{ staffId: ids.ea }], guests: [] } }),
    );
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('MEETING_CONFLICT');
    expect(clash.json().detail).toContain('Staff ea-cw (ea-kerava-sipoo)');
    expect(clash.json().conflicts).toEqual([
      { staffId: ids.ea, startsAt: '2026-04-01T07:00:00.000Z', endsAt: '2026-04-01T08:00:00.000Z' },
    ]);
    expect(await snapshot()).toEqual(before);
    const allowed = await h.inject(
      'POST',
      `/v1/cases/${caseId}/meetings`,
      kela(),
      meeting({
        start: '2026-04-01T10:30',
        allowConflicts: true,
        participants: { staff: [{ staffId: ids.ea }], guests: [] },
      }),
    );
    expect(allowed.statusCode).toBe(201);
    // Back to back is no clash.
    const next = await h.inject(
      'POST',
      `/v1/cases/${caseId}/meetings`,
      hva(),
      meeting({ start: '2026-04-01T11:30' }),
    );
    expect(next.statusCode).toBe(201);
    // A cancelled meeting blocks nobody; its invitation becomes METHOD:CANCEL with a higher SEQUENCE.
    const cancelled = await h.inject('POST', `/v1/meetings/${first.json().id}/cancel`, hva(), {
      reasonCode: 'not_needed',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 1 });
    const ics = await h.inject(
      'GET',
      `/v1/meetings/${first.json().id}/invitation.ics`,
      hva({ 'accept-language': 'en' }),
    );
    expect(ics.body).toContain('METHOD:CANCEL');
    expect(ics.body).toContain('STATUS:CANCELLED');
    expect(ics.body).toContain('SEQUENCE:1');
    const again = await h.inject('POST', `/v1/meetings/${first.json().id}/reschedule`, hva(), {
      start: '2026-04-02T10:00',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MEETING_NOT_SCHEDULED');
  });

  it('refuses minutes before the meeting is held and holding before it starts', async () => {
    const m = await h.inject(
      'POST',
      `/v1/cases/${caseId}/meetings`,
      hva(),
      meeting({ start: '2026-04-03T10:00' }),
    );
    const early = await h.inject('POST', `/v1/meetings/${m.json().id}/held`, hva(), { attendance: [] });
    expect(early.json().code).toBe('MEETING_NOT_STARTED');
    const minutes = await h.inject('PUT', `/v1/meetings/${m.json().id}/minutes`, hva(), { items: [] });
    expect(minutes.json().code).toBe('MEETING_NOT_HELD');
  });

  it('refuses a review of a case without an agreed plan', async () => {
    const before = await snapshot();
    const res = await h.inject('POST', `/v1/cases/${caseId}/plan/reviews`, ea(), { outcome: 'unchanged' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PLAN_NOT_AGREED');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses plan actions owned by a non-party, incomplete submissions, unneeded and stale approvals', async () => {
    const etag = (await h.inject('GET', `/v1/cases/${caseId}/plan`, ea())).headers.etag as string;
    const before = await snapshot();
    const badOwner = await h.inject('PUT', `/v1/cases/${caseId}/plan/draft`, ea({ 'if-match': etag }), {
      actions: [{ ownerOrganisationCode: 'hva-pirkanmaa', type: 'social', description: 'x' }],
    });
    expect(badOwner.statusCode).toBe(422);
    expect(badOwner.json()).toMatchObject({
      code: 'PLAN_ACTION_OWNER_NOT_A_PARTY',
      errors: [{ location: 'body.actions[0].ownerOrganisationCode' }],
    });
    const unknownAction = await h.inject('PUT', `/v1/cases/${caseId}/plan/draft`, ea({ 'if-match': etag }), {
      actions: [
        {
          id: '00000000-0000-4000-8000-000000000000',
          ownerOrganisationCode: 'kela',
          type: 'social',
          description: 'x',
        },
      ],
    });
    expect(unknownAction.json()).toMatchObject({
      code: 'PLAN_ACTION_UNKNOWN',
      errors: [{ location: 'body.actions[0].id' }],
    });
    expect({ ...(await snapshot()), plans: before.plans }).toEqual(before);

    const partial = await h.inject('PUT', `/v1/cases/${caseId}/plan/draft`, ea({ 'if-match': etag }), {
      goals: ['Työ'],
      actions: [{ ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu' }],
    });
    expect(partial.statusCode).toBe(200);
    const incomplete = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': partial.headers.etag as string }),
      {},
    );
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().code).toBe('PLAN_INCOMPLETE');
    expect(incomplete.json().errors.map((e: { location: string }) => e.location)).toContain('draft.followUp');

    const complete = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': partial.headers.etag as string }),
      {
        mapping: { serviceNeed: 'a', situationSummary: 'b' },
        goals: ['Työ'],
        actions: [
          { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu' },
        ],
        followUp: 'c',
        workSearch: { obligation: 'exempted', exemptionReason: 'Sairausloma' },
        clientReport: { dueOn: '2026-05-15', manner: 'd' },
        kelaRehabilitationNeeded: false,
      },
    );
    const submitted = await h.inject(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': complete.headers.etag as string }),
      {},
    );
    expect(submitted.statusCode).toBe(200);
    const revision = submitted.json().draft.revision as number;
    const noMethod = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, hva(), {
      draftRevision: revision,
      approver: 'client',
    });
    expect(noMethod.json()).toMatchObject({
      code: 'PLAN_APPROVAL_METHOD_INVALID',
      errors: [{ location: 'body.method' }],
    });
    const kelaNotNeeded = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, kela(), {
      draftRevision: revision,
      approver: 'organisation',
    });
    expect(kelaNotNeeded.json()).toMatchObject({
      code: 'PLAN_APPROVAL_NOT_REQUIRED',
      errors: [{ location: 'body.approver' }],
    });
    expect(
      (
        await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, ea(), {
          draftRevision: revision,
          approver: 'organisation',
        })
      ).statusCode,
    ).toBe(201);
    const twice = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, ea(), {
      draftRevision: revision,
      approver: 'organisation',
    });
    expect(twice.json().code).toBe('PLAN_ALREADY_APPROVED');
    expect(await h.count('planning.plan_approvals', 'withdrawn_at IS NULL')).toBe(1);

    // An edit after submission withdraws the approvals; approving the old revision is refused.
    const edited = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': submitted.headers.etag as string }),
      {
        ...complete.json().draft.contents,
        actions: [
          { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu 2' },
        ],
        mapping: { serviceNeed: 'a', situationSummary: 'b2' },
        workSearch: { obligation: 'exempted', exemptionReason: 'Sairausloma' },
        rehabilitativeWorkActivity: undefined,
      },
    );
    expect(edited.statusCode).toBe(200);
    expect(edited.json().draft).toMatchObject({ status: 'editing', approvals: [] });
    expect(await h.count('planning.plan_approvals', 'withdrawn_at IS NULL')).toBe(0);
    const beforeStale = await snapshot();
    const stale = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, hva(), {
      draftRevision: revision,
      approver: 'client',
      method: 'signature',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'PLAN_DRAFT_CHANGED',
      errors: [{ location: 'body.draftRevision' }],
    });
    const notSubmitted = await h.inject('POST', `/v1/cases/${caseId}/plan/approvals`, hva(), {
      draftRevision: edited.json().draft.revision,
      approver: 'organisation',
    });
    expect(notSubmitted.json().code).toBe('PLAN_NOT_SUBMITTED');
    expect(await snapshot()).toEqual(beforeStale);
  });

  it('answers a calendar window at either end of the calendar with a 4xx, not 500', async () => {
    for (const url of [
      '/v1/meetings?from=9999-12-31',
      '/v1/meetings?from=9999-12-20&to=9999-12-31',
      '/v1/meetings?from=0001-01-01',
    ]) {
      const res = await h.inject('GET', url, ea());
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
    }
    const res = await h.inject('GET', '/v1/meetings?from=9999-12-31', ea());
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ location: 'query.from', rule: 'range' })]);
  });
});
