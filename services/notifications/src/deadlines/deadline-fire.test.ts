import { deadlines } from '@tym/db';
import {
  erasureDueOn,
  managementGroupTermEndsOn,
  planDueOn,
  referralRespondBy,
  reviewDueOn,
  reviewRequestDueOn,
  staffingReviewDueOn,
  startOfDayInHelsinki,
} from '@tym/domain';
import { type ComputedDue, meetDeadline, setDeadline } from '@tym/jobs';
import { makeHetu } from '@tym/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerHarness, type WorkerHarness } from '../testing/jobs-harness.js';

const ctx = { jobId: 't', attemptsMade: 0 };

describe('deadline timers fire on local dates, exactly once', () => {
  let h: WorkerHarness;
  let caseId: string;
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');

  beforeAll(async () => {
    h = await createWorkerHarness();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
      email: 'hva-cw@example.fi',
    });
    await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
      email: 'coord@example.fi',
    });
    ({ caseId } = await h.openCase(makeHetu('010190', '-', '123'), kela(), hva()));
    await h.dispatchAll();
  });
  afterAll(async () => {
    await h?.close();
  });

  const planDue = async () => {
    const [row] = (await h.deadlinesOf(caseId)).filter((d) => d.kind === 'plan.due');
    if (!row) throw new Error('no plan.due deadline');
    return row;
  };

  it('tells the new referral to the area’s coordinators and the acceptance to the team', async () => {
    const coord = await h.inbox('ea-coord');
    expect(coord.map((i) => i.kind)).toContain('referral.submitted');
    // The accepting caseworker caused the events of the acceptance: not told of them.
    expect((await h.inbox('hva-cw')).map((i) => i.kind)).toEqual([]);
  });

  it('reminds the team 14 and 3 days ahead, notes the due day and escalates to coordinators after it', async () => {
    const row = await planDue();
    // 19 March + 3 months = Friday 19 June 2026, Midsummer Eve → Monday 22 June.
    expect(row.dueOn).toBe('2026-06-22');
    const steps = async (iso: string) => {
      h.clock.set(iso);
      return (await h.runDeadlines()).due.map((d) => d.step);
    };
    // Helsinki is UTC+3 in June: 8 June begins at 21:00 UTC on 7 June.
    expect(await steps('2026-06-07T20:59:59.999Z')).toEqual([]);
    expect(await steps('2026-06-07T21:00:00.000Z')).toEqual(['remind-14']);
    expect(await steps('2026-06-08T12:00:00.000Z')).toEqual([]);
    expect(await steps('2026-06-18T21:00:00.000Z')).toEqual(['remind-3']);
    expect(await steps('2026-06-21T21:00:00.000Z')).toEqual(['due']);
    expect(await steps('2026-06-22T20:59:59.999Z')).toEqual([]);
    expect(await steps('2026-06-22T21:00:00.000Z')).toEqual(['escalate']);
    expect(await steps('2026-06-25T09:00:00.000Z')).toEqual([]);

    const team = await h.inbox('hva-cw');
    expect(team.map((i) => [i.kind, i.params.leadDays])).toEqual([
      ['deadline.reminder', 14],
      ['deadline.reminder', 3],
      ['deadline.due', null],
    ]);
    const coord = (await h.inbox('ea-coord')).filter((i) => i.kind.startsWith('deadline.'));
    expect(coord.map((i) => i.kind)).toEqual(['deadline.escalated']);
    expect((await h.firings(row.id)).map((f) => [f.step, f.version, f.recipients])).toEqual([
      ['remind-14', row.version, 1],
      ['remind-3', row.version, 1],
      ['due', row.version, 1],
      ['escalate', row.version, 1],
    ]);
    // E-mail went to the outbox for both (both have addresses and e-mail on by default).
    expect((await h.emails()).filter((e) => e.sourceKey.startsWith(`deadline:${row.id}`))).toHaveLength(4);
  });

  it('sends a step once under duplicates, concurrent runs and retries', async () => {
    const row = await planDue();
    const job = { deadlineId: row.id, version: row.version, step: 'remind-3' };
    const again = await Promise.all([1, 2, 3].map(() => h.processors['deadline.fire'](job, ctx)));
    expect(again.map((o) => (o as { status: string }).status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);

    // A fresh version: three concurrent runs of the same due step, one wins.
    const now = new Date('2026-07-01T09:00:00Z');
    h.clock.set(now);
    const moved = await h.tdb.db.transaction((tx) =>
      setDeadline(
        tx,
        {
          kind: 'plan.action',
          subjectType: 'plan_action',
          subjectId: 'action-1',
          caseId,
          cooperationAreaId: h.area('vantaa-kerava'),
          organisationCodes: ['hva-vantaa-kerava'],
        },
        { dueOn: '2026-07-01', rule: 'plan.action', statute: '381/2023 §5' },
        { now },
      ),
    );
    const dueJob = { deadlineId: moved.id, version: moved.version, step: 'due' };
    const results = await Promise.all([1, 2, 3].map(() => h.processors['deadline.fire'](dueJob, ctx)));
    expect(results.filter((r) => (r as { status: string }).status === 'fired')).toHaveLength(1);
    expect(results.filter((r) => (r as { status: string }).status === 'duplicate')).toHaveLength(2);
    const items = (await h.inbox('hva-cw')).filter((i) => i.sourceKey === `deadline:${moved.id}:v1:due`);
    expect(items).toHaveLength(1);
    expect((await h.firings(moved.id)).length).toBe(1);
  });

  it('supersedes the timers of a moved version and stops after the deadline is met', async () => {
    const now = new Date('2026-07-01T09:00:00Z');
    h.clock.set(now);
    const subject = {
      kind: 'plan.review',
      subjectType: 'case',
      subjectId: caseId,
      caseId,
      cooperationAreaId: h.area('vantaa-kerava'),
      organisationCodes: ['hva-vantaa-kerava'],
    };
    const v1 = await h.tdb.db.transaction((tx) =>
      setDeadline(tx, subject, reviewDueOn('2026-05-01'), { now }),
    );
    expect(v1.dueOn).toBe('2026-08-03'); // 1 Aug 2026 is a Saturday
    const v2 = await h.tdb.db.transaction((tx) =>
      setDeadline(tx, subject, reviewDueOn('2026-06-01'), { now }),
    );
    expect(v2.version).toBe(2);
    expect(v2.dueOn).toBe('2026-09-01');
    h.clock.set(startOfDayInHelsinki('2026-08-03'));
    // The old version's timer finds a newer version: nothing is sent.
    expect(await h.processors['deadline.fire']({ deadlineId: v1.id, version: 1, step: 'due' }, ctx)).toEqual({
      status: 'stale',
    });
    expect((await h.runDeadlines()).due.filter((d) => d.deadlineId === v2.id)).toEqual([]);
    h.clock.set(startOfDayInHelsinki('2026-08-18'));
    expect(
      (await h.runDeadlines()).due.filter((d) => d.deadlineId === v2.id).map((d) => [d.step, d.version]),
    ).toEqual([['remind-14', 2]]);
    // Met before the 3-day reminder: nothing more, even when the sweep runs past every date.
    await h.tdb.db.transaction((tx) =>
      meetDeadline(tx, 'plan.review', caseId, '2026-08-20', { now: h.clock.now() }),
    );
    const [met] = await h.tdb.db.select().from(deadlines).where(eq(deadlines.id, v2.id));
    expect(met?.status).toBe('met');
    h.clock.set('2026-09-10T09:00:00Z');
    expect((await h.runDeadlines()).due.filter((d) => d.deadlineId === v2.id)).toEqual([]);
    expect(await h.processors['deadline.fire']({ deadlineId: v2.id, version: 2, step: 'due' }, ctx)).toEqual({
      status: 'stale',
    });
    expect((await h.firings(v2.id)).map((f) => f.step)).toEqual(['remind-14']);
  });

  it('fires every kind of deadline on the right local date', async () => {
    const area = h.area('vantaa-kerava');
    const base = new Date('2026-01-05T09:00:00Z');
    const cases: Array<{ kind: string; due: ComputedDue; onCase: boolean }> = [
      { kind: 'referral.response', due: referralRespondBy('2026-01-05'), onCase: true },
      { kind: 'plan.due', due: planDueOn('2026-01-05'), onCase: true },
      { kind: 'plan.review', due: reviewDueOn('2026-01-27'), onCase: true },
      { kind: 'plan.review_requested', due: reviewRequestDueOn('2026-01-07'), onCase: true },
      {
        kind: 'plan.client_report',
        due: { dueOn: '2026-02-27', rule: 'plan.client_report', statute: '381/2023 §7(1)' },
        onCase: true,
      },
      {
        kind: 'plan.action',
        due: { dueOn: '2026-03-04', rule: 'plan.action', statute: '381/2023 §5' },
        onCase: true,
      },
      { kind: 'agreement.staffing_review', due: staffingReviewDueOn('2025-03-01'), onCase: false },
      { kind: 'management_group.term', due: managementGroupTermEndsOn('2021-05-01'), onCase: false },
    ];
    h.clock.set(base);
    const rows = [];
    for (const c of cases) {
      rows.push(
        await h.tdb.db.transaction((tx) =>
          setDeadline(
            tx,
            {
              kind: c.kind,
              subjectType: 'test',
              subjectId: `all-kinds-${c.kind}`,
              caseId: c.onCase ? caseId : null,
              cooperationAreaId: area,
              organisationCodes: ['hva-vantaa-kerava', 'ea-kerava-sipoo'],
            },
            c.due,
            { now: base },
          ),
        ),
      );
    }
    // In date order: moving the clock past a date fires everything due by then.
    rows.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    for (const row of rows) {
      h.clock.set(new Date(startOfDayInHelsinki(row.dueOn).getTime() - 1));
      const before = (await h.runDeadlines()).due.filter((d) => d.deadlineId === row.id).map((d) => d.step);
      expect(before, row.kind).not.toContain('due');
      h.clock.set(startOfDayInHelsinki(row.dueOn));
      const on = (await h.runDeadlines()).due.filter((d) => d.deadlineId === row.id).map((d) => d.step);
      expect(on, row.kind).toEqual(['due']);
      // Case deadlines go to the case team; area deadlines to the area's coordinators.
      const who = (await h.inbox())
        .filter((i) => i.sourceKey === `deadline:${row.id}:v1:due`)
        .map((i) => i.subject);
      expect(who, row.kind).toEqual(row.caseId ? ['hva-cw'] : ['ea-coord']);
    }
    // Each reminder fired once too, on its own day.
    for (const row of rows) {
      const steps = (await h.firings(row.id)).map((f) => f.step);
      expect(new Set(steps).size, row.kind).toBe(steps.length);
      expect(steps, row.kind).toContain('due');
    }
    // The erasure kind: erased only once its day has ended (see erasure tests for the effect).
    const ended = erasureDueOn('2026-01-05');
    expect(ended.dueOn).toBe('2030-01-05');
  });
});
