import { createDb, events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import {
  createJobProducer,
  exampleEvent,
  type JobProducer,
  jobCatalog,
  recordEvent,
  redisEventWaker,
  wakeOnEventCommit,
} from '@tym/jobs';
import { createRequestRedis, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { asc, isNull, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors } from './processors.js';
import {
  assertProcessorsCover,
  MissingProcessorError,
  startWorkerRuntime,
  type WorkerRuntime,
} from './runtime.js';

const log = pino({ level: 'silent' });
const clock = { now: () => new Date('2026-03-19T10:00:00Z') };

async function addEvents(
  tdb: TestDatabase,
  n: number,
  type: 'staff.created' | 'staff.updated' = 'staff.created',
) {
  await tdb.db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordEvent(
        tx,
        exampleEvent(type, { occurredAt: clock.now(), organisationCodes: ['kela'], subjectId: `s${i}` }),
      );
    }
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('worker runtime', () => {
  let tdb: TestDatabase;
  let producerRedis: Redis;
  let workerRedis: Redis;
  let producer: JobProducer;
  let runtime: WorkerRuntime;
  const prefix = uniquePrefix('worker');

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
    producerRedis.disconnect();
    workerRedis.disconnect();
    await tdb.destroy();
  });

  it('refuses to start when a catalog job has no processor', async () => {
    expect(() => assertProcessorsCover(jobCatalog, {})).toThrow(MissingProcessorError);
    expect(() =>
      assertProcessorsCover(jobCatalog, {
        ...createProcessors({ db: tdb.db, clock, log }),
        'nope.job': async () => {},
      }),
    ).toThrow(/not in the catalog/);
    await expect(
      startWorkerRuntime({
        db: tdb.db,
        pool: tdb.pool,
        workerConnection: workerRedis,
        producer,
        prefix,
        processors: {} as never,
        log,
      }),
    ).rejects.toThrow(/no processor for event.dispatch/);
  });

  it('relays committed events to the queue and dispatches each once', async () => {
    runtime = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer,
      prefix,
      processors: createProcessors({ db: tdb.db, clock, log }),
      log,
      relayIntervalMs: 200,
    });
    await addEvents(tdb, 25);
    // Woken after the commit on its own pool; no explicit relay call.
    await waitFor(
      async () => (await tdb.db.select().from(events).where(isNull(events.dispatchedAt))).length === 0,
    );
    const rows = await tdb.db.select().from(events).orderBy(asc(events.position));
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((r) => r.enqueuedAt && r.dispatchedAt)).toBe(true);

    // Enqueueing the same batches again is a no-op: the job ids are deterministic.
    const queue = producer.queue('events');
    const before = await queue.getJobCountByTypes('completed', 'waiting', 'active', 'delayed');
    const relayed = await queue.getJobs(['completed', 'waiting', 'active', 'delayed']);
    expect(relayed.length).toBeGreaterThan(0);
    await producer.enqueueMany(
      'event.dispatch',
      relayed.map((j) => j.data),
    );
    expect(await queue.getJobCountByTypes('completed', 'waiting', 'active', 'delayed')).toBe(before);
  });

  it('lets its LISTEN connection go on close: a later loss of that connection is not its concern', async () => {
    // Once closed, the listener is back in the pool; PostgreSQL ending it later (a restart, a
    // dropped database) used to release it a second time ("Release called on client which
    // has already been released"), an uncaught exception that shut the process down.
    const own = createDb({ url: tdb.url, max: 2, applicationName: 'tym-listen-close' });
    const ownPrefix = uniquePrefix('worker-close');
    const ownProducer = createJobProducer(producerRedis, ownPrefix);
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const rt = await startWorkerRuntime({
        db: own.db,
        pool: own.pool,
        workerConnection: workerRedis,
        producer: ownProducer,
        prefix: ownPrefix,
        processors: createProcessors({ db: own.db, clock, log }),
        log,
        schedulers: false,
      });
      await rt.close();
      const ended = await tdb.db.execute<{ n: number }>(
        sql`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
             WHERE application_name = 'tym-listen-close' AND pid <> pg_backend_pid()`,
      );
      expect(ended.rows[0]?.n).toBeGreaterThan(0);
      await waitFor(async () => own.pool.totalCount === 0, 10_000);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await own.close();
      await ownProducer.close();
    }
  });

  it('a processor run twice changes nothing the second time', async () => {
    const processors = createProcessors({ db: tdb.db, clock, log });
    await addEvents(tdb, 1, 'staff.updated');
    const [row] = await tdb.db.select().from(events).orderBy(asc(events.id)).limit(1).offset(25);
    if (!row) throw new Error('no event');
    // The running worker may already have dispatched it: either way only one run can win.
    const results = await Promise.all([
      processors['event.dispatch']({ eventId: row.id, position: 1 }, { jobId: 'a', attemptsMade: 0 }),
      processors['event.dispatch']({ eventId: row.id, position: 1 }, { jobId: 'a', attemptsMade: 1 }),
    ]);
    expect(results.filter((r) => (r as { dispatched: boolean }).dispatched).length).toBeLessThanOrEqual(1);
  });

  it('keeps events in the database while Redis is unreachable and relays them when it is back', async () => {
    const deadRedis = createRequestRedis('redis://127.0.0.1:1', { retryStrategy: () => null });
    const deadProducer = createJobProducer(deadRedis, prefix);
    const offline = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer: deadProducer,
      prefix: uniquePrefix('offline'),
      processors: createProcessors({ db: tdb.db, clock, log }),
      log,
      relay: false,
    });
    await runtime.close();
    await addEvents(tdb, 5, 'staff.updated');
    expect(await offline.relayNow()).toBe(0);
    const waiting = await tdb.db.select().from(events).where(isNull(events.enqueuedAt));
    expect(waiting).toHaveLength(5);
    await offline.close();
    await deadProducer.close().catch(() => {});
    deadRedis.disconnect();

    runtime = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer,
      prefix,
      processors: createProcessors({ db: tdb.db, clock, log }),
      log,
      relayIntervalMs: 200,
    });
    await waitFor(
      async () => (await tdb.db.select().from(events).where(isNull(events.dispatchedAt))).length === 0,
    );
  });

  it('is woken through Redis by a commit in another process, without waiting for its polling', async () => {
    // Another process (the API) with its own pool publishes a wake after its commit; the
    // relay polls only every 10 minutes here, so only the wake can relay the events in time.
    await runtime?.close();
    const api = createDb({ url: tdb.url, max: 2, applicationName: 'tym-api-wake' });
    const ownPrefix = uniquePrefix('wake');
    const ownProducer = createJobProducer(producerRedis, ownPrefix);
    const unhook = wakeOnEventCommit(api.pool, redisEventWaker(producerRedis, ownPrefix));
    const woken = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer: ownProducer,
      prefix: ownPrefix,
      processors: createProcessors({ db: tdb.db, clock, log }),
      log,
      relayIntervalMs: 600_000,
      schedulers: false,
    });
    try {
      // The start-up round (and the subscription's ready round) have run: nothing is waiting.
      await waitFor(
        async () => (await tdb.db.select().from(events).where(isNull(events.enqueuedAt))).length === 0,
      );
      await new Promise((r) => setTimeout(r, 500));
      await api.db.transaction((tx) =>
        recordEvent(
          tx,
          exampleEvent('referral.accepted', {
            occurredAt: clock.now(),
            organisationCodes: ['kela'],
            subjectId: 'wake',
          }),
        ),
      );
      await waitFor(
        async () => (await tdb.db.select().from(events).where(isNull(events.dispatchedAt))).length === 0,
      );
    } finally {
      unhook();
      await woken.close();
      await ownProducer.close();
      await api.close();
    }
  });
});
