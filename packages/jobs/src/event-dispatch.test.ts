import { randomBytes } from 'node:crypto';
import { events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { asc, inArray, isNull, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import Value from 'typebox/value';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobCatalog } from './catalog.js';
import { exampleEvent } from './events/event-catalog.js';
import { recordEvent } from './outbox.js';
import { type EventConsumer, type EventRow, eventDispatchProcessor, type JobContext } from './processors.js';
import { createJobProducer, type JobProducer } from './producer.js';
import { assignPositions, reenqueueStranded, relayOnce } from './relay.js';

const now = new Date('2026-03-19T10:00:00Z');
const clock = { now: () => now };

/**
 * A consumer that records what it was given: which events its inTransaction saw (and in
 * which transaction), and the results its afterCommit got. It fails for the events in
 * `poison`, as a consumer meeting an event it cannot handle.
 */
function recorder() {
  const seen: number[] = [];
  const committed: Array<[number, unknown]> = [];
  const transactions = new Set<number>();
  const poison = new Set<number>();
  const consumer: EventConsumer<string> = {
    name: 'recorder',
    async inTransaction(tx, event: EventRow) {
      const r = await tx.execute<{ xid: string }>(sql`SELECT txid_current()::text AS xid`);
      transactions.add(Number(r.rows[0]?.xid));
      if (poison.has(event.id)) throw new Error(`poison ${event.id}`);
      seen.push(event.id);
      return `r${event.id}`;
    },
    async afterCommit(event, result) {
      committed.push([event.id, result]);
    },
    summary: (r) => ({ recorded: r ? 1 : 0 }),
  };
  return { consumer, seen, committed, transactions, poison };
}

describe('event.dispatch in batches', () => {
  let tdb: TestDatabase;
  let redis: Redis;
  let producer: JobProducer;
  const prefix = `tym-test-dispatch-${randomBytes(4).toString('hex')}`;
  const ctx: JobContext = { jobId: 'test', attemptsMade: 0 };

  beforeAll(async () => {
    tdb = await createTestDatabase();
    redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    await new Promise((r) => redis.once('ready', r));
    producer = createJobProducer(redis, prefix);
  });
  afterAll(async () => {
    await producer.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await tdb.destroy();
  });
  beforeEach(async () => {
    await tdb.db.execute(sql`TRUNCATE platform.events RESTART IDENTITY CASCADE`);
    await producer.queue('events').obliterate({ force: true });
  });

  async function addEvents(n: number): Promise<EventRow[]> {
    await tdb.db.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        await recordEvent(
          tx,
          exampleEvent('staff.created', { occurredAt: now, organisationCodes: ['kela'], subjectId: `s${i}` }),
        );
      }
    });
    await assignPositions(tdb.db);
    return tdb.db.select().from(events).orderBy(asc(events.id));
  }

  it('the relay enqueues one job per batch of positions, and a repeated round adds no new job', async () => {
    await addEvents(250);
    expect(await relayOnce(tdb.db, producer, 500, 100)).toBe(250);
    const queue = producer.queue('events');
    const ids = async () => (await queue.getJobs(['waiting'])).map((j) => j.id).sort();
    expect(await ids()).toEqual(['events-1-100', 'events-101-200', 'events-201-250']);
    expect((await queue.getJob('events-101-200'))?.data).toEqual({ firstPosition: 101, lastPosition: 200 });
    // A crash between the add and marking them enqueued: the next round adds the same ids.
    await tdb.db.update(events).set({ enqueuedAt: null });
    expect(await relayOnce(tdb.db, producer, 500, 100)).toBe(250);
    expect(await ids()).toEqual(['events-1-100', 'events-101-200', 'events-201-250']);
  });

  it('the relay marks the events before it adds their jobs, in one transaction: a job started at once waits only for that commit', async () => {
    await addEvents(5);
    const locked: string[] = [];
    const spy: JobProducer = {
      ...producer,
      async enqueueMany(name, payloads) {
        // While the jobs are added, the marks are held: a dispatch job's lock would wait for
        // the relay's commit (and never the relay for a whole dispatch transaction).
        const r = await tdb.pool.query('SELECT id FROM platform.events FOR NO KEY UPDATE NOWAIT').then(
          () => 'free',
          (e: { code?: string }) => e.code ?? 'error',
        );
        locked.push(r);
        return producer.enqueueMany(name, payloads);
      },
    };
    expect(await relayOnce(tdb.db, spy, 500, 100)).toBe(5);
    expect(locked).toEqual(['55P03']);
    expect(await tdb.db.select().from(events).where(isNull(events.enqueuedAt))).toEqual([]);
    // Redis away: the add fails and the marks are rolled back.
    await tdb.db.update(events).set({ enqueuedAt: null });
    const away: JobProducer = {
      ...producer,
      async enqueueMany() {
        throw new Error('Redis away');
      },
    };
    await expect(relayOnce(tdb.db, away, 500, 100)).rejects.toThrow('Redis away');
    expect(await tdb.db.select().from(events).where(isNull(events.enqueuedAt))).toHaveLength(5);
  });

  it('dispatches a batch in one transaction, every consumer once per event in position order', async () => {
    const rows = await addEvents(30);
    await relayOnce(tdb.db, producer, 500, 100);
    const r = recorder();
    const afterMany: number[][] = [];
    const bulk: EventConsumer<number> = {
      name: 'bulk',
      async inTransactionMany(_tx, batch) {
        return batch.map((e) => e.id * 10);
      },
      async afterCommitMany(done) {
        afterMany.push(done.map((d) => d.result ?? -1));
      },
    };
    const dispatch = eventDispatchProcessor({ db: tdb.db, clock }, [r.consumer, bulk] as EventConsumer[]);
    const result = await dispatch({ firstPosition: 1, lastPosition: 30 }, ctx);
    expect(result).toEqual({ events: 30, dispatched: 30, recorded: 30 });
    expect(r.seen).toEqual(rows.map((e) => e.id));
    expect(r.transactions.size).toBe(1);
    expect(r.committed).toEqual(rows.map((e) => [e.id, `r${e.id}`]));
    expect(afterMany).toEqual([rows.map((e) => e.id * 10)]);
    expect(await tdb.db.select().from(events).where(isNull(events.dispatchedAt))).toEqual([]);

    // A retry (or an overlapping batch): nothing in the transaction again, afterCommit again
    // with null results (its steps are no-ops when repeated).
    const again = await dispatch({ firstPosition: 21, lastPosition: 40 }, ctx);
    expect(again).toEqual({ events: 10, dispatched: 0, recorded: 0 });
    expect(r.seen).toHaveLength(30);
    expect(r.committed.slice(30)).toEqual(rows.slice(20).map((e) => [e.id, null]));
    expect(afterMany[1]).toEqual(rows.slice(20).map(() => -1));
  });

  it('overlapping batches running at once give each event to each consumer once', async () => {
    const rows = await addEvents(60);
    const r = recorder();
    const dispatch = eventDispatchProcessor({ db: tdb.db, clock }, [r.consumer]);
    await Promise.all([
      dispatch({ firstPosition: 1, lastPosition: 40 }, ctx),
      dispatch({ firstPosition: 20, lastPosition: 60 }, ctx),
      dispatch({ firstPosition: 30, lastPosition: 30 }, ctx),
      dispatch({ eventId: rows[34]?.id as number, position: 35 }, ctx),
    ]);
    expect([...r.seen].sort((a, b) => a - b)).toEqual(rows.map((e) => e.id));
  });

  it('a poison event does not hold up its batch-mates: they are dispatched, it retries alone', async () => {
    const rows = await addEvents(10);
    const r = recorder();
    const bad = rows[3]?.id as number;
    r.poison.add(bad);
    const dispatch = eventDispatchProcessor({ db: tdb.db, clock }, [r.consumer]);
    await expect(dispatch({ firstPosition: 1, lastPosition: 10 }, ctx)).rejects.toThrow(`poison ${bad}`);
    const waiting = await tdb.db.select({ id: events.id }).from(events).where(isNull(events.dispatchedAt));
    expect(waiting).toEqual([{ id: bad }]);
    // (The batch's transaction saw events 1–3 before it rolled back; then each on its own.)
    expect([...new Set(r.seen)].sort((a, b) => a - b)).toEqual(
      rows.map((e) => e.id).filter((id) => id !== bad),
    );
    expect(r.committed.map(([id]) => id).sort((a, b) => a - b)).toEqual(
      rows.map((e) => e.id).filter((id) => id !== bad),
    );

    // The job's retry (with its backoff) finds only the poison event to dispatch.
    r.poison.clear();
    const seenBefore = r.seen.length;
    expect(await dispatch({ firstPosition: 1, lastPosition: 10 }, ctx)).toMatchObject({
      events: 10,
      dispatched: 1,
    });
    expect(r.seen.slice(seenBefore)).toEqual([bad]);
    expect(await tdb.db.select().from(events).where(isNull(events.dispatchedAt))).toEqual([]);
  });

  it('a failure while the database is away is not split: the whole batch is deferred', async () => {
    const rows = await addEvents(3);
    const unavailable = Object.assign(new Error('terminating connection'), { code: '57P01' });
    let calls = 0;
    const consumer: EventConsumer = {
      name: 'away',
      async inTransaction() {
        calls += 1;
        throw unavailable;
      },
    };
    const dispatch = eventDispatchProcessor({ db: tdb.db, clock }, [consumer]);
    await expect(dispatch({ firstPosition: 1, lastPosition: 3 }, ctx)).rejects.toBe(unavailable);
    expect(calls).toBe(1);
    const waiting = await tdb.db
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          rows.map((e) => e.id),
        ),
      );
    expect(waiting.every((e) => !e.dispatchedAt)).toBe(true);
  });

  it('still accepts the single-event payload of jobs queued by the previous version', async () => {
    const rows = await addEvents(3);
    const old = { eventId: rows[1]?.id as number, position: 2 };
    expect(Value.Check(jobCatalog['event.dispatch'].payload, old)).toBe(true);
    expect(jobCatalog['event.dispatch'].jobId(old)).toBe(`event-${old.eventId}`);
    const r = recorder();
    const dispatch = eventDispatchProcessor({ db: tdb.db, clock }, [r.consumer]);
    expect(await dispatch(old, ctx)).toEqual({ dispatched: true, recorded: 1 });
    expect(r.seen).toEqual([old.eventId]);
    const waiting = await tdb.db.select({ id: events.id }).from(events).where(isNull(events.dispatchedAt));
    expect(waiting.map((e) => e.id)).toEqual([rows[0]?.id, rows[2]?.id]);
    expect(await dispatch(old, ctx)).toEqual({ dispatched: false, recorded: 0 });
  });

  it('the stranded sweep leaves events a live job covers and adds the others again in batches', async () => {
    await addEvents(10);
    await relayOnce(tdb.db, producer, 500, 100);
    const queue = producer.queue('events');
    // The batch job still waits: nothing is added.
    expect(await reenqueueStranded(tdb.db, producer, 0, 500, 4)).toEqual({
      stranded: 10,
      readded: 0,
      retried: 0,
    });
    expect((await queue.getJobs(['waiting'])).map((j) => j.id)).toEqual(['events-1-10']);
    // Redis lost it: the events come back in batches of the configured size.
    await queue.obliterate({ force: true });
    expect(await reenqueueStranded(tdb.db, producer, 0, 500, 4)).toEqual({
      stranded: 10,
      readded: 10,
      retried: 0,
    });
    expect((await queue.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual([
      'events-1-4',
      'events-5-8',
      'events-9-10',
    ]);
    // An old single-event job that failed for good is retried, not doubled.
    await queue.obliterate({ force: true });
    const [first] = await tdb.db.select().from(events).orderBy(asc(events.position)).limit(1);
    await producer.enqueue('event.dispatch', { eventId: first?.id as number, position: 1 });
    const connection = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: null,
    });
    const failing = new Worker(
      'events',
      async () => {
        throw new UnrecoverableError('failed for good');
      },
      { connection, prefix },
    );
    await new Promise((resolve) => failing.once('failed', resolve));
    await failing.close();
    connection.disconnect();
    expect(await reenqueueStranded(tdb.db, producer, 0, 500, 4)).toEqual({
      stranded: 10,
      readded: 9,
      retried: 1,
    });
    expect((await queue.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual(
      ['event-1', 'events-2-5', 'events-6-9', 'events-10-10'].sort(),
    );
  });
});
