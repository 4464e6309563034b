import { randomUUID } from 'node:crypto';
import { referralRespondBy, startOfDayInHelsinki } from '@tym/domain';
import { exampleEvent, recordEvent, setDeadline } from '@tym/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerHarness, type WorkerHarness } from '../testing/jobs-harness.js';

/**
 * The inbox tells a client's matters only to staff of the client's parties (issue 10;
 * domain.md §1). A Kerava client's parties are ea-kerava-sipoo, hva-vantaa-kerava and Kela —
 * the organisations of the event or deadline. ea-vantaa shares the Vantaa–Kerava area and has
 * a coordinator allocated there, but is no party of the client: nothing reaches its inbox.
 */
describe('area coordinators are told only of their own clients', () => {
  let h: WorkerHarness;
  const PARTIES = ['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'];
  const inboxKinds = async (sub: string) => (await h.inbox(sub)).map((i) => i.kind);

  beforeAll(async () => {
    h = await createWorkerHarness();
    for (const [org, sub] of [
      ['ea-kerava-sipoo', 'ea-coord'],
      ['kela', 'kela-coord'],
      ['ea-vantaa', 'vantaa-coord'],
    ] as const) {
      await h.staff({ org, sub, roles: ['coordinator'], areas: ['vantaa-kerava'] });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a new referral reaches the coordinators of the client’s parties, not another EA of the area', async () => {
    await h.tdb.db.transaction((tx) =>
      recordEvent(
        tx,
        exampleEvent('referral.submitted', {
          occurredAt: h.clock.now(),
          organisationCodes: PARTIES,
          caseId: null,
          cooperationAreaId: h.area('vantaa-kerava'),
          subjectId: randomUUID(),
        }),
      ),
    );
    await h.dispatchAll();
    expect(await inboxKinds('ea-coord')).toEqual(['referral.submitted']);
    expect(await inboxKinds('kela-coord')).toEqual(['referral.submitted']);
    expect(await inboxKinds('vantaa-coord')).toEqual([]);
  });

  it('an overdue referral is escalated to the same coordinators only', async () => {
    const now = new Date('2026-03-19T10:00:00Z');
    const row = await h.tdb.db.transaction((tx) =>
      setDeadline(
        tx,
        {
          kind: 'referral.response',
          subjectType: 'referral',
          subjectId: randomUUID(),
          caseId: null,
          cooperationAreaId: h.area('vantaa-kerava'),
          organisationCodes: PARTIES,
        },
        referralRespondBy('2026-03-19'),
        { now },
      ),
    );
    h.clock.set(new Date(startOfDayInHelsinki(row.dueOn).getTime() + 3 * 86_400_000));
    await h.runDeadlines();
    const escalated = async (sub: string) =>
      (await h.inbox(sub)).filter((i) => i.sourceKey.startsWith(`deadline:${row.id}`)).map((i) => i.kind);
    expect(await escalated('ea-coord')).toContain('deadline.escalated');
    expect(await escalated('vantaa-coord')).toEqual([]);
  });
});
