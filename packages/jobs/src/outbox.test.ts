import { deadlines, events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelDeadline, meetDeadline, setDeadline } from './deadlines.js';
import { exampleEvent } from './events/event-catalog.js';
import { assertThinPayload, recordEvent } from './outbox.js';
import { assignPositions } from './relay.js';

const now = new Date('2026-03-19T10:00:00Z');
const caseId = '00000000-0000-4000-8000-000000000001';
const ctx = { now, actor: { organisation: 'kela', sub: 'u1' } };

describe('outbox and deadlines', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb.destroy();
  });

  it('numbers the events of a case 1, 2, 3 and writes nothing when the transaction rolls back', async () => {
    const base = {
      occurredAt: now,
      organisationCodes: ['kela', 'helsinki'],
      caseId,
      subjectId: caseId,
      payload: { caseId },
    };
    await tdb.db.transaction(async (tx) => {
      await recordEvent(tx, exampleEvent('case.team_changed', base));
      await recordEvent(tx, exampleEvent('case.review_requested', base));
    });
    await expect(
      tdb.db.transaction(async (tx) => {
        await recordEvent(tx, exampleEvent('case.ended', base));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await tdb.db.transaction((tx) => recordEvent(tx, exampleEvent('case.erasure_held', base)));
    const rows = await tdb.db.select().from(events).where(eq(events.caseId, caseId)).orderBy(asc(events.id));
    expect(rows.map((r) => [r.type, r.caseSequence])).toEqual([
      ['case.team_changed', 1],
      ['case.review_requested', 2],
      ['case.erasure_held', 3],
    ]);
    expect(rows[0]?.organisationCodes).toEqual(['helsinki', 'kela']);
  });

  it('refuses a type outside the catalog, another subject, and a payload its schema does not allow', async () => {
    const write = (event: unknown) =>
      tdb.db.transaction((tx) => recordEvent(tx, event as Parameters<typeof recordEvent>[1]));
    const good = exampleEvent('referral.withdrawn', {
      occurredAt: now,
      organisationCodes: ['kela'],
      subjectId: 'r',
    });
    await expect(write({ ...good, type: 'referral.vanished' })).rejects.toThrow(/not in the event catalog/);
    await expect(write({ ...good, subjectType: 'case' })).rejects.toThrow(/about a referral, not case/);
    await expect(write({ ...good, payload: { referralId: 'not-a-uuid', clientId: caseId } })).rejects.toThrow(
      /payload\/referralId does not match/,
    );
    await expect(write({ ...good, payload: { ...good.payload, extra: 1 } })).rejects.toThrow(
      /does not match/,
    );
    const [{ count } = { count: -1 }] = (
      await tdb.pool.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM platform.events WHERE subject_id = 'r'`,
      )
    ).rows;
    expect(count).toBe(0);
    await write(good);
  });

  it('refuses payloads that look like personal data', () => {
    expect(() => assertThinPayload({ caseId, client: { lastName: 'x' } })).toThrow(/personal data/);
    expect(() => assertThinPayload({ identityCode: 'x' })).toThrow(/personal data/);
    expect(() => assertThinPayload({ people: [{ id: 1 }, { lastName: 'x' }] })).toThrow(
      /people\[1\]\.lastName/,
    );
    expect(() => assertThinPayload({ caseId, dueOn: '2026-06-22' })).not.toThrow();
  });

  it('positions events in commit order, so a late commit never falls behind a cursor', async () => {
    await assignPositions(tdb.db);
    const slow = await tdb.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO platform.events (type, occurred_at, organisation_codes, subject_type, subject_id)
         VALUES ('slow.committed', now(), '{kela}', 'x', 'slow')`,
      );
      await tdb.db.transaction((tx) =>
        recordEvent(
          tx,
          exampleEvent('staff.created', { occurredAt: now, organisationCodes: ['kela'], subjectId: 'fast' }),
        ),
      );
      expect(await assignPositions(tdb.db)).toBe(1);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    expect(await assignPositions(tdb.db)).toBe(1);
    const [fast] = await tdb.db.select().from(events).where(eq(events.subjectId, 'fast'));
    const [late] = await tdb.db.select().from(events).where(eq(events.subjectId, 'slow'));
    expect(late?.id).toBeLessThan(fast?.id ?? 0);
    expect(late?.position).toBeGreaterThan(fast?.position ?? Number.MAX_SAFE_INTEGER);
  });

  it('sets, moves, meets and cancels deadlines with versions and events', async () => {
    const subject = {
      kind: 'plan.due',
      subjectType: 'case',
      subjectId: caseId,
      caseId,
      organisationCodes: ['kela'],
    };
    const due = (dueOn: string) => ({
      dueOn,
      rule: 'plan.due',
      statute: '381/2023 §4(2); 150/1930 §3, §5',
      from: '2026-03-19',
    });
    const created = await tdb.db.transaction((tx) => setDeadline(tx, subject, due('2026-06-22'), ctx));
    expect(created).toMatchObject({ status: 'pending', version: 1, dueOn: '2026-06-22' });
    expect(created.computation).toEqual({ from: '2026-03-19' });

    const moved = await tdb.db.transaction((tx) => setDeadline(tx, subject, due('2026-07-01'), ctx));
    expect(moved).toMatchObject({ id: created.id, version: 2, dueOn: '2026-07-01' });
    const same = await tdb.db.transaction((tx) => setDeadline(tx, subject, due('2026-07-01'), ctx));
    expect(same.version).toBe(2);

    const late = await tdb.db.transaction((tx) => meetDeadline(tx, 'plan.due', caseId, '2026-07-02', ctx));
    expect(late).toMatchObject({ status: 'met_late', metOn: '2026-07-02', version: 3 });
    expect(
      await tdb.db.transaction((tx) => meetDeadline(tx, 'plan.due', caseId, '2026-07-02', ctx)),
    ).toBeNull();

    const review = { ...subject, kind: 'plan.review' };
    await tdb.db.transaction((tx) =>
      setDeadline(tx, review, { ...due('2026-10-01'), rule: 'plan.review' }, ctx),
    );
    const onTime = await tdb.db.transaction((tx) =>
      meetDeadline(tx, 'plan.review', caseId, '2026-10-01', ctx),
    );
    expect(onTime?.status).toBe('met');
    await tdb.db.transaction((tx) =>
      setDeadline(tx, review, { ...due('2027-01-04'), rule: 'plan.review' }, ctx),
    );
    const cancelled = await tdb.db.transaction((tx) =>
      cancelDeadline(tx, 'plan.review', caseId, 'case_ended', ctx),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', closedReason: 'case_ended' });

    const rows = await tdb.db.select().from(deadlines).where(eq(deadlines.caseId, caseId));
    expect(rows).toHaveLength(3);
    const types = (
      await tdb.db.select().from(events).where(eq(events.subjectType, 'deadline')).orderBy(asc(events.id))
    ).map((e) => e.type);
    expect(types).toEqual([
      'deadline.set',
      'deadline.moved',
      'deadline.met',
      'deadline.set',
      'deadline.met',
      'deadline.set',
      'deadline.cancelled',
    ]);
  });

  it('sets a deadline once when two transactions set it at the same time', async () => {
    const subject = {
      kind: 'plan.due',
      subjectType: 'case',
      subjectId: 'concurrent',
      organisationCodes: ['kela'],
    };
    const due = { dueOn: '2026-06-22', rule: 'plan.due', statute: '381/2023 §4(2)' };
    const results = await Promise.all([
      tdb.db.transaction((tx) => setDeadline(tx, subject, due, ctx)),
      tdb.db.transaction((tx) => setDeadline(tx, subject, due, ctx)),
    ]);
    expect(results[0].id).toBe(results[1].id);
    const rows = await tdb.db.select().from(deadlines).where(eq(deadlines.subjectId, 'concurrent'));
    expect(rows).toHaveLength(1);
  });

  it('keeps one pending deadline per kind and subject in the database', async () => {
    const values = {
      kind: 'x.kind',
      subjectType: 'case',
      subjectId: 'one',
      organisationCodes: ['kela'],
      dueOn: '2026-01-01',
      rule: 'x',
      statute: 'x',
      computation: {},
    };
    await tdb.db.insert(deadlines).values(values);
    await expect(tdb.db.insert(deadlines).values(values)).rejects.toThrow();
  });
});
