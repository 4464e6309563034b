import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';

// Issue 15: answering an invitation for oneself took two requests (GET the meeting to find
// one's participantId, then POST …/responses). Now: GET /v1/me/meetings, then one POST.
describe('my invitations and answering for myself', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw');
  let meetingId = '';
  let caseId = '';

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
    ({ caseId } = await h.openCase(hva(), [ids.ea ?? '', ids.kela ?? '']));
    const scheduled = await h.inject('POST', `/v1/cases/${caseId}/meetings`, hva(), {
      kind: 'assessment',
      start: '2026-03-26T10:00',
      durationMinutes: 60,
      mode: 'remote',
      onlineUrl: 'https://meet.example.fi/tym-1',
      participants: { staff: [{ staffId: ids.kela }] },
    });
    expect(scheduled.statusCode).toBe(201);
    meetingId = scheduled.json().id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists my invitations with my answer', async () => {
    const res = await h.inject('GET', '/v1/me/meetings', kela());
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: meetingId, caseId, myResponse: 'needs_action', status: 'scheduled' }),
    ]);
    // Reading one's calendar is a read of client-relationship data: logged.
    expect(
      await h.count('referrals.access_log', `action = 'meeting.calendar' AND actor_sub = 'kela-cw'`),
    ).toBe(1);
  });

  it('answers for the caller in one request, without a participant id', async () => {
    const res = await h.inject('POST', `/v1/meetings/${meetingId}/response`, kela(), {
      response: 'accepted',
    });
    expect(res.statusCode).toBe(200);
    const me = res.json().participants.find((p: { staffId: string | null }) => p.staffId === ids.kela);
    expect(me).toMatchObject({ response: 'accepted' });
    expect(me.respondedAt).not.toBeNull();
    const again = await h.inject('GET', '/v1/me/meetings', kela());
    expect(again.json().items[0].myResponse).toBe('accepted');
    expect(
      await h.count('referrals.access_log', `action = 'meeting.respond' AND actor_sub = 'kela-cw'`),
    ).toBe(1);
  });

  it('422 for a case colleague who is not invited; 404 for a stranger; 400 for a bad answer', async () => {
    const notInvited = await h.inject('POST', `/v1/meetings/${meetingId}/response`, ea(), {
      response: 'accepted',
    });
    expect(notInvited.statusCode).toBe(422);
    expect(notInvited.json().code).toBe('MEETING_NOT_INVITED');
    const stranger = await h.inject(
      'POST',
      `/v1/meetings/${meetingId}/response`,
      h.as('hva-lappi', ['caseworker'], 'lappi-cw'),
      { response: 'accepted' },
    );
    expect(stranger.statusCode).toBe(404);
    const unknown = await h.inject(
      'POST',
      '/v1/meetings/00000000-0000-4000-8000-000000000000/response',
      kela(),
      {
        response: 'accepted',
      },
    );
    expect(unknown.statusCode).toBe(404);
    const bad = await h.inject('POST', `/v1/meetings/${meetingId}/response`, kela(), { response: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].location).toBe('body.response');
  });

  it('409 once the meeting is no longer scheduled', async () => {
    const cancelled = await h.inject('POST', `/v1/meetings/${meetingId}/cancel`, hva(), {
      reasonCode: 'other',
    });
    expect(cancelled.statusCode).toBe(200);
    const res = await h.inject('POST', `/v1/meetings/${meetingId}/response`, kela(), {
      response: 'declined',
    });
    expect(res.statusCode).toBe(409);
  });
});
