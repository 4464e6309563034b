import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import type { ProcessorMap } from '@tym/jobs';
import { assignPositions } from '@tym/jobs';
import { planningService } from '@tym/planning';
import { fixedClock } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { loadDirectory, makeHetu } from '@tym/testing';
import { asc, isNull, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsService } from '../app.js';
import { TEST_CONFIG } from '../testing/harness.js';
import { createProcessors } from '../testing/jobs-harness.js';

const ctx = { jobId: 't', attemptsMade: 0 };

/** poppler-utils (installed by scripts/lib.sh prepare): the PDF's text and page count. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tym-dse-'));
  try {
    const file = join(dir, 'export.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const HETU = makeHetu('150585', '-', '123');

/**
 * The data-subject export (GDPR art. 15; 381/2023 §13): everything about one client as one
 * document, for staff of one of the client's parties with full access to the client.
 */
describe('POST /v1/clients/{id}/data-subject-export', () => {
  let tdb: TestDatabase;
  let t: TestPlatform;
  let processors: ProcessorMap;
  const clock = fixedClock('2026-03-19T08:00:00Z');
  const staffIds = new Map<string, string>();
  const hva = () => ({ authorization: t.bearer('hva-vantaa-kerava', ['caseworker'], 'hva-cw') });
  const kela = () => ({ authorization: t.bearer('kela', ['caseworker'], 'kela-cw') });
  const outsider = () => ({ authorization: t.bearer('hva-ita-uusimaa', ['caseworker'], 'other-cw') });
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) => {
    const r = await t.app.inject({ method, url, headers: headers as never, ...(payload ? { payload } : {}) });
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
  const logCount = async (action?: string) =>
    (
      await tdb.db.execute<{ n: number }>(
        action
          ? sql`SELECT count(*)::int AS n FROM referrals.access_log WHERE action = ${action}`
          : sql`SELECT count(*)::int AS n FROM referrals.access_log`,
      )
    ).rows[0]?.n ?? 0;
  let clientId: string;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await seedReferenceData(tdb.db, { clock });
    t = await createTestPlatform({ pool: tdb.pool });
    const pii = createTestPiiCipher();
    await t.app.register(resourcingService({ db: tdb.db, clock }));
    await t.app.register(referralsService({ db: tdb.db, clock, pii }));
    await t.app.register(planningService({ db: tdb.db, clock }));
    await t.app.register(notificationsService({ db: tdb.db, clock, config: TEST_CONFIG, pii }));
    await t.app.ready();
    processors = createProcessors({ db: tdb.db, clock, log: pino({ level: 'silent' }) });
    const directory = await loadDirectory(t);
    for (const [org, sub, area] of [
      ['kela', 'kela-cw', 'vantaa-kerava'],
      ['hva-vantaa-kerava', 'hva-cw', 'vantaa-kerava'],
      ['hva-ita-uusimaa', 'other-cw', 'ita-uusimaa'],
    ] as const)
      staffIds.set(sub, await directory.staff({ org, sub, roles: ['caseworker'], areas: [area] }));

    const referral = await ok('POST', '/v1/referrals', kela(), {
      client: {
        identityCode: HETU,
        firstNames: 'Aino Helmi',
        lastName: 'Virtanen',
        homeMunicipalityCode: '245',
        preferredLanguage: 'fi',
        contactDetails: { email: 'aino@example.fi', streetAddress: 'Kauppakaari 1' },
      },
      grounds: ['work_capacity_limitations'],
      description: 'Tarvitsee kuntoutusta ja työkokeilun.',
    });
    referralId = referral.id;
    clientId = referral.clientId;
    const accepted = await ok('POST', `/v1/referrals/${referral.id}/accept`, hva(), {});
    caseId = accepted.case.id;
    await ok('POST', `/v1/cases/${caseId}/meetings`, hva(), {
      kind: 'assessment',
      start: '2026-03-25T10:00',
      durationMinutes: 60,
      mode: 'remote',
      onlineUrl: 'https://meet.example.fi/tym-dse',
      participants: {
        staff: [{ staffId: staffIds.get('kela-cw') }],
        client: { displayName: 'Aino Virtanen' },
      },
    });
    await dispatchAll();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await tdb?.destroy();
  });

  it('gives the case team everything about the client as one JSON document, and logs it', async () => {
    const before = await logCount();
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/clients/${clientId}/data-subject-export`,
      headers: { ...hva(), 'x-access-purpose': 'tietopyyntö' },
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = res.json();
    expect(doc).toMatchObject({
      clientId,
      generatedAt: '2026-03-19T08:00:00.000Z',
      generatedBy: { organisationCode: 'hva-vantaa-kerava', subject: 'hva-cw' },
      client: { id: clientId, identityCode: HETU, firstNames: 'Aino Helmi', lastName: 'Virtanen' },
    });
    expect(doc.client).not.toHaveProperty('identityCodeEncrypted');
    expect(doc.client).not.toHaveProperty('identityCodeIndex');
    expect(doc.referrals).toHaveLength(1);
    expect(doc.referrals[0]).toMatchObject({
      id: referralId,
      description: 'Tarvitsee kuntoutusta ja työkokeilun.',
      status: 'accepted',
    });
    expect(doc.referrals[0].transitions.length).toBeGreaterThanOrEqual(1);
    expect(doc.cases).toHaveLength(1);
    expect(doc.cases[0]).toMatchObject({ id: caseId });
    expect(doc.cases[0].team.length).toBeGreaterThanOrEqual(1);
    // Moves between areas (380/2023 §17) are part of the case's record; this client never moved.
    expect(doc.cases[0].transfers).toEqual([]);
    expect(doc.meetings).toHaveLength(1);
    expect(doc.meetings[0].participants.map((p: { kind: string }) => p.kind).sort()).toEqual([
      'client',
      'staff',
      'staff',
    ]);
    expect(Array.isArray(doc.plans)).toBe(true);
    expect(doc.clientMessages.map((m: { kind: string }) => m.kind)).toEqual(
      expect.arrayContaining(['referral_received', 'relationship_started']),
    );
    // The access log of their data, including this export (written in the same transaction).
    expect(doc.accessLog.every((r: { clientId: string }) => r.clientId === clientId)).toBe(true);
    expect(doc.accessLog.map((r: { action: string }) => r.action)).toContain('referral.accept');
    expect(doc.accessLog.at(-1)).toMatchObject({
      action: 'client.data_subject_export',
      actorOrganisation: 'hva-vantaa-kerava',
      purpose: 'tietopyyntö',
      clientId,
    });
    expect(await logCount()).toBe(before + 1);
    expect(await logCount('client.data_subject_export')).toBe(1);
  });

  it('gives the same as a printable PDF, headings in the request’s language, and logs it', async () => {
    const before = await logCount('client.data_subject_export');
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/clients/${clientId}/data-subject-export.pdf`,
      headers: { ...hva(), 'accept-language': 'sv' },
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    // The file name names no one.
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="TYM-data-subject-[0-9a-f]{8}\.pdf"$/,
    );
    const text = pdfText(res.rawPayload);
    for (const expected of [
      'Den registrerades uppgifter',
      'Remisser',
      'Möten',
      'Logg över användningen av uppgifterna',
      'Aino Helmi',
      'Virtanen',
      HETU,
      'Tarvitsee kuntoutusta ja työkokeilun.',
      'client.data_subject_export',
    ])
      expect(text).toContain(expected);
    expect(await logCount('client.data_subject_export')).toBe(before + 1);
    const denied = await t.app.inject({
      method: 'POST',
      url: `/v1/clients/${clientId}/data-subject-export.pdf`,
      headers: outsider(),
      payload: {},
    });
    expect(denied.statusCode).toBe(404);
    expect(await logCount('client.data_subject_export')).toBe(before + 1);
  });

  it('is not there for anyone without full access to the client, and logs nothing then', async () => {
    const before = await logCount();
    for (const headers of [
      outsider(),
      // Kela's caseworker is a party but not on the team: masked access only.
      kela(),
      { authorization: t.bearer('hva-vantaa-kerava', ['partner'], 'hva-system') },
      { authorization: t.bearer('hva-vantaa-kerava', ['auditor'], 'hva-auditor') },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/clients/${clientId}/data-subject-export`,
        headers,
        payload: {},
      });
      expect([403, 404]).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const missing = await t.app.inject({
      method: 'POST',
      url: '/v1/clients/00000000-0000-4000-8000-000000000000/data-subject-export',
      headers: hva(),
      payload: {},
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('DATA_SUBJECT_CLIENT_NOT_FOUND');
    expect(await logCount()).toBe(before);
  });
});
