import { type Database, events } from '@tym/db';
import type { Job } from 'bullmq';
import { and, asc, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { type JobPayload, jobCatalog } from './catalog.js';
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

/** Events per `event.dispatch` job unless configured (`EVENT_DISPATCH_BATCH`); see bench/README.md. */
export const DEFAULT_DISPATCH_BATCH = 100;

/**
 * Consecutive batches of at most `size` positions, in order. `positions` is sorted; a gap
 * (events dispatched meanwhile, for the stranded sweep) stays inside a batch, since an
 * already dispatched event in a batch only has its idempotent `afterCommit`s run again.
 */
export function dispatchBatches(
  positions: readonly number[],
  size: number,
): Array<{ firstPosition: number; lastPosition: number }> {
  const batches: Array<{ firstPosition: number; lastPosition: number }> = [];
  for (let i = 0; i < positions.length; i += size) {
    const chunk = positions.slice(i, i + size);
    batches.push({ firstPosition: chunk[0] as number, lastPosition: chunk[chunk.length - 1] as number });
  }
  return batches;
}

/**
 * Hands positioned events to BullMQ, one `event.dispatch` job per batch of `dispatchBatch`
 * consecutive positions (deterministic job ids, `events-<first>-<last>`, so a crash between
 * the add and the update re-adds nothing new, and a batch cut differently the next time only
 * overlaps, which dispatch makes harmless), and marks them enqueued, in one transaction. If
 * Redis is away the add throws, the mark is rolled back, and the next round tries again: the
 * database keeps every event.
 */
export async function enqueuePositioned(
  db: Database,
  producer: JobProducer,
  batchSize = 500,
  dispatchBatch = DEFAULT_DISPATCH_BATCH,
): Promise<number> {
  return db.transaction(async (tx) => {
    const batch = await tx
      .select({ id: events.id, position: events.position })
      .from(events)
      .where(and(isNotNull(events.position), isNull(events.enqueuedAt)))
      .orderBy(asc(events.position))
      .limit(batchSize);
    if (!batch.length) return 0;
    // Marked first, in the transaction, then added: a dispatch job can only start after the
    // add, and its lock on the batch's events waits for this commit (one round trip), not the
    // other way round (the relay waiting for whole dispatch transactions). The add failing
    // (Redis away) rolls the mark back; a crash after the add re-adds the same ids.
    await tx
      .update(events)
      .set({ enqueuedAt: sql`now()` })
      .where(
        inArray(
          events.id,
          batch.map((e) => e.id),
        ),
      );
    await producer.enqueueMany(
      'event.dispatch',
      dispatchBatches(
        batch.map((e) => e.position as number),
        dispatchBatch,
      ),
    );
    return batch.length;
  });
}

/** One relay round: position everything committed, then enqueue it. */
export async function relayOnce(
  db: Database,
  producer: JobProducer,
  batchSize = 500,
  dispatchBatch = DEFAULT_DISPATCH_BATCH,
): Promise<number> {
  let total = 0;
  for (;;) {
    const positioned = await assignPositions(db, batchSize);
    const enqueued = await enqueuePositioned(db, producer, batchSize, dispatchBatch);
    total += enqueued;
    if (positioned < batchSize && enqueued < batchSize) return total;
  }
}

/** Live states of a job: it will still run (or, failed, can be retried). */
const LIVE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/**
 * Events marked enqueued whose dispatch job is gone (Redis lost its data: restarted without
 * persistence, flushed, failed over) would wait forever: nothing else looks at them again.
 * Every event enqueued more than `olderThanMs` ago and still not dispatched is looked for in
 * the live jobs of the events queue (a batch covering its position, or an older single-event
 * job): a job that failed for good is retried, a job still waiting, delayed or running is
 * left alone, and the events no job covers are added again in batches (an existing completed
 * job of the same id is removed first, else BullMQ would refuse the add; a race with another
 * sweep only doubles a batch, which dispatch makes harmless).
 */
export async function reenqueueStranded(
  db: Database,
  producer: JobProducer,
  olderThanMs: number,
  batchSize = 500,
  dispatchBatch = DEFAULT_DISPATCH_BATCH,
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
  if (!stranded.length) return { stranded: 0, readded: 0, retried: 0 };
  const def = jobCatalog['event.dispatch'];
  const queue = producer.queue(def.queue);
  const live = await queue.getJobs([...LIVE_STATES]);
  const covering = (e: { id: number; position: number | null }) =>
    live.find((job) => {
      const data = job?.data as JobPayload<'event.dispatch'> | undefined;
      if (!data) return false;
      if ('eventId' in data) return data.eventId === e.id;
      const p = e.position as number;
      return data.firstPosition <= p && p <= data.lastPosition;
    });
  const missing: number[] = [];
  const failed = new Set<Job>();
  for (const e of stranded) {
    const job = covering(e);
    if (!job) missing.push(e.position as number);
    else if (await job.isFailed()) failed.add(job);
  }
  for (const job of failed) await job.retry('failed');
  const batches = dispatchBatches(missing, dispatchBatch);
  for (const b of batches) {
    const old = await queue.getJob(def.jobId(b));
    if (old && (await old.isCompleted())) await old.remove();
  }
  await producer.enqueueMany('event.dispatch', batches);
  return { stranded: stranded.length, readded: missing.length, retried: failed.size };
}
