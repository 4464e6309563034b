import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientMessages, emailMessages, events } from '@tym/db';
import type { ProcessorMap } from '@tym/jobs';
import { assignPositions } from '@tym/jobs';
import { createPlanningTestApp, type PlanningTestApp } from '@tym/planning/testing';
import { setCaseActive } from '@tym/referrals';
import { nextHetu } from '@tym/testing';
import { asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepEmails } from '../email/email-delivery.jobs.js';
import { createSmtpMailer } from '../email/email-transport.js';
import { startTestSmtp, type TestSmtp } from '../email/testing-smtp.js';
import { createProcessors, silentLog } from '../testing/jobs-harness.js';
import { clientLetterTexts } from './client-message-texts.js';
import { renderClientLetter } from './client-messages.jobs.js';

const ctx = { jobId: 'test', attemptsMade: 0 };

/** pdftotext of a PDF (poppler-utils, installed by scripts/lib.sh prepare). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tym-letter-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'l.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Renders page `page` of a PDF to images with poppler's pdftoppm: a PNG, and an 8-bit grey
 * PGM whose dark pixels are counted.
 */
function renderPage(pdf: Buffer, page: number): { png: Buffer; width: number; height: number; dark: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tym-letter-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), pdf);
    const p = String(page);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      p,
      '-l',
      p,
      '-singlefile',
      join(dir, 'l.pdf'),
      join(dir, 'page'),
    ]);
    const png = readFileSync(join(dir, 'page.png'));
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '40',
      '-f',
      p,
      '-l',
      p,
      '-singlefile',
      join(dir, 'l.pdf'),
      join(dir, 'page'),
    ]);
    const pgm = readFileSync(join(dir, 'page.pgm'));
    // P5 header: "P5\n<width> <height>\n255\n", then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('not a PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    const pixels = pgm.subarray(header[0].length);
    let dark = 0;
    for (const v of pixels) if (v < 128) dark += 1;
    return { png, width, height, dark };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the client is told (issue 11 item 4): e-mail and printable letters', () => {
  let h: PlanningTestApp;
  let smtp: TestSmtp;
  let processors: ProcessorMap;
  const hva = (extra: Record<string, string> = {}) =>
    h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw', extra);
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw', extra);
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const ids: Record<string, string> = {};

  const dispatchAll = async () => {
    await assignPositions(h.database.db);
    const waiting = await h.database.db
      .select({ id: events.id, position: events.position })
      .from(events)
      .where(isNull(events.dispatchedAt))
      .orderBy(asc(events.position));
    for (const e of waiting)
      await processors['event.dispatch']({ eventId: e.id, position: e.position as number }, ctx);
  };
  const runEmails = async () => {
    const swept = await sweepEmails({ db: h.database.db, clock: h.clock, log: silentLog });
    for (const job of swept.due) await processors['email.send'](job, ctx);
  };
  const ok = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    who: Record<string, string>,
    body?: object,
  ) => {
    const r = await h.inject(method, url, who, body);
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r;
  };
  const refer = async (client: Record<string, unknown>) =>
    (
      await ok('POST', '/v1/referrals', h.as('kela', ['caseworker'], 'kela-cw'), {
        client: { identityCode: nextHetu(), firstNames: 'Åsa Märta', lastName: 'Öhman', ...client },
        grounds: ['life_management_problems'],
        description: 'Velkaantunut, tarvitsee päihdepalveluja.',
      })
    ).json() as { id: string; clientId: string };
  const messagesOf = (clientId: string) =>
    h.database.db
      .select()
      .from(clientMessages)
      .where(eq(clientMessages.clientId, clientId))
      .orderBy(asc(clientMessages.createdAt), asc(clientMessages.kind), asc(clientMessages.channel));

  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await createPlanningTestApp();
    processors = createProcessors({
      db: h.database.db,
      clock: h.clock,
      log: silentLog,
      mailer: createSmtpMailer({ url: smtp.url, from: 'TYM <no-reply@tym.example.fi>', timeoutMs: 5_000 }),
      notify: { publicBaseUrl: 'https://tym.example.fi', defaultLanguage: 'fi' },
    });
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
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it('a Finnish-speaking client with an address: every step by e-mail without personal details, each once', async () => {
    const referral = await refer({
      homeMunicipalityCode: '245',
      preferredLanguage: 'fi',
      contactDetails: {
        email: 'asa@example.fi',
        streetAddress: 'Kauppakaari 11',
        postalCode: '04200',
        postOffice: 'Kerava',
      },
    });
    const accepted = (await ok('POST', `/v1/referrals/${referral.id}/accept`, hva(), {})).json();
    const caseId = accepted.case.id as string;
    for (const staffId of [ids.ea, ids.kela])
      await ok('POST', `/v1/cases/${caseId}/team`, hva(), { staffId, role: 'member' });

    // The plan: drafted, submitted and approved by the client, the EA and the HVA.
    h.clock.set('2026-04-02T09:00:00Z');
    const plan = await ok('GET', `/v1/cases/${caseId}/plan`, ea());
    const put = await ok(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': plan.headers.etag as string }),
      {
        mapping: { serviceNeed: 'Päihdekuntoutus ja velkaneuvonta', situationSummary: 'Pitkään työttömänä.' },
        goals: ['Työllistyminen osa-aikatyöhön'],
        actions: [
          {
            ownerOrganisationCode: 'ea-kerava-sipoo',
            type: 'employment',
            description: 'Työkokeilu',
            dueOn: '2026-05-29',
          },
        ],
        followUp: 'Yhteistapaaminen kuukausittain',
        workSearch: { obligation: 'applies' },
        clientReport: { dueOn: '2026-05-15', manner: 'Puhelimitse omaohjaajalle' },
        rehabilitativeWorkActivity: { agreed: false },
        kelaRehabilitationNeeded: false,
      },
    );
    const submitted = await ok(
      'POST',
      `/v1/cases/${caseId}/plan/draft/submit`,
      ea({ 'if-match': put.headers.etag as string }),
      {},
    );
    const draftRevision = submitted.json().draft.revision as number;
    await ok('POST', `/v1/cases/${caseId}/plan/approvals`, hva(), {
      draftRevision,
      approver: 'client',
      method: 'signature',
    });
    await ok('POST', `/v1/cases/${caseId}/plan/approvals`, ea(), { draftRevision, approver: 'organisation' });
    await ok('POST', `/v1/cases/${caseId}/plan/approvals`, hva(), {
      draftRevision,
      approver: 'organisation',
    });
    h.clock.set('2026-05-04T09:00:00Z');
    await ok('POST', `/v1/cases/${caseId}/plan/reviews`, ea(), { outcome: 'unchanged' });
    h.clock.set('2026-06-01T09:00:00Z');
    await ok('POST', `/v1/cases/${caseId}/ending`, ea(), { reasonCode: 'employed' });
    for (const who of [ea(), hva(), kela()])
      await ok('POST', `/v1/cases/${caseId}/ending/confirmations`, who, {});

    await dispatchAll();
    // A replay of every event (a lost acknowledgement, a re-dispatch) adds nothing.
    await h.database.db.update(events).set({ dispatchedAt: null });
    await dispatchAll();
    await runEmails();

    const rows = await messagesOf(referral.clientId);
    expect(rows.map((r) => `${r.kind}:${r.channel}`).sort()).toEqual(
      [
        'referral_received:email',
        'referral_received:letter',
        'relationship_started:email',
        'relationship_started:letter',
        'plan_agreed:email',
        'plan_agreed:letter',
        'plan_reviewed:email',
        'plan_reviewed:letter',
        'relationship_ended:email',
        'relationship_ended:letter',
      ].sort(),
    );
    expect(rows.every((r) => r.languages.join() === 'fi' && !r.languageToBeAsked)).toBe(true);

    const mails = smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes('asa@example.fi'));
    expect(mails).toHaveLength(5);
    const all = mails.map((m) => `${m.subject}\n${m.text}`).join('\n');
    for (const secret of [
      'Åsa',
      'Öhman',
      'Kauppakaari',
      'päihde',
      'Päihdekuntoutus',
      'Velkaantunut',
      'Työkokeilu',
      'osa-aikatyöhön',
    ])
      expect(all).not.toContain(secret);
    const byKind = (needle: string) => mails.find((m) => m.subject?.includes(needle))?.text ?? '';
    expect(byKind('ohjattu')).toMatch(/päättävät ohjauksesta viimeistään \d+\.\d+\.2026/);
    expect(byKind('Asiakkuutesi monialaisessa tuessa alkoi')).toContain(
      'laaditaan yhdessä kanssasi viimeistään 22.6.2026',
    );
    expect(byKind('hyväksytty')).toContain('Saat kopion suunnitelmasta kirjeenä');
    expect(byKind('tarkistettu')).toContain('4.5.2026');
    expect(byKind('päättyi')).toContain('1.6.2026');

    // The plan letter carries the plan (rendered to text by poppler's pdftotext).
    const planLetter = rows.find((r) => r.kind === 'plan_agreed' && r.channel === 'letter');
    if (!planLetter) throw new Error('no plan letter');
    const pdf = await renderClientLetter(h.database.db, planLetter);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Rendered to an image: an A4 page with print on it, not a blank one.
    const image = renderPage(pdf, 1);
    expect(image.png.subarray(1, 4).toString()).toBe('PNG');
    expect(image.width).toBeGreaterThan(300);
    expect(image.height / image.width).toBeCloseTo(297 / 210, 1);
    expect(image.dark).toBeGreaterThan(500);
    const text = pdfText(pdf);
    expect(text).toContain('Åsa Märta Öhman');
    expect(text).toContain('Kauppakaari 11');
    expect(text).toContain('Monialainen työllistymissuunnitelmasi on hyväksytty');
    expect(text).toContain('Työkokeilu');
    expect(text).toContain('Päihdekuntoutus ja velkaneuvonta');
  }, 120_000);

  it('a client whose relationship ended because they died is sent no ending message', async () => {
    const referral = await refer({
      homeMunicipalityCode: '245',
      contactDetails: { email: 'gone@example.fi' },
    });
    const accepted = (await ok('POST', `/v1/referrals/${referral.id}/accept`, hva(), {})).json();
    const caseId = accepted.case.id as string;
    for (const staffId of [ids.ea, ids.kela])
      await ok('POST', `/v1/cases/${caseId}/team`, hva(), { staffId, role: 'member' });
    await ok('POST', `/v1/cases/${caseId}/ending`, ea(), { outcome: 'deceased' });
    for (const who of [ea(), hva(), kela()])
      await ok('POST', `/v1/cases/${caseId}/ending/confirmations`, who, {});
    await dispatchAll();
    const kinds = (await messagesOf(referral.clientId)).map((r) => r.kind);
    expect(kinds).toContain('relationship_started');
    expect(kinds).not.toContain('relationship_ended');
  }, 120_000);

  it('a Swedish-speaking client without an address: a letter in Swedish with the reason, no e-mail', async () => {
    const referral = await refer({ homeMunicipalityCode: '245', preferredLanguage: 'sv' });
    await ok('POST', `/v1/referrals/${referral.id}/decline`, hva(), {
      reasonCode: 'single_authority_sufficient',
      reasonText: 'Socialhandledning räcker för närvarande.',
    });
    await dispatchAll();
    const rows = await messagesOf(referral.clientId);
    expect(rows.map((r) => `${r.kind}:${r.channel}:${r.languages.join('+')}`)).toEqual([
      'referral_declined:letter:sv',
      'referral_received:letter:sv',
    ]);
    expect(
      await h.database.db
        .select()
        .from(emailMessages)
        .where(eq(emailMessages.recipientKey, `client:${referral.clientId}`)),
    ).toEqual([]);
    const declined = rows[0];
    if (!declined) throw new Error('no letter');
    const text = pdfText(await renderClientLetter(h.database.db, declined));
    expect(text).toContain('Klientrelationen i det sektorsövergripande stödet började inte');
    expect(text).toContain('En myndighets tjänster räcker');
    expect(text).toContain('Socialhandledning räcker för närvarande.');
    expect(text).not.toContain('Monialainen');
  }, 120_000);

  it('a client of a bilingual municipality whose language was not given: both languages, and flagged to ask', async () => {
    // Vantaa (092) is bilingual: Finnish is not presumed (kielilaki 423/2003 §10).
    const referral = await refer({
      homeMunicipalityCode: '092',
      contactDetails: { email: 'kaksi@example.fi' },
    });
    await dispatchAll();
    await runEmails();
    const rows = await messagesOf(referral.clientId);
    expect(rows.map((r) => `${r.kind}:${r.channel}:${r.languages.join('+')}:${r.languageToBeAsked}`)).toEqual(
      ['referral_received:email:fi+sv:true', 'referral_received:letter:fi+sv:true'],
    );
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes('kaksi@example.fi'));
    expect(mail?.text).toContain('Sinut on ohjattu');
    expect(mail?.text).toContain('Du har');
    expect(mail?.text).toContain('haluatko asioida suomeksi vai ruotsiksi');
    const letter = rows[1];
    if (!letter) throw new Error('no letter');
    const text = pdfText(await renderClientLetter(h.database.db, letter));
    expect(text).toContain('Sinut on ohjattu työllistymistä edistävään monialaiseen tukeen');
    expect(text).toContain('Du har remitterats till sektorsövergripande stöd');
  }, 120_000);
  it('a meeting invitation to such a client is in both languages too, not a presumed Finnish', async () => {
    const referral = await refer({ homeMunicipalityCode: '092' });
    const accepted = (await ok('POST', `/v1/referrals/${referral.id}/accept`, hva(), {})).json();
    await ok('POST', `/v1/cases/${accepted.case.id}/meetings`, hva(), {
      kind: 'assessment',
      start: '2026-06-10T10:00',
      durationMinutes: 60,
      mode: 'remote',
      onlineUrl: 'https://meet.example.fi/tym-2',
      agenda: [{ title: 'Tilanne' }],
      participants: { staff: [], client: { displayName: 'Åsa', email: 'tapaaminen@example.fi' } },
    });
    await dispatchAll();
    await runEmails();
    const invitation = smtp.received.find((m) => JSON.stringify(m.to).includes('tapaaminen@example.fi'));
    expect(invitation?.subject).toContain('Kutsu tapaamiseen');
    expect(invitation?.subject).toContain('Kallelse till möte');
    expect(invitation?.text).toContain('klientrelation');
  }, 120_000);

  it('a refused review request (381/2023 §6(1)): the e-mail says it was not granted, the letter gives the reason', async () => {
    h.clock.set('2026-06-02T09:00:00Z');
    const referral = await refer({
      homeMunicipalityCode: '245',
      preferredLanguage: 'fi',
      contactDetails: {
        email: 'pyynto@example.fi',
        streetAddress: 'Sampolantie 3',
        postalCode: '04200',
        postOffice: 'Kerava',
      },
    });
    const accepted = (await ok('POST', `/v1/referrals/${referral.id}/accept`, hva(), {})).json();
    const caseId = accepted.case.id as string;
    await ok('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.ea, role: 'member' });
    // A plan agreed (the planning service's call), then the client asks for a review.
    await h.database.db.transaction((tx) =>
      setCaseActive(tx, caseId, {
        agreedOn: '2026-06-02',
        actor: { organisation: 'ea-kerava-sipoo', sub: 'ea-cw' },
        now: h.clock.now(),
      }),
    );
    h.clock.set('2026-06-08T09:00:00Z');
    const request = await ok('POST', `/v1/cases/${caseId}/review-requests`, hva(), { channel: 'phone' });
    h.clock.set('2026-06-10T09:00:00Z');
    await ok('POST', `/v1/cases/${caseId}/review-requests/${request.json().id}/refusal`, ea(), {
      reasonCode: 'review_already_scheduled',
      reason: 'Yhteistapaaminen suunnitelman tarkistamiseksi on jo sovittu 24.6.2026.',
    });
    await dispatchAll();
    await h.database.db.update(events).set({ dispatchedAt: null });
    await dispatchAll();
    await runEmails();

    const rows = (await messagesOf(referral.clientId)).filter((r) => r.kind === 'review_request_refused');
    expect(rows.map((r) => `${r.channel}:${r.languages.join('+')}`).sort()).toEqual([
      'email:fi',
      'letter:fi',
    ]);
    const mails = smtp.received.filter((m) => JSON.stringify(m.to).includes('pyynto@example.fi'));
    const mail = mails.find((m) => m.subject?.includes('tarkist'));
    expect(mail?.subject).toContain('Pyyntöäsi suunnitelman tarkistamisesta ei hyväksytty');
    expect(mail?.text).toContain('8.6.2026');
    expect(mail?.text).toContain('10.6.2026');
    // Without the reason: neither the written text nor the reason code's text.
    expect(mail?.text).not.toContain('Yhteistapaaminen');
    expect(mail?.text).not.toContain('on jo sovittu');
    expect(mail?.text).not.toContain('Sampolantie');

    const letter = rows.find((r) => r.channel === 'letter');
    if (!letter) throw new Error('no letter');
    const text = pdfText(await renderClientLetter(h.database.db, letter));
    expect(text).toContain('Sampolantie 3');
    expect(text).toContain('Pyyntöäsi suunnitelman tarkistamisesta ei hyväksytty');
    expect(text).toContain('Suunnitelman tarkistus on jo sovittu pian tehtäväksi.');
    expect(text).toContain('Yhteistapaaminen suunnitelman tarkistamiseksi on jo sovittu 24.6.2026.');

    // In Swedish, for a Swedish-speaking client's letter.
    const sv = clientLetterTexts(
      'review_request_refused',
      { ...letter.params },
      ['sv'],
      { recipientName: 'Åsa', postalAddress: [], reviewRefusalReasonText: 'Ett möte är redan avtalat.' },
      '2026-06-10',
    );
    expect(sv[0]?.title).toBe('Din begäran om granskning av planen beviljades inte');
    expect(JSON.stringify(sv)).toContain('Ett möte är redan avtalat.');
    expect(JSON.stringify(sv)).toContain('En granskning av planen är redan planerad inom kort.');
  }, 120_000);
});
