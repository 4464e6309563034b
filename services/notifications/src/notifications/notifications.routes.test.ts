import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { startOfDayInHelsinki } from '@tym/domain';
import { assignPositions } from '@tym/jobs';
import { fixedClock } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { makeHetu } from '@tym/testing';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsService } from '../app.js';
import { sweepDeadlines } from '../deadlines/deadline-timers.jobs.js';
import { TEST_CONFIG } from '../testing/harness.js';
import { createProcessors } from '../testing/jobs-harness.js';

const log = pino({ level: 'silent' });
const ctx = { jobId: 't', attemptsMade: 0 };

describe('inbox, settings, deadlines and erasure holds (routes)', () => {
  let tdb: TestDatabase;
  let t: TestPlatform;
  const clock = fixedClock('2026-03-19T10:00:00Z');
  let caseId: string;
  const hva = { authorization: '' };
  const coord = { authorization: '' };
  const kela = { authorization: '' };
  const stranger = { authorization: '' };

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await seedReferenceData(tdb.db, { clock });
    t = await createTestPlatform({ pool: tdb.pool });
    await t.app.register(resourcingService({ db: tdb.db, clock }));
    await t.app.register(referralsService({ db: tdb.db, clock, pii: createTestPiiCipher() }));
    await t.app.register(
      notificationsService({
        db: tdb.db,
        clock,
        config: TEST_CONFIG,
        publicBaseUrl: 'https://tym.example.fi',
      }),
    );
    await t.app.ready();
    hva.authorization = t.bearer('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
    coord.authorization = t.bearer('ea-kerava-sipoo', ['coordinator'], 'ea-coord');
    kela.authorization = t.bearer('kela', ['caseworker'], 'kela-cw');
    stranger.authorization = t.bearer('hva-pirkanmaa', ['caseworker'], 'pirkka');
    const areas = (await call('GET', '/v1/cooperation-areas', kela)).json().items as Array<{
      id: string;
      code: string;
    }>;
    const area = areas.find((a) => a.code === 'vantaa-kerava')?.id as string;
    for (const [org, sub, roles] of [
      ['kela', 'kela-cw', ['caseworker']],
      ['hva-vantaa-kerava', 'hva-cw', ['caseworker']],
      ['ea-kerava-sipoo', 'ea-coord', ['coordinator']],
    ] as const) {
      const admin = { authorization: t.bearer(org, ['admin'], `${org}-admin`) };
      const s = await call('POST', '/v1/staff', admin, { subject: sub, displayName: sub, roles });
      await call('PUT', `/v1/staff/${s.json().id}/allocations`, admin, {
        allocations: [{ cooperationAreaId: area, fte: 0.5 }],
      });
    }
    const hetu = makeHetu('010190', '-', '123');
    const referral = await call('POST', '/v1/referrals', kela, {
      client: {
        identityCode: hetu,
        firstNames: 'Maija',
        lastName: 'Meikäläinen',
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Tarvitsee tukea.',
    });
    caseId = (await call('POST', `/v1/referrals/${referral.json().id}/accept`, hva, {})).json().case.id;
    // The worker's half: dispatch the events, fire the 14-day reminder of plan.due.
    const processors = createProcessors({
      db: tdb.db,
      clock,
      log,
      notify: { publicBaseUrl: 'https://tym.example.fi', defaultLanguage: 'fi' },
    });
    await assignPositions(tdb.db);
    const evs = await tdb.db.execute<{ id: number; position: number }>(
      sql`SELECT id, position FROM platform.events ORDER BY position`,
    );
    for (const e of evs.rows)
      await processors['event.dispatch']({ eventId: Number(e.id), position: Number(e.position) }, ctx);
    clock.set(startOfDayInHelsinki('2026-06-08'));
    const swept = await sweepDeadlines({
      db: tdb.db,
      clock,
      log,
      notify: { publicBaseUrl: '', defaultLanguage: 'fi' },
    });
    for (const job of swept.due) await processors['deadline.fire'](job, ctx);
  });
  afterAll(async () => {
    await t?.close();
    await tdb?.destroy();
  });

  it('lists the caller’s own inbox in their language, marks read and read-all', async () => {
    const fi = await call('GET', '/v1/notifications', { ...hva, 'accept-language': 'fi' });
    expect(fi.statusCode).toBe(200);
    expect(fi.json().items).toHaveLength(1);
    expect(fi.json().items[0]).toMatchObject({
      kind: 'deadline.reminder',
      title: 'Muistutus: Monialainen työllistymissuunnitelma 22.6.2026',
      link: `https://tym.example.fi/v1/cases/${caseId}`,
      caseId,
      readAt: null,
    });
    expect(fi.json().unreadCount).toBe(1);
    // Settings: Swedish, e-mail off; the same item reads in Swedish.
    const put = await call('PUT', '/v1/staff/me/notification-settings', hva, {
      emailEnabled: false,
      language: 'sv',
    });
    expect(put.json()).toEqual({ emailEnabled: false, language: 'sv', effectiveLanguage: 'sv' });
    expect((await call('GET', '/v1/staff/me/notification-settings', hva)).json()).toMatchObject({
      language: 'sv',
    });
    const sv = (await call('GET', '/v1/notifications?unread=true', hva)).json();
    expect(sv.items[0].title).toBe('Påminnelse: Sektorsövergripande sysselsättningsplan 22.6.2026');
    expect(JSON.stringify(sv)).not.toContain('Meikäläinen');

    const id = sv.items[0].id as string;
    expect((await call('POST', `/v1/notifications/${id}/read`, kela)).statusCode).toBe(404);
    const read = await call('POST', `/v1/notifications/${id}/read`, hva);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await call('GET', '/v1/notifications?unread=true', hva)).json().items).toEqual([]);
    const coordInbox = (await call('GET', '/v1/notifications', coord)).json();
    expect(coordInbox.unreadCount).toBeGreaterThan(0);
    expect((await call('POST', '/v1/notifications/read-all', coord)).json().updated).toBe(
      coordInbox.unreadCount,
    );
    expect((await call('GET', '/v1/notifications', coord)).json().unreadCount).toBe(0);
    expect((await call('GET', '/v1/notifications?cursor=xyz', coord)).json().code).toBe(
      'NOTIFICATION_CURSOR_INVALID',
    );
    expect((await t.app.inject({ url: '/v1/notifications' })).statusCode).toBe(401);
  });

  it('lists deadlines with status, rule, statute and explanation, scoped like cases', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/deadlines`, { ...hva, 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    const planDue = (res.json().items as Array<Record<string, unknown>>).find((d) => d.kind === 'plan.due');
    expect(planDue).toMatchObject({
      status: 'due_soon',
      dueOn: '2026-06-22',
      rule: 'plan.due',
      statute: '381/2023 §4(2); 150/1930 §3, §5',
    });
    expect(String(planDue?.explanation)).toContain('Midsummer');
    // The coordinator sees the area's deadlines; a filter by status and kind.
    const area = (await call('GET', '/v1/deadlines?status=met', coord)).json();
    expect(area.items.map((d: { kind: string }) => d.kind)).toEqual(['referral.response']);
    const soon = (await call('GET', '/v1/deadlines?kind=plan.due&status=due_soon', coord)).json();
    expect(soon.items).toHaveLength(1);
    // Pages with a cursor.
    const p1 = (await call('GET', '/v1/deadlines?limit=1', coord)).json();
    expect(p1.items).toHaveLength(1);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = (await call('GET', `/v1/deadlines?limit=1&cursor=${p1.nextCursor}`, coord)).json();
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    // Someone not on the team and not a coordinator of the area: the case does not exist.
    expect((await call('GET', `/v1/cases/${caseId}/deadlines`, stranger)).statusCode).toBe(404);
    expect((await call('GET', '/v1/deadlines', stranger)).json().items).toEqual([]);
    expect((await call('GET', '/v1/deadlines?status=late', hva)).statusCode).toBe(400);
  });

  it('puts the erasure on hold with a reason and releases it', async () => {
    expect(
      (await call('POST', `/v1/cases/${caseId}/erasure-hold`, stranger, { reasonCode: 'pending_matter' }))
        .statusCode,
    ).toBe(404);
    const placed = await call('POST', `/v1/cases/${caseId}/erasure-hold`, hva, {
      reasonCode: 'pending_matter',
      note: 'Dnro 123/2026',
    });
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({
      caseId,
      reasonCode: 'pending_matter',
      note: 'Dnro 123/2026',
      releasedAt: null,
    });
    const twice = await call('POST', `/v1/cases/${caseId}/erasure-hold`, coord, { reasonCode: 'appeal' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ERASURE_HOLD_EXISTS');
    const released = await call('DELETE', `/v1/cases/${caseId}/erasure-hold`, coord);
    expect(released.statusCode).toBe(200);
    expect(released.json().releasedAt).not.toBeNull();
    expect((await call('DELETE', `/v1/cases/${caseId}/erasure-hold`, coord)).json().code).toBe(
      'ERASURE_HOLD_NOT_FOUND',
    );
  });
});
