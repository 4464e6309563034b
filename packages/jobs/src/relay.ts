import { type Database, events } from '@tym/db';
import { and, asc, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { jobCatalog } from './catalog.js';
import type { JobProducer } from './producer.js';

/** Advisory lock id of the position assigner: one stream, whatever the number of relays. */
const POSITION_LOCK = 0x7479_6d01;

/**
 * Gives committed events their feed position, in commit-visibility order, under one
 * transaction-scoped advisory lock. Returns how many got a position.
 */
export async function assignPositions(db: Database, batchSize = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ locked: boolean }>(
      sql`SELECT pg_try_advisory_xact_lock(${POSITION_LOCK}) AS locked`,
    );
    if (!locked.rows[0]?.locked) return 0;
    const pending = await tx
      .select({ id: events.id })
      .from(events)
      .where(isNull(events.position))
      .orderBy(asc(events.id))
      .limit(batchSize);
    if (!pending.length) return 0;
    const [max] = await tx.select({ max: sql<string | null>`max(${events.position})` }).from(events);
    const base = Number(max?.max ?? 0);
    const ids = pending.map((p) => p.id);
    const positions = ids.map((_, i) => base + i + 1);
    await tx.execute(sql`
      UPDATE platform.events AS e SET position = v.position
        FROM unnest(${`{${ids.join(',')}}`}::bigint[], ${`{${positions.join(',')}}`}::bigint[]) AS v(id, position)
       WHERE e.id = v.id`);
    return ids.length;
  });
}

/**
 * Hands positioned events to BullMQ (deterministic job ids, so a crash between the add and
 * the update re-adds nothing new) and marks them enqueued. If Redis is away the add throws,
 * nothing is marked, and the next round tries again: the database keeps every event.
 */
export async function enqueuePositioned(
  db: Database,
  producer: JobProducer,
  batchSize = 500,
): Promise<number> {
  const batch = await db
    .select({ id: events.id, position: events.position })
    .from(events)
    .where(and(isNotNull(events.position), isNull(events.enqueuedAt)))
    .orderBy(asc(events.position))
    .limit(batchSize);
  if (!batch.length) return 0;
  await producer.enqueueMany(
    'event.dispatch',
    batch.map((e) => ({ eventId: e.id, position: e.position as number })),
  );
  await db
    .update(events)
    .set({ enqueuedAt: sql`now()` })
    .where(
      inArray(
        events.id,
        batch.map((e) => e.id),
      ),
    );
  return batch.length;
}

/** One relay round: position everything committed, then enqueue it. */
export async function relayOnce(db: Database, producer: JobProducer, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const positioned = await assignPositions(db, batchSize);
    const enqueued = await enqueuePositioned(db, producer, batchSize);
    total += enqueued;
    if (positioned < batchSize && enqueued < batchSize) return total;
  }
}

/**
 * Events marked enqueued whose dispatch job is gone (Redis lost its data: restarted without
 * persistence, flushed, failed over) would wait forever: nothing else looks at them again.
 * Every event enqueued more than `olderThanMs` ago and still not dispatched is looked up in
 * BullMQ: a missing job is added again under its deterministic id (BullMQ refuses a second
 * job with an id that still exists, so nothing is doubled by a race), a job that failed for
 * good is retried, a job still waiting, delayed or running is left alone.
 */
export async function reenqueueStranded(
  db: Database,
  producer: JobProducer,
  olderThanMs: number,
  batchSize = 500,
): Promise<{ stranded: number; readded: number; retried: number }> {
  const stranded = await db
    .select({ id: events.id, position: events.position })
    .from(events)
    .where(
      and(
        isNotNull(events.enqueuedAt),
        isNull(events.dispatchedAt),
        lt(events.enqueuedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
      ),
    )
    .orderBy(asc(events.position))
    .limit(batchSize);
  const def = jobCatalog['event.dispatch'];
  const queue = producer.queue(def.queue);
  const missing: Array<{ eventId: number; position: number }> = [];
  let retried = 0;
  for (const e of stranded) {
    const payload = { eventId: e.id, position: e.position as number };
    const job = await queue.getJob(def.jobId(payload));
    if (!job) missing.push(payload);
    else if (await job.isFailed()) {
      await job.retry('failed');
      retried += 1;
    }
  }
  await producer.enqueueMany('event.dispatch', missing);
  return { stranded: stranded.length, readded: missing.length, retried };
}
