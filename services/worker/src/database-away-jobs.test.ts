import { createServer } from 'node:net';
import { createDb, type DbHandle, events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { createJobProducer, exampleEvent, type JobProducer, recordEvent } from '@tym/jobs';
import { createRequestRedis, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors, type ProcessorMap } from './processors.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';
import { waitUntil } from './testing/processes.js';

const log = pino({ level: 'silent' });
const clock = { now: () => new Date('2026-03-19T10:00:00Z') };

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Issue 10, item 13 ("carries on within seconds after it returns"): a job that fails only
 * because PostgreSQL is away is tried again a short, fixed while later and does not spend its
 * attempts. With the exponential backoff (1 s doubling) six failures would wait 63 s, and a
 * webhook attempt (5 attempts) would fail for good after half a minute of outage.
 */
describe('jobs while the database is away', () => {
  let tdb: TestDatabase;
  let away: DbHandle;
  let producerRedis: Redis;
  let workerRedis: Redis;
  let producer: JobProducer;
  let runtime: WorkerRuntime | undefined;
  const prefix = uniquePrefix('db-away');

  beforeAll(async () => {
    tdb = await createTestDatabase();
    away = createDb({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/tym`, max: 1 });
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
    await away.close();
    await tdb.destroy();
  });

  it('are tried again shortly, without spending their attempts', async () => {
    const real = createProcessors({ db: tdb.db, clock, log, producer });
    // The first six runs meet a database that refuses connections (a real refusal).
    let runs = 0;
    const attempts: number[] = [];
    const processors: ProcessorMap = {
      ...real,
      'event.dispatch': async (payload, ctx) => {
        runs += 1;
        attempts.push(ctx.attemptsMade);
        if (runs <= 6) await away.pool.query('SELECT 1');
        return real['event.dispatch'](payload, ctx);
      },
    };
    const { id } = await tdb.db.transaction((tx) =>
      recordEvent(
        tx,
        exampleEvent('staff.created', {
          occurredAt: clock.now(),
          organisationCodes: ['kela'],
          subjectId: 'away',
        }),
      ),
    );
    runtime = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer,
      prefix,
      processors,
      log,
      schedulers: false,
      relayIntervalMs: 100,
      databaseRetryMs: 500,
    });
    // Six short waits, not 1 + 2 + 4 + 8 + 16 + 32 s.
    await waitUntil(
      async () => (await tdb.db.select().from(events).where(eq(events.id, id)))[0]?.dispatchedAt != null,
      30_000,
      'dispatched once the database answers',
    );
    expect(runs).toBe(7);
    expect(attempts.every((a) => a === 0)).toBe(true);
  });
});
