import { accessLog, cases, clients, deadlines, erasureHolds, referrals } from '@tym/db';
import { makeHetu } from '@tym/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, createWorkerHarness, type WorkerHarness } from '../testing/jobs-harness.js';

const ctx = { jobId: 'erase-test', attemptsMade: 0 };

describe('erasure when the retention ends (381/2023 §12(2))', () => {
  let h: WorkerHarness;
  let ended: { caseId: string; clientId: string; referralId: string };
  let open: { caseId: string; clientId: string; referralId: string };
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw');
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');

  const clientRow = async (id: string) =>
    (await h.tdb.db.select().from(clients).where(eq(clients.id, id)))[0];
  const erasureDeadline = async (caseId: string) =>
    (
      await h.tdb.db
        .select()
        .from(deadlines)
        .where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, 'case.erasure')))
    )[0];

  beforeAll(async () => {
    h = await createWorkerHarness();
    const ids = {
      kela: await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] }),
      hva: await h.staff({
        org: 'hva-vantaa-kerava',
        sub: 'hva-cw',
        roles: ['caseworker'],
        areas: ['vantaa-kerava'],
      }),
      ea: await h.staff({
        org: 'ea-kerava-sipoo',
        sub: 'ea-cw',
        roles: ['caseworker'],
        areas: ['vantaa-kerava'],
      }),
    };
    ended = await h.openCase(makeHetu('010180', '-', '111'), kela(), hva());
    open = await h.openCase(makeHetu('020280', '-', '222'), kela(), hva());
    await h.inject('POST', `/v1/cases/${ended.caseId}/team`, hva(), { staffId: ids.ea, role: 'member' });
    await h.inject('POST', `/v1/cases/${ended.caseId}/team`, hva(), { staffId: ids.kela, role: 'member' });
    await h.inject('POST', `/v1/cases/${ended.caseId}/ending`, hva(), { reasonCode: 'employed' });
    for (const who of [hva(), ea(), kela()])
      await h.inject('POST', `/v1/cases/${ended.caseId}/ending/confirmations`, who, {});
    await h.dispatchAll();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sets the erasure 4 years after the end and does nothing before that day has ended', async () => {
    const d = await erasureDeadline(ended.caseId);
    expect(d).toMatchObject({ status: 'pending', dueOn: '2030-03-19' });
    // Helsinki is UTC+2 in March 2030: 19 March ends at 22:00 UTC.
    h.clock.set('2030-03-19T21:59:59.999Z');
    expect((await h.runDeadlines()).due.filter((j) => j.step === 'erase')).toEqual([]);
    expect((await clientRow(ended.clientId))?.lastName).toBe(CLIENT.lastName);
  });

  it('holds the erasure while a matter is pending, and erases after the hold is released', async () => {
    const [hold] = await h.tdb.db
      .insert(erasureHolds)
      .values({
        caseId: ended.caseId,
        reasonCode: 'pending_matter',
        placedAt: h.clock.now(),
        placedByOrganisation: 'hva-vantaa-kerava',
        placedBySub: 'hva-cw',
      })
      .returning();
    h.clock.set('2030-03-19T22:00:00.000Z');
    expect((await h.runDeadlines()).due.filter((j) => j.step === 'erase')).toEqual([]);
    const d = await erasureDeadline(ended.caseId);
    if (!d || !hold) throw new Error('setup');
    expect(await h.processors['case.erase']({ deadlineId: d.id, version: d.version }, ctx)).toEqual({
      status: 'held',
    });
    expect((await clientRow(ended.clientId))?.lastName).toBe(CLIENT.lastName);

    await h.tdb.db
      .update(erasureHolds)
      .set({
        releasedAt: h.clock.now(),
        releasedByOrganisation: 'hva-vantaa-kerava',
        releasedBySub: 'hva-cw',
      })
      .where(eq(erasureHolds.id, hold.id));
    const before = {
      accessLog: await h.count('referrals.access_log'),
      otherClient: await clientRow(open.clientId),
      otherReferral: (await h.tdb.db.select().from(referrals).where(eq(referrals.id, open.referralId)))[0],
      case: (await h.tdb.db.select().from(cases).where(eq(cases.id, ended.caseId)))[0],
    };
    const run = await h.runDeadlines();
    expect(run.outcomes).toEqual([{ status: 'erased', clientIdentityErased: true }]);

    // What must go is gone.
    const client = await clientRow(ended.clientId);
    expect(client).toMatchObject({
      identityCodeEncrypted: 'v1.erased',
      identityCodeIndex: `erased:${ended.clientId}`,
      firstNames: 'ERASED',
      lastName: 'ERASED',
      contactDetails: {},
      specialArrangements: {},
      informationWishes: null,
      // Anonymous statistics stay.
      homeMunicipalityCode: '245',
    });
    const [referral] = await h.tdb.db.select().from(referrals).where(eq(referrals.id, ended.referralId));
    expect(referral).toMatchObject({
      description: 'ERASED',
      status: 'accepted',
      grounds: ['life_management_problems'],
    });

    // Nothing else changed: the case, the other client and their referral.
    expect((await h.tdb.db.select().from(cases).where(eq(cases.id, ended.caseId)))[0]).toEqual(before.case);
    expect(await clientRow(open.clientId)).toEqual(before.otherClient);
    expect((await h.tdb.db.select().from(referrals).where(eq(referrals.id, open.referralId)))[0]).toEqual(
      before.otherReferral,
    );

    // The access log keeps the fact (one row appended, none removed).
    expect(await h.count('referrals.access_log')).toBe(before.accessLog + 1);
    const [logged] = await h.tdb.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.clientId, ended.clientId), eq(accessLog.action, 'client.erase')));
    expect(logged).toMatchObject({
      resourceType: 'case',
      resourceId: ended.caseId,
      actorSub: 'system:erasure',
    });

    // The deadline is met on its day; a second run erases nothing.
    const d2 = await erasureDeadline(ended.caseId);
    expect(d2).toMatchObject({ status: 'met', metOn: '2030-03-19' });
    expect(await h.processors['case.erase']({ deadlineId: d.id, version: d.version }, ctx)).toEqual({
      status: 'stale',
    });
    expect((await h.runDeadlines()).due).toEqual([]);
    expect(await h.count('referrals.access_log')).toBe(before.accessLog + 1);

    // The team hears of it (no personal data in the notification).
    await h.dispatchAll();
    const told = (await h.inbox()).filter((i) => i.kind === 'case.erased');
    expect(told.map((i) => i.subject).sort()).toEqual(['ea-cw', 'hva-cw', 'kela-cw']);
    expect(JSON.stringify(told)).not.toContain(CLIENT.lastName);
  });
});
