import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { createJobProducer, type JobProducer } from '@tym/jobs';
import { createRequestRedis, loggerOptions, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors } from './processors.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';

// Issue 10 item 5, the worker: a job that fails on a database error leaves neither in the
// log nor in the job's failure reason in Redis (shown by the queue dashboard) the values
// of the query.
const SECRET_NAME = 'Salli Salainen-Testaaja';
const SECRET_INDEX = 'blind-index-QWERTY-1234';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('a job failing on a database error', () => {
  let tdb: TestDatabase;
  let producerRedis: Redis;
  let workerRedis: Redis;
  let producer: JobProducer;
  let runtime: WorkerRuntime;
  const lines: string[] = [];
  const prefix = uniquePrefix('jobfail');
  const clock = { now: () => new Date('2026-03-19T10:00:00Z') };

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await tdb.db.execute(sql.raw('CREATE TABLE public.people (blind_index text UNIQUE, name text)'));
    await tdb.db.execute(sql`INSERT INTO public.people VALUES (${SECRET_INDEX}, 'x')`);
    producerRedis = createRequestRedis(testRedisUrl());
    await waitForRedis(producerRedis);
    workerRedis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    producer = createJobProducer(producerRedis, prefix);
    const log = pino(
      loggerOptions('debug', false),
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    runtime = await startWorkerRuntime({
      db: tdb.db,
      pool: tdb.pool,
      workerConnection: workerRedis,
      producer,
      prefix,
      processors: {
        ...createProcessors({ db: tdb.db, clock, log }),
        // A processor whose write fails on a unique violation, with personal data in it.
        'event.dispatch': async () => {
          await tdb.db.execute(sql`INSERT INTO public.people VALUES (${SECRET_INDEX}, ${SECRET_NAME})`);
        },
      },
      log,
      relayIntervalMs: 60_000,
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await producer.close();
    producerRedis.disconnect();
    workerRedis.disconnect();
    await tdb?.destroy();
  });

  it('keeps the query values out of the log and out of Redis', async () => {
    const jobId = await producer.enqueue('event.dispatch', { eventId: 1, position: 1 });
    const queue = producer.queue('events');
    await waitFor(async () => Boolean((await queue.getJob(jobId))?.failedReason));
    await waitFor(async () => lines.join('').includes('job failed'));
    const job = await queue.getJob(jobId);
    const stored = JSON.stringify({ reason: job?.failedReason, stack: job?.stacktrace });
    expect(stored).toContain('Failed query');
    const log = lines.join('');
    for (const text of [stored, log]) {
      expect(text).not.toContain(SECRET_NAME);
      expect(text).not.toContain(SECRET_INDEX);
    }
  });
});
