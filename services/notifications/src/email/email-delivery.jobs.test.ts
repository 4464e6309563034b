import { emailMessages } from '@tym/db';
import { startOfDayInHelsinki } from '@tym/domain';
import { makeHetu } from '@tym/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, createWorkerHarness, type WorkerHarness } from '../testing/jobs-harness.js';
import { createSmtpMailer, type Mailer } from './email-transport.js';
import { startTestSmtp, type TestSmtp } from './testing-smtp.js';

const HETU = makeHetu('150385', '-', '456');
const MEETING_ID = '5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b';
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//TYM//test//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  `UID:${MEETING_ID}@tym.example.fi`,
  'DTSTAMP:20260401T080000Z',
  'DTSTART:20260415T070000Z',
  'DTEND:20260415T080000Z',
  'SUMMARY:TYM',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('e-mail over SMTP (a real local server)', () => {
  let smtp: TestSmtp;
  let mailer: Mailer;
  let h: WorkerHarness;
  let caseId: string;
  const icsAsked: string[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    mailer = createSmtpMailer({ url: smtp.url, from: 'TYM <no-reply@tym.example.fi>', timeoutMs: 2_000 });
    h = await createWorkerHarness({
      mailer,
      // The planning service's hook (services/planning): the test stands in for it.
      meetings: {
        invitationIcs: async (_db, meetingId, recipient, lang) => {
          icsAsked.push(`${meetingId}:${recipient.subject ?? recipient.address}:${lang}`);
          return ICS;
        },
      },
    });
    await h.staff({
      org: 'kela',
      sub: 'kela-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
      email: 'kela-cw@example.fi',
    });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
      email: 'hva-cw@example.fi',
    });
    await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
      email: 'ea-cw@example.fi',
    });
    ({ caseId } = await h.openCase(
      HETU,
      h.as('kela', ['caseworker'], 'kela-cw'),
      h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw'),
    ));
    // The EA caseworker joins the team, and reads Swedish; the HVA caseworker English.
    const staffId = (await h.inject('GET', '/v1/staff', h.as('ea-kerava-sipoo', ['admin'], 'x'))).items[0].id;
    await h.inject('POST', `/v1/cases/${caseId}/team`, h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw'), {
      staffId,
      role: 'member',
    });
    await h.tdb.db.execute(
      `INSERT INTO notifications.notification_settings (organisation_code, subject, email_enabled, language, updated_at)
       VALUES ('ea-kerava-sipoo', 'ea-cw', true, 'sv', now()), ('hva-vantaa-kerava', 'hva-cw', true, 'en', now())` as never,
    );
    await h.dispatchAll();
    await h.runEmails();
  });
  afterAll(async () => {
    await h?.close();
    mailer?.close();
    await smtp?.close();
  });

  const allText = () => smtp.received.map((m) => `${m.subject}\n${m.text}\n${m.html || ''}`).join('\n');

  it('delivers reminders in each recipient’s language, with a case reference and a link only', async () => {
    smtp.received.length = 0;
    h.clock.set(startOfDayInHelsinki('2026-06-08')); // plan.due 22 June: the 14-day reminder
    await h.runDeadlines();
    await h.runEmails();
    const byTo = new Map(smtp.received.map((m) => [m.to && !Array.isArray(m.to) ? m.to.text : '', m]));
    const en = byTo.get('hva-cw@example.fi');
    const sv = byTo.get('ea-cw@example.fi');
    expect(en?.subject).toMatch(/^\[TYM\] Reminder: Joint employment plan due 2026-06-22$/);
    expect(en?.text).toContain(`https://tym.example.fi/v1/cases/${caseId}`);
    expect(en?.text).toMatch(/case TYM-[0-9A-F]{8}/);
    expect(en?.headers.get('content-language')).toBe('en');
    expect(sv?.subject).toBe('[TYM] Påminnelse: Sektorsövergripande sysselsättningsplan 22.6.2026');
    expect(sv?.text).toContain('går ut 22.6.2026 (om 14 dagar)');
    expect(en?.from?.value[0]?.address).toBe('no-reply@tym.example.fi');
    // No personal data of the client in any message that arrived.
    const text = allText();
    for (const secret of [
      HETU,
      CLIENT.firstNames,
      CLIENT.lastName,
      'Meikäläinen',
      CLIENT.phone,
      'päihde',
      'maija@',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('attaches the planning service’s ICS to meeting invitations', async () => {
    smtp.received.length = 0;
    await h.tdb.db.transaction(async (tx) => {
      const { exampleEvent, recordEvent } = await import('@tym/jobs');
      await recordEvent(
        tx,
        exampleEvent('meeting.scheduled', {
          occurredAt: h.clock.now(),
          organisationCodes: ['hva-vantaa-kerava', 'ea-kerava-sipoo'],
          caseId,
          cooperationAreaId: h.area('vantaa-kerava'),
          subjectId: MEETING_ID,
          actor: { organisation: 'kela', sub: 'kela-cw' },
          payload: { caseId, meetingId: MEETING_ID, startsAt: '2026-04-15T07:00:00.000Z' },
        }),
      );
    });
    await h.dispatchAll();
    await h.runEmails();
    expect(smtp.received.length).toBe(2);
    for (const mail of smtp.received) {
      const cal = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      expect(cal, mail.subject).toBeTruthy();
      expect(cal?.content.toString()).toContain(`UID:${MEETING_ID}@tym.example.fi`);
    }
    expect(icsAsked.sort()).toEqual([`${MEETING_ID}:ea-cw:sv`, `${MEETING_ID}:hva-cw:en`]);
    expect(smtp.received.map((m) => m.subject).sort()).toEqual([
      expect.stringContaining('Kallelse till möte'),
      expect.stringContaining('Meeting invitation'),
    ]);
  });

  it('retries a failing SMTP server with backoff, loses nothing, and e-mail off means inbox only', async () => {
    smtp.received.length = 0;
    smtp.refuse = true;
    h.clock.set(startOfDayInHelsinki('2026-06-19')); // the 3-day reminder
    await h.runDeadlines();
    const outcomes = await h.runEmails();
    expect(outcomes.map((o) => (o as { status: string }).status)).toEqual(['retry', 'retry']);
    const [pending] = await h.tdb.db.select().from(emailMessages).where(eq(emailMessages.status, 'pending'));
    expect(pending).toMatchObject({ attempts: 1 });
    expect(pending?.nextAttemptAt?.getTime()).toBe(h.clock.now().getTime() + 30_000);
    // Not due yet: nothing is tried; then the server recovers.
    h.clock.advance(29_000);
    expect(await h.runEmails()).toEqual([]);
    smtp.refuse = false;
    h.clock.advance(1_000);
    expect((await h.runEmails()).map((o) => (o as { status: string }).status)).toEqual(['sent', 'sent']);
    expect(smtp.received).toHaveLength(2);
    const sent = await h.tdb.db.select().from(emailMessages).where(eq(emailMessages.status, 'sent'));
    expect(sent.every((m) => m.messageId?.endsWith('@tym.example.fi>'))).toBe(true);

    // E-mail off: the inbox still gets it, the outbox does not.
    await h.tdb.db.execute(
      `UPDATE notifications.notification_settings SET email_enabled = false WHERE subject = 'hva-cw'` as never,
    );
    const before = (await h.emails()).length;
    h.clock.set(startOfDayInHelsinki('2026-06-22'));
    await h.runDeadlines();
    expect((await h.emails()).length).toBe(before + 1);
    expect((await h.inbox('hva-cw')).some((i) => i.kind === 'deadline.due')).toBe(true);
  });
});
