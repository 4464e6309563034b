import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';

// Issue 15: turning a meeting's decisions into plan actions took three requests (held,
// minutes, close). POST /v1/meetings/{id}/conclusion does it in one.
describe('POST /v1/meetings/{id}/conclusion', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'mc-hva');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'mc-ea');

  async function heldMeeting() {
    h.clock.set('2026-03-19T10:00:00Z');
    const { caseId } = await h.openCase(hva(), [ids.ea ?? '']);
    const res = await h.inject('POST', `/v1/cases/${caseId}/meetings`, hva(), {
      kind: 'planning',
      start: '2026-03-26T10:00',
      durationMinutes: 60,
      mode: 'in_person',
      address: 'Kauppakaari 11, Kerava',
      agenda: [{ title: 'Suunnitelma' }],
      participants: { staff: [{ staffId: ids.ea }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    h.clock.set('2026-03-26T09:30:00Z');
    return { caseId, meeting: res.json() };
  }

  beforeAll(async () => {
    h = await createPlanningTestApp();
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'mc-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'mc-ea',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('records attendance and minutes, closes, and the decisions are actions of the plan draft', async () => {
    const { caseId, meeting } = await heldMeeting();
    const res = await h.inject('POST', `/v1/meetings/${meeting.id}/conclusion`, hva(), {
      attendance: meeting.participants.map((p: { id: string }) => ({ participantId: p.id, attended: true })),
      items: [
        {
          agendaItemId: meeting.agenda[0].id,
          minutes: 'Sovittiin työkokeilusta.',
          decisions: [
            { text: 'Työkokeilu', action: { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment' } },
            { text: 'Seuraava tapaaminen sovitaan myöhemmin' },
          ],
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('closed');
    const actionId = res.json().agenda[0].decisions[0].planActionId;
    expect(actionId).toMatch(/^[0-9a-f-]{36}$/);
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(plan.json().draft.contents.actions).toEqual([
      expect.objectContaining({
        id: actionId,
        ownerOrganisationCode: 'ea-kerava-sipoo',
        description: 'Työkokeilu',
      }),
    ]);
  });

  it('a refused step changes nothing: the meeting stays scheduled without attendance', async () => {
    const { meeting } = await heldMeeting();
    const res = await h.inject('POST', `/v1/meetings/${meeting.id}/conclusion`, hva(), {
      attendance: meeting.participants.map((p: { id: string }) => ({ participantId: p.id, attended: true })),
      items: [{ agendaItemId: '00000000-0000-4000-8000-000000000000', decisions: [{ text: 'x' }] }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].location).toBe('body.items[0].agendaItemId');
    const after = await h.inject('GET', `/v1/meetings/${meeting.id}`, hva());
    expect(after.json().status).toBe('scheduled');
    expect(after.json().participants.every((p: { attended: boolean | null }) => p.attended === null)).toBe(
      true,
    );
    // 404 for whoever may not see it.
    const stranger = await h.inject(
      'POST',
      `/v1/meetings/${meeting.id}/conclusion`,
      h.as('hva-lappi', ['caseworker'], 'x'),
      {
        items: [],
      },
    );
    expect(stranger.statusCode).toBe(404);
  });
});
