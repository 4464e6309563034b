import { events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { createJobProducer, exampleEvent, type JobProducer, recordEvent, relayOnce } from '@tym/jobs';
import { createRequestRedis, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { UnrecoverableError } from 'bullmq';
import { desc, isNotNull, isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors, type ProcessorMap } from './processors.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';
import { waitUntil } from './testing/processes.js';

const log = pino({ level: 'silent' });
const clock = { now: () => new Date('2026-03-19T10:00:00Z') };

/** Deletes every key of a BullMQ prefix: what a Redis restarted without persistence loses. */
async function loseRedisData(redis: Redis, prefix: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/**
 * Issue 10, item 14: an event marked enqueued whose dispatch job Redis lost was never
 * dispatched. The relay's sweep enqueues it again once it has waited longer than the bound.
 */
describe('events whose dispatch job Redis lost', () => {
  let tdb: TestDatabase;
  let producerRedis: Redis;
  let workerRedis: Redis;
  let producer: JobProducer;
  let runtime: WorkerRuntime | undefined;
  const prefix = uniquePrefix('stranded');

  beforeAll(async () => {
    tdb = await createTestDatabase();
    producerRedis = createRequestRedis(testRedisUrl());
    await waitForRedis(producerRedis);
    workerRedis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    producer = createJobProducer(producerRedis, prefix);
  });
  afterAll(async () => {
    await runtime?.close();
    await producer.close();
    await loseRedisData(producerRedis, prefix);
    producerRedis.disconnect();
    workerRedis.disconnect();
    await tdb.destroy();
  });

  it('are enqueued again and dispatched, once each', async () => {
    const types = [
      'referral.withdrawn',
      'staff.created',
      'agreement.created',
      'organisation.created',
      'management_group.updated',
    ] as const;
    await tdb.db.transaction(async (tx) => {
      for (const [i, type] of types.entries()) {
        await recordEvent(
          tx,
          exampleEvent(type, {
            occurredAt: clock.now(),
            organisationCodes: ['kela'],
            subjectId: `stranded-${i}`,
          }),
        );
      }
    });
    // The relay hands them to Redis and marks them enqueued; no worker consumes yet.
    expect(await relayOnce(tdb.db, producer)).toBe(types.length);
    const enqueued = await tdb.db.select().from(events).where(isNotNull(events.enqueuedAt));
    expect(enqueued).toHaveLength(types.length);
    // Redis loses its data before any dispatch ran.
    await loseRedisData(producerRedis, prefix);
    expect(await producer.queue('events').getJobCounts('waiting', 'delayed', 'active')).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
    });

    runtime = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer,
      prefix,
      processors: createProcessors({ db: tdb.db, clock, log, producer }),
      log,
      schedulers: false,
      relayIntervalMs: 100,
      strandedAfterMs: 300,
      strandedSweepEveryMs: 200,
    });
    await waitUntil(
      async () => (await tdb.db.select().from(events).where(isNull(events.dispatchedAt))).length === 0,
      30_000,
      'every stranded event dispatched',
    );
    // Once each: one job for the batch of their positions, under its deterministic id (the
    // job completes a moment after its transaction set dispatched_at).
    const positions = enqueued.map((e) => e.position as number).sort((a, b) => a - b);
    const expected = [`events-${positions[0]}-${positions[positions.length - 1]}`];
    const completedIds = async () =>
      (await producer.queue('events').getJobs(['completed'])).map((j) => j.id ?? '').sort();
    await waitUntil(async () => (await completedIds()).length >= expected.length, 30_000, 'jobs completed');
    expect(await completedIds()).toEqual(expected);
  });

  it('a dispatch job that failed for good is retried by the sweep', async () => {
    await runtime?.close();
    const otherPrefix = uniquePrefix('stranded-failed');
    const otherProducer = createJobProducer(producerRedis, otherPrefix);
    const real = createProcessors({ db: tdb.db, clock, log, producer: otherProducer });
    let runs = 0;
    const processors: ProcessorMap = {
      ...real,
      'event.dispatch': async (payload, ctx) => {
        runs += 1;
        // The first run fails for good (no attempts left), as after a long outage.
        if (runs === 1) throw new UnrecoverableError('failed for good');
        return real['event.dispatch'](payload, ctx);
      },
    };
    await tdb.db.transaction((tx) =>
      recordEvent(
        tx,
        exampleEvent('referral.withdrawn', {
          occurredAt: clock.now(),
          organisationCodes: ['kela'],
          subjectId: 'failed-for-good',
        }),
      ),
    );
    runtime = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer: otherProducer,
      prefix: otherPrefix,
      processors,
      log,
      schedulers: false,
      relayIntervalMs: 100,
      strandedAfterMs: 300,
      strandedSweepEveryMs: 200,
    });
    try {
      await waitUntil(
        async () => (await tdb.db.select().from(events).where(isNull(events.dispatchedAt))).length === 0,
        30_000,
        'the failed event dispatched',
      );
      const [last] = await tdb.db.select().from(events).orderBy(desc(events.position)).limit(1);
      const position = last?.position;
      await waitUntil(
        async () =>
          (await (
            await otherProducer.queue('events').getJob(`events-${position}-${position}`)
          )?.isCompleted()) === true,
        30_000,
        'the retried job completed',
      );
      expect(runs).toBe(2);
    } finally {
      await runtime.close();
      runtime = undefined;
      await otherProducer.close();
      await loseRedisData(producerRedis, otherPrefix);
    }
  });
});
