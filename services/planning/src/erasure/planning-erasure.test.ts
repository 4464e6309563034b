import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';
import { erasePlanningCaseData } from './planning-erasure.js';

let h: PlanningTestApp;
let caseId = '';
let otherCaseId = '';
const hva = (extra: Record<string, string> = {}) =>
  h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw', extra);

async function meetingWithClient(id: string, clientName: string) {
  const res = await h.inject('POST', `/v1/cases/${id}/meetings`, hva(), {
    kind: 'assessment',
    start: '2026-03-26T10:00',
    durationMinutes: 60,
    mode: 'in_person',
    address: 'Kauppakaari 11, Kerava',
    agenda: [{ title: `Tilanne: ${clientName}` }],
    participants: {
      staff: [],
      client: { displayName: clientName, email: 'client@example.fi' },
      guests: [
        { role: 'interpreter', displayName: 'Tulkki Tuulikki', email: 'tulkki@example.fi', language: 'ar' },
      ],
    },
    allowConflicts: true,
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  h = await createPlanningTestApp();
  await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
  await h.staff({ org: 'hva-vantaa-kerava', sub: 'hva-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
  ({ caseId } = await h.openCase(hva(), []));
  ({ caseId: otherCaseId } = await h.openCase(hva(), []));
  await meetingWithClient(caseId, 'Maija Meikäläinen');
  await meetingWithClient(otherCaseId, 'Matti Toinen');
  const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, hva());
  const put = await h.inject(
    'PUT',
    `/v1/cases/${caseId}/plan/draft`,
    hva({ 'if-match': plan.headers.etag as string }),
    {
      mapping: { serviceNeed: 'Päihdekuntoutus', situationSummary: 'Asunnoton.' },
      goals: ['Asunto'],
      actions: [],
      followUp: 'Kuukausittain',
      workSearch: { obligation: 'applies' },
      clientReport: { dueOn: '2026-05-15', manner: 'Puhelimitse' },
      rehabilitativeWorkActivity: { agreed: false },
      kelaRehabilitationNeeded: false,
    },
  );
  expect(put.statusCode, put.body).toBe(200);
  const missed = await h.inject('POST', `/v1/cases/${caseId}/plan/client-participation`, hva(), {
    kind: 'did_not_take_part_in_drafting',
    occurredOn: '2026-03-19',
    explained: 'Ei saapunut, kertoi olevansa sairaalassa.',
  });
  expect(missed.statusCode, missed.body).toBe(201);
});
afterAll(async () => {
  await h.close();
});

it('erases the client’s and guests’ names, contacts and free texts of one case, and nothing else', async () => {
  const result = await h.database.db.transaction((tx) => erasePlanningCaseData(tx, caseId));
  expect(result).toMatchObject({ participants: 2, agendaItems: 1, plans: 1, clientParticipation: 1 });
  // What was explained to the client (381/2023 §7(2)) goes; the record's kind and day stay.
  expect(
    await h.count(
      'planning.plan_client_participation',
      `explained = 'ERASED' AND kind = 'did_not_take_part_in_drafting' AND occurred_on = '2026-03-19'`,
    ),
  ).toBe(1);
  const dump = JSON.stringify(
    (
      await h.database.db.execute(sql`
        SELECT p.display_name, p.email, a.title, pl.draft
          FROM planning.meetings m
          JOIN planning.meeting_participants p ON p.meeting_id = m.id
          JOIN planning.meeting_agenda_items a ON a.meeting_id = m.id
          LEFT JOIN planning.plans pl ON pl.case_id = m.case_id
         WHERE m.case_id = ${caseId}`)
    ).rows,
  );
  for (const gone of ['Maija', 'client@example.fi', 'Tulkki', 'Päihdekuntoutus', 'Asunnoton']) {
    expect(dump).not.toContain(gone);
  }
  // The meeting itself stays (anonymous statistics); the other case is untouched.
  expect(await h.count('planning.meetings', `case_id = '${caseId}'`)).toBe(1);
  expect(await h.count('planning.meeting_participants', `display_name = 'Matti Toinen'`)).toBe(1);
  // A second run changes nothing.
  expect(await h.database.db.transaction((tx) => erasePlanningCaseData(tx, caseId))).toEqual({
    participants: 0,
    agendaItems: 0,
    decisions: 0,
    plans: 0,
    versions: 0,
    clientParticipation: 0,
  });
});
