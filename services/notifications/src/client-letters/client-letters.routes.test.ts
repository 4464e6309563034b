import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import type { ProcessorMap } from '@tym/jobs';
import { assignPositions } from '@tym/jobs';
import { fixedClock } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { hetuSequence, loadDirectory } from '@tym/testing';
import { asc, isNull, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsService } from '../app.js';
import { TEST_CONFIG } from '../testing/harness.js';
import { createProcessors } from '../testing/jobs-harness.js';

const ctx = { jobId: 't', attemptsMade: 0 };

/** poppler-utils (installed by scripts/lib.sh prepare): the PDF as text and as an image. */
function inspectPdf(pdf: Buffer): { text: string; png: Buffer; width: number; height: number; dark: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tym-letter-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(dir, 'page'),
    ]);
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '40',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(dir, 'page'),
    ]);
    const png = readFileSync(join(dir, 'page.png'));
    const pgm = readFileSync(join(dir, 'page.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('not a PGM');
    let dark = 0;
    for (const v of pgm.subarray(header[0].length)) if (v < 128) dark += 1;
    return { text, png, width: Number(header[1]), height: Number(header[2]), dark };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hetu = hetuSequence('0691');

describe('client letters: listed and printed by the case’s parties (issue 11 item 4)', () => {
  let tdb: TestDatabase;
  let t: TestPlatform;
  let processors: ProcessorMap;
  const clock = fixedClock('2026-03-19T10:00:00Z');
  const kela = () => ({ authorization: t.bearer('kela', ['caseworker'], 'kela-cw') });
  const hva = (extra: Record<string, string> = {}) => ({
    authorization: t.bearer('hva-vantaa-kerava', ['caseworker'], 'hva-cw'),
    ...extra,
  });
  const outsider = () => ({ authorization: t.bearer('hva-ita-uusimaa', ['caseworker'], 'other-cw') });

  const ok = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => {
    const r = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const dispatchAll = async () => {
    await assignPositions(tdb.db);
    const waiting = await tdb.db
      .select({ id: events.id, position: events.position })
      .from(events)
      .where(isNull(events.dispatchedAt))
      .orderBy(asc(events.position));
    for (const e of waiting)
      await processors['event.dispatch']({ eventId: e.id, position: e.position as number }, ctx);
  };
  const accessLog = async (action: string) =>
    (
      await tdb.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM referrals.access_log WHERE action = ${action}`,
      )
    ).rows[0]?.n ?? 0;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await seedReferenceData(tdb.db, { clock });
    t = await createTestPlatform({ pool: tdb.pool });
    await t.app.register(resourcingService({ db: tdb.db, clock }));
    await t.app.register(referralsService({ db: tdb.db, clock, pii: createTestPiiCipher() }));
    await t.app.register(notificationsService({ db: tdb.db, clock, config: TEST_CONFIG }));
    await t.app.ready();
    processors = createProcessors({ db: tdb.db, clock, log: pino({ level: 'silent' }) });
    const { staff } = await loadDirectory(t);
    await staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await staff({ org: 'hva-vantaa-kerava', sub: 'hva-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await staff({ org: 'hva-ita-uusimaa', sub: 'other-cw', roles: ['caseworker'], areas: ['ita-uusimaa'] });
  });
  afterAll(async () => {
    await t?.close();
    await tdb?.destroy();
  });

  it('lists a case’s letters and prints one as a PDF in Finnish and Swedish; an outsider gets 404', async () => {
    // A client of Vantaa (bilingual) without an e-mail address whose language was not given.
    const referral = await ok('POST', '/v1/referrals', kela(), {
      client: {
        identityCode: hetu(),
        firstNames: 'Björn Väinö',
        lastName: 'Åkerlund',
        homeMunicipalityCode: '092',
        contactDetails: { streetAddress: 'Asematie 5 B 12', postalCode: '01300', postOffice: 'Vantaa' },
      },
      grounds: ['work_capacity_limitations'],
      description: 'Tarvitsee kuntoutusta.',
    });
    await dispatchAll();
    const accepted = await ok('POST', `/v1/referrals/${referral.id}/accept`, hva(), {});
    await dispatchAll();
    const caseId = accepted.case.id as string;

    const res = await t.app.inject({
      url: `/v1/cases/${caseId}/letters`,
      headers: hva({ 'accept-language': 'sv' }),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => [i.kind, i.label, i.languages, i.languageToBeAsked, i.emailed])).toEqual([
      ['referral_received', 'Remissen har tagits emot', ['fi', 'sv'], true, false],
      ['relationship_started', 'Klientrelationen började', ['fi', 'sv'], true, false],
    ]);
    expect(await accessLog('client_letters.list')).toBe(1);

    const started = items[1];
    const pdf = await t.app.inject({ url: String(started?.pdf), headers: hva() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="TYM-[0-9A-F]{8}-relationship-started\.pdf"$/,
    );
    expect(await accessLog('client_letter.read')).toBe(1);
    const seen = inspectPdf(pdf.rawPayload);
    expect(seen.png.subarray(1, 4).toString()).toBe('PNG');
    expect(seen.height / seen.width).toBeCloseTo(297 / 210, 1);
    expect(seen.dark).toBeGreaterThan(500);
    expect(seen.text).toContain('Björn Väinö Åkerlund');
    expect(seen.text).toContain('Asematie 5 B 12');
    expect(seen.text).toContain('Asiakkuutesi monialaisessa tuessa alkoi');
    expect(seen.text).toContain('Din klientrelation i det sektorsövergripande stödet har börjat');
    expect(seen.text).toContain('haluatko asioida suomeksi vai ruotsiksi');

    // Not on the team nor in the area: the case and its letters do not exist for them.
    expect((await t.app.inject({ url: `/v1/cases/${caseId}/letters`, headers: outsider() })).statusCode).toBe(
      404,
    );
    const denied = await t.app.inject({ url: String(started?.pdf), headers: outsider() });
    expect(denied.statusCode).toBe(404);
    expect(denied.json().code).toBe('CLIENT_LETTER_NOT_FOUND');
    expect(await accessLog('client_letter.read')).toBe(1);
    const partner = { authorization: t.bearer('kela', ['partner'], 'kela-system') };
    expect((await t.app.inject({ url: String(started?.pdf), headers: partner })).statusCode).toBe(404);
  });

  it('a declined referral’s letters are listed for those who see the referral, with the reason', async () => {
    const referral = await ok('POST', '/v1/referrals', kela(), {
      client: {
        identityCode: hetu(),
        firstNames: 'Stina',
        lastName: 'Sjöberg',
        homeMunicipalityCode: '245',
        preferredLanguage: 'sv',
      },
      grounds: ['life_management_problems'],
      description: 'Behöver stöd.',
    });
    await ok('POST', `/v1/referrals/${referral.id}/decline`, hva(), {
      reasonCode: 'duplicate',
      reasonText: 'Samma ärende behandlas redan i Vanda.',
    });
    await dispatchAll();
    const list = await ok('GET', `/v1/referrals/${referral.id}/letters`, kela());
    expect(list.items.map((i: { kind: string; languages: string[] }) => `${i.kind}:${i.languages}`)).toEqual([
      'referral_received:sv',
      'referral_declined:sv',
    ]);
    const declined = list.items[1] as { pdf: string };
    const pdf = await t.app.inject({ url: declined.pdf, headers: kela() });
    expect(pdf.statusCode).toBe(200);
    const seen = inspectPdf(pdf.rawPayload);
    expect(seen.dark).toBeGreaterThan(500);
    expect(seen.text).toContain('En annan remiss som gäller dig behandlas redan.');
    expect(seen.text).toContain('Samma ärende behandlas redan i Vanda.');
    expect(
      (await t.app.inject({ url: `/v1/referrals/${referral.id}/letters`, headers: outsider() })).statusCode,
    ).toBe(404);
  });
});
