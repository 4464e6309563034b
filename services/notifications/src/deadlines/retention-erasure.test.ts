import { accessLog, clients, emailMessages, referrals, referralTransitions } from '@tym/db';
import { makeHetu } from '@tym/testing';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../email/email-transport.js';
import { startTestSmtp, type TestSmtp } from '../email/testing-smtp.js';
import { CLIENT, createWorkerHarness, type WorkerHarness } from '../testing/jobs-harness.js';

const ctx = { jobId: 'retention-test', attemptsMade: 0 };
const HETU_DECLINED = makeHetu('030390', '-', '333');
const HETU_WITHDRAWN = makeHetu('040490', '-', '444');
const DESCRIPTION = 'Asunnoton, tarvitsee mielenterveyspalveluja.';
const DECLINE_TEXT = 'Työllisyyspalvelut yksin riittävät.';
const WITHDRAW_TEXT = 'Ohjattu väärälle henkilölle.';

/**
 * Store less before the relationship starts (381/2023 §12(2)): a declined or withdrawn
 * referral's client details, and the client record when nothing else needs it, are erased
 * 30 days after the decision; e-mail records 30 days after they were sent or failed for good.
 */
describe('erasure of declined and withdrawn referrals and of spent e-mail records', () => {
  let smtp: TestSmtp;
  let h: WorkerHarness;
  let declined: { id: string; clientId: string };
  let withdrawn: { id: string; clientId: string };
  let pending: { id: string; clientId: string };
  let logBefore: Array<typeof accessLog.$inferSelect>;
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');

  const referral = async (id: string) =>
    (await h.tdb.db.select().from(referrals).where(eq(referrals.id, id)))[0];
  const client = async (id: string) => (await h.tdb.db.select().from(clients).where(eq(clients.id, id)))[0];
  const transitions = (id: string) =>
    h.tdb.db.select().from(referralTransitions).where(eq(referralTransitions.referralId, id));
  const refer = (who: Record<string, string>, identityCode: string) =>
    h.inject('POST', '/v1/referrals', who, {
      client: {
        identityCode,
        firstNames: CLIENT.firstNames,
        lastName: CLIENT.lastName,
        homeMunicipalityCode: '245',
        contactDetails: { phone: CLIENT.phone, email: 'maija@example.fi' },
      },
      grounds: ['life_management_problems'],
      description: DESCRIPTION,
    });
  const sweep = () => h.processors['retention.sweep']({}, ctx);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await createWorkerHarness({
      mailer: createSmtpMailer({ url: smtp.url, from: 'TYM <no-reply@tym.example.fi>', timeoutMs: 5_000 }),
    });
    for (const [org, sub] of [
      ['kela', 'kela-cw'],
      ['hva-vantaa-kerava', 'hva-cw'],
    ] as const)
      await h.staff({
        org,
        sub,
        roles: ['caseworker'],
        areas: ['vantaa-kerava'],
        email: `${sub}@example.fi`,
      });

    // Declined: the client has nothing else, so their record goes too.
    const a = await refer(kela(), HETU_DECLINED);
    await h.inject('POST', `/v1/referrals/${a.id}/decline`, hva(), {
      reasonCode: 'single_authority_sufficient',
      reasonText: DECLINE_TEXT,
    });
    declined = { id: a.id, clientId: a.clientId };
    // Withdrawn, then referred again: the new referral still needs the client record.
    const b = await refer(kela(), HETU_WITHDRAWN);
    await h.inject('POST', `/v1/referrals/${b.id}/withdraw`, kela(), { reasonText: WITHDRAW_TEXT });
    withdrawn = { id: b.id, clientId: b.clientId };
    const c = await refer(hva(), HETU_WITHDRAWN);
    pending = { id: c.id, clientId: c.clientId };
    expect(pending.clientId).toBe(withdrawn.clientId);

    await h.dispatchAll();
    await h.runEmails();
    const emails = await h.emails();
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((e) => e.status === 'sent')).toBe(true);
    // A message that failed for good on the same day, to a participant's address, and one
    // still waiting (never erased, whatever its age).
    const row = {
      language: 'fi' as const,
      kind: 'meeting.invitation',
      subjectLine: 'Kutsu',
      bodyText: 'Tapaaminen',
      ics: 'BEGIN:VCALENDAR',
      icsMethod: 'REQUEST',
      createdAt: h.clock.now(),
    };
    await h.tdb.db.insert(emailMessages).values([
      {
        ...row,
        sourceKey: 'test:failed',
        recipientKey: 'address:guest@example.fi',
        toAddress: 'guest@example.fi',
        status: 'failed',
        attempts: 8,
        lastError: '550 guest@example.fi unknown',
      },
      {
        ...row,
        sourceKey: 'test:pending',
        recipientKey: 'address:waiting@example.fi',
        toAddress: 'waiting@example.fi',
        status: 'pending',
        nextAttemptAt: h.clock.now(),
      },
    ]);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it('erases nothing before the 30th day after the decision has ended', async () => {
    // Decided on 19 March 2026; the 30 days end with 18 April, 24:00 in Helsinki (UTC+3).
    h.clock.set('2026-04-18T20:59:59.999Z');
    expect(await sweep()).toEqual({ referralsErased: 0, clientsErased: 0, emailsErased: 0 });
    expect(await referral(declined.id)).toMatchObject({ description: DESCRIPTION });
    expect((await referral(declined.id))?.submittedDetails).not.toBeNull();
    expect(await client(declined.clientId)).toMatchObject({ lastName: CLIENT.lastName });
    expect((await transitions(withdrawn.id)).map((t) => t.reasonText)).toContain(WITHDRAW_TEXT);
    expect((await h.emails()).every((e) => e.toAddress.endsWith('@example.fi'))).toBe(true);
    logBefore = await h.tdb.db.select().from(accessLog).orderBy(asc(accessLog.id));
  });

  it('then erases the referral details, the client record nothing else needs, and the e-mails', async () => {
    h.clock.set('2026-04-18T21:00:00.000Z');
    const before = { pending: await referral(pending.id), withdrawnClient: await client(withdrawn.clientId) };
    const emailCount = (await h.emails()).length - 1;
    const waiting = (await h.emails()).find((e) => e.sourceKey === 'test:pending');
    expect(await sweep()).toEqual({ referralsErased: 2, clientsErased: 1, emailsErased: emailCount });

    for (const id of [declined.id, withdrawn.id]) {
      expect(await referral(id)).toMatchObject({
        description: 'ERASED',
        declineReasonText: null,
        submittedDetails: null,
        // What the statistics need stays.
        grounds: ['life_management_problems'],
        homeMunicipalityCode: '245',
      });
      expect((await transitions(id)).every((t) => t.reasonText === null)).toBe(true);
    }
    expect((await referral(declined.id))?.declineReasonCode).toBe('single_authority_sufficient');
    expect(await client(declined.clientId)).toMatchObject({
      identityCodeEncrypted: 'v1.erased',
      identityCodeIndex: `erased:${declined.clientId}`,
      firstNames: 'ERASED',
      lastName: 'ERASED',
      contactDetails: {},
      specialArrangements: {},
      informationWishes: null,
      homeMunicipalityCode: '245',
    });
    // The client referred again keeps their record, and the pending referral is untouched.
    expect(await client(withdrawn.clientId)).toEqual(before.withdrawnClient);
    expect(await referral(pending.id)).toEqual(before.pending);

    for (const e of (await h.emails()).filter((m) => m.sourceKey !== 'test:pending')) {
      expect(e).toMatchObject({
        toAddress: 'erased',
        subjectLine: 'ERASED',
        bodyText: 'ERASED',
        ics: null,
        icsMethod: null,
        lastError: null,
      });
      expect(e.recipientKey).not.toContain('@');
    }
    expect((await h.emails()).find((e) => e.sourceKey === 'test:failed')).toMatchObject({
      status: 'failed',
      recipientKey: expect.stringMatching(/^erased:/),
    });
    expect((await h.emails()).find((e) => e.sourceKey === 'test:pending')).toEqual(waiting);

    // The access log keeps every row (append-only) and gains one per erasure.
    const after = await h.tdb.db.select().from(accessLog).orderBy(asc(accessLog.id));
    expect(after.slice(0, logBefore.length)).toEqual(logBefore);
    const added = after.slice(logBefore.length);
    expect(added.map((r) => [r.action, r.resourceId]).sort()).toEqual(
      [
        ['referral.erase', declined.id],
        ['referral.erase', withdrawn.id],
        ['client.erase', declined.clientId],
      ].sort(),
    );
    // It holds no personal data.
    const all = JSON.stringify(after);
    for (const secret of [
      CLIENT.lastName,
      CLIENT.firstNames,
      HETU_DECLINED,
      HETU_WITHDRAWN,
      DESCRIPTION,
      DECLINE_TEXT,
      WITHDRAW_TEXT,
      'maija@example.fi',
    ])
      expect(all).not.toContain(secret);
  });

  it('is idempotent: a second run erases nothing and logs nothing', async () => {
    const count = await h.count('referrals.access_log');
    const erasedEmails = await h.tdb.db
      .select()
      .from(emailMessages)
      .where(inArray(emailMessages.status, ['sent', 'failed']));
    expect(await sweep()).toEqual({ referralsErased: 0, clientsErased: 0, emailsErased: 0 });
    expect(await h.count('referrals.access_log')).toBe(count);
    expect(
      await h.tdb.db
        .select()
        .from(emailMessages)
        .where(inArray(emailMessages.status, ['sent', 'failed'])),
    ).toEqual(erasedEmails);
  });
});
