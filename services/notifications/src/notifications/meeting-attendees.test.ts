import { createPlanningTestApp, type PlanningTestApp } from '@tym/planning/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { meetingAttendees } from './meeting-attendees.js';

let h: PlanningTestApp;
let eaId = '';
const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');

beforeAll(async () => {
  h = await createPlanningTestApp();
  await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
  await h.staff({ org: 'hva-vantaa-kerava', sub: 'hva-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
  eaId = await h.staff({
    org: 'ea-kerava-sipoo',
    sub: 'ea-cw',
    roles: ['caseworker'],
    areas: ['vantaa-kerava'],
    email: 'ea.cw@example.fi',
  });
});
afterAll(async () => {
  await h.close();
});

it('tells a meeting’s staff in the inbox and its client and guests by e-mail in the client’s language', async () => {
  const { caseId, clientId } = await h.openCase(hva(), [eaId]);
  await h.database.db.execute(
    sql`UPDATE referrals.clients SET preferred_language = 'sv' WHERE id = ${clientId}`,
  );
  const res = await h.inject('POST', `/v1/cases/${caseId}/meetings`, hva(), {
    kind: 'planning',
    start: '2026-03-30T13:00',
    durationMinutes: 60,
    mode: 'remote',
    onlineUrl: 'https://meet.example.fi/tym-2',
    agenda: [{ title: 'Suunnitelma' }],
    participants: {
      staff: [{ staffId: eaId }],
      client: { displayName: 'Klient', email: 'klient@example.fi' },
      guests: [
        { role: 'support_person', displayName: 'Stöd', email: 'stod@example.fi' },
        { role: 'interpreter', displayName: 'Tolk', language: 'ar' },
      ],
    },
    allowConflicts: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  const attendees = await meetingAttendees(h.database.db, res.json().id);
  expect(attendees?.staff).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        staffId: eaId,
        organisationCode: 'ea-kerava-sipoo',
        email: 'ea.cw@example.fi',
      }),
    ]),
  );
  // Only those with an address are e-mailed; everyone in the client's language (sv).
  expect(attendees?.external).toEqual([
    { address: 'klient@example.fi', language: 'sv' },
    { address: 'stod@example.fi', language: 'sv' },
  ]);
  expect(await meetingAttendees(h.database.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
});
