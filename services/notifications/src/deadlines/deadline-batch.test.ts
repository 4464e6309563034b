import { startOfDayInHelsinki } from '@tym/domain';
import { setDeadline } from '@tym/jobs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerHarness, silentLog, type WorkerHarness } from '../testing/jobs-harness.js';
import { fireDeadlineSteps, type StepJob } from './deadline-timers.jobs.js';

const ctx = { jobId: 't', attemptsMade: 0 };

/**
 * Many timers fall due at one moment (every reminder of a day at the start of the Helsinki
 * day): they fire together, in one transaction per batch, and each step still exactly once.
 */
describe('due deadline steps fire in batches, each exactly once', () => {
  let h: WorkerHarness;
  let area: string;
  const setAt = new Date('2026-04-01T09:00:00Z');
  // Due 3 days after 10 April: the 3-day reminders fall due at the start of 10 April.
  const remindAt = startOfDayInHelsinki('2026-04-10');

  beforeAll(async () => {
    h = await createWorkerHarness();
    area = h.area('vantaa-kerava');
    await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'batch-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
      email: 'batch-coord@example.fi',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const reviews = async (prefix: string, n: number) => {
    h.clock.set(setAt);
    const rows = [];
    for (let i = 0; i < n; i++) {
      rows.push(
        await h.tdb.db.transaction((tx) =>
          setDeadline(
            tx,
            {
              kind: 'agreement.staffing_review',
              subjectType: 'test',
              subjectId: `${prefix}-${i}`,
              cooperationAreaId: area,
              organisationCodes: ['ea-kerava-sipoo'],
            },
            { dueOn: '2026-04-13', rule: 'agreement.staffing_review', statute: 'VNA 388/2024 §3' },
            { now: setAt },
          ),
        ),
      );
    }
    return rows;
  };
  const deps = () => ({
    db: h.tdb.db,
    clock: h.clock,
    log: silentLog,
    notify: { publicBaseUrl: 'https://tym.example.fi', defaultLanguage: 'fi' as const },
  });
  /** The transaction ids that wrote the firings of these deadlines. */
  const writers = async (ids: string[]) =>
    (
      await h.tdb.db.execute<{ xmin: string }>(
        sql`SELECT DISTINCT xmin::text AS xmin FROM notifications.deadline_firings
             WHERE deadline_id IN (${sql.join(
               ids.map((id) => sql`${id}::uuid`),
               sql`, `,
             )})`,
      )
    ).rows.map((r) => r.xmin);

  it('fires many steps in one transaction; a repeat, a stale version and an early step do not fire', async () => {
    const rows = await reviews('batch', 6);
    h.clock.set(remindAt);
    const steps: StepJob[] = rows.map((r) => ({ deadlineId: r.id, version: r.version, step: 'remind-3' }));
    const [first] = steps;
    if (!first) throw new Error('no step');
    const outcomes = await fireDeadlineSteps(deps(), [
      ...steps,
      first,
      { ...first, version: first.version + 1 },
      { ...first, step: 'due' },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      ...steps.map(() => 'fired'),
      'duplicate',
      'stale',
      'not_due',
    ]);
    expect(outcomes[0]).toEqual({ status: 'fired', recipients: 1, emails: 1 });
    const ids = rows.map((r) => r.id);
    expect(await writers(ids)).toHaveLength(1);
    const firings = (await h.firings()).filter((f) => ids.includes(f.deadlineId));
    expect(firings.map((f) => [f.step, f.recipients])).toEqual(steps.map(() => ['remind-3', 1]));
    const inbox = (await h.inbox('batch-coord')).filter((i) => i.kind === 'deadline.reminder');
    expect(inbox.map((i) => i.sourceKey).sort()).toEqual(
      ids.map((id) => `deadline:${id}:v1:remind-3`).sort(),
    );
    expect(inbox.every((i) => i.params.leadDays === 3)).toBe(true);
    const emails = (await h.emails()).filter((e) =>
      ids.some((id) => e.sourceKey.startsWith(`deadline:${id}`)),
    );
    expect(emails).toHaveLength(6);

    // Again, as a retry would: nothing more.
    const again = await fireDeadlineSteps(deps(), steps);
    expect(again.map((o) => o.status)).toEqual(steps.map(() => 'duplicate'));
    expect((await h.inbox('batch-coord')).filter((i) => i.kind === 'deadline.reminder')).toHaveLength(6);
  });

  it('concurrent deadline.fire jobs of one process are fired together', async () => {
    const rows = await reviews('together', 10);
    h.clock.set(remindAt);
    const outcomes = await Promise.all(
      rows.map((r) =>
        h.processors['deadline.fire']({ deadlineId: r.id, version: r.version, step: 'remind-3' }, ctx),
      ),
    );
    expect(outcomes.map((o) => (o as { status: string }).status)).toEqual(rows.map(() => 'fired'));
    // Jobs that arrive while a batch is being written wait for the next one: at most two.
    expect((await writers(rows.map((r) => r.id))).length).toBeLessThanOrEqual(2);
  });

  it('a step that cannot be written does not hold back the others of its batch', async () => {
    const rows = await reviews('poison', 3);
    h.clock.set(remindAt);
    const [bad] = rows;
    if (!bad) throw new Error('no row');
    // The notice of one deadline cannot be written (a trigger refuses its inbox item).
    await h.tdb.db.execute(
      sql.raw(`CREATE FUNCTION public.refuse_one_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.source_key LIKE 'deadline:${bad.id}:%' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`),
    );
    await h.tdb.db.execute(
      sql`CREATE TRIGGER refuse_one BEFORE INSERT ON notifications.inbox_items FOR EACH ROW EXECUTE FUNCTION public.refuse_one_inbox()`,
    );
    try {
      const outcomes = await Promise.allSettled(
        rows.map((r) =>
          h.processors['deadline.fire']({ deadlineId: r.id, version: r.version, step: 'remind-3' }, ctx),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
      expect((await h.firings(bad.id)).length).toBe(0);
      for (const r of rows.slice(1)) expect((await h.firings(r.id)).map((f) => f.step)).toEqual(['remind-3']);
    } finally {
      await h.tdb.db.execute(sql`DROP TRIGGER refuse_one ON notifications.inbox_items`);
      await h.tdb.db.execute(sql`DROP FUNCTION public.refuse_one_inbox()`);
    }
  });
  it('reads the lead days in each batch: an agreement approved after the timers were set applies', async () => {
    const [before] = await reviews('lead-before', 1);
    const [after] = await reviews('lead-after', 1);
    if (!before || !after) throw new Error('no rows');
    h.clock.set(remindAt);
    expect(
      (await fireDeadlineSteps(deps(), [{ deadlineId: before.id, version: 1, step: 'remind-3' }]))[0]?.status,
    ).toBe('fired');
    // The area's cooperation agreement, in force since January, is approved now: reminders
    // 7 days ahead only. The deadline set on 1 April has no 3-day reminder any more.
    const admin = (org: string) => h.as(org, ['admin']);
    const member = (organisationCode: string, position: string, name: string) => ({
      organisationCode,
      position,
      name,
      deputy: { name: `${name} (deputy)` },
    });
    const group = await h.inject('POST', '/v1/management-groups', admin('ea-kerava-sipoo'), {
      cooperationAreaId: area,
      termStartOn: '2025-01-01',
      members: [
        member('ea-kerava-sipoo', 'chair', 'Kaija Puheenjohtaja'),
        member('hva-vantaa-kerava', 'vice_chair', 'Ville Varapuheenjohtaja'),
        member('ea-vantaa', 'member', 'Eeva Jäsen'),
        member('kela', 'member', 'Kalle Jäsen'),
      ],
    });
    const parties = ['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'];
    const agreement = await h.inject('POST', '/v1/agreements', admin('ea-kerava-sipoo'), {
      managementGroupId: group.id,
      parties: parties.map((organisationCode) => ({ organisationCode })),
      servicesArrangement: 'Joint service point.',
      staffingCommitments: parties.map((organisationCode) => ({
        organisationCode,
        taskTitle: 'Coordinator',
        headcount: 1,
        fte: 1,
      })),
      costSharing: { method: 'proportional_to_fte' },
      kelaContribution: { kind: 'share', percent: 10 },
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      settings: { reminderLeadDays: [7] },
    });
    for (const org of parties) {
      const r = await h.t.app.inject({
        method: 'POST',
        url: `/v1/agreements/${agreement.id}/approvals`,
        headers: { ...admin(org), 'if-match': '"1"' },
        payload: { approvedOn: '2026-01-02' },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const outcomes = await Promise.all(
      ['remind-3', 'remind-7'].map((step) =>
        h.processors['deadline.fire']({ deadlineId: after.id, version: 1, step }, ctx),
      ),
    );
    expect(outcomes.map((o) => (o as { status: string }).status)).toEqual(['stale', 'fired']);
    expect((await h.firings(after.id)).map((f) => f.step)).toEqual(['remind-7']);
  });
});
