import { randomBytes } from 'node:crypto';
import { events, webhookDeliveries, webhookEndpoints } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { assignPositions, createJobProducer, exampleEvent, type JobProducer, recordEvent } from '@tym/jobs';
import { createRequestRedis, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { type Receiver, startReceiver } from '@tym/testing';
import { eq } from 'drizzle-orm';
import { Redis as IORedis, type Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors } from './processors.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';

const log = pino({ level: 'silent' });
const options = {
  allowedHosts: ['127.0.0.1'],
  allowPrivateAddresses: true,
  timeoutMs: 400,
  random: () => 0.5,
};

/** The host runs notifications' webhook jobs (webhook-deliveries.jobs.ts) on real BullMQ queues. */
describe('webhook deliveries in the worker runtime', () => {
  let tdb: TestDatabase;
  let receiver: Receiver;
  let redis: Redis;
  let producer: JobProducer;
  const prefix = uniquePrefix('webhooks');

  beforeAll(async () => {
    tdb = await createTestDatabase();
    receiver = await startReceiver();
    redis = createRequestRedis(testRedisUrl());
    await waitForRedis(redis);
    producer = createJobProducer(redis, prefix);
  });
  afterAll(async () => {
    await producer?.queue('webhook-deliveries').obliterate({ force: true });
    await producer?.close();
    redis?.disconnect();
    await receiver?.close();
    await tdb?.destroy();
  });

  const deliveriesOf = (endpointId: string) =>
    tdb.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

  it('two worker runtimes on one queue deliver each event once, end to end', async () => {
    const [endpoint] = await tdb.db
      .insert(webhookEndpoints)
      .values({
        organisationCode: 'kela',
        url: receiver.url,
        secret: `whsec_${randomBytes(32).toString('base64')}`,
        createdBy: 'test',
      })
      .returning();
    if (!endpoint) throw new Error('no endpoint');
    receiver.handler = (_req, res) => setTimeout(() => res.writeHead(200).end('ok'), 20);
    const realClock = { now: () => new Date() };
    // Earlier tests' events are not this test's business.
    await assignPositions(tdb.db);
    await tdb.db.update(events).set({ enqueuedAt: new Date(), dispatchedAt: new Date() });
    const runtimes: WorkerRuntime[] = [];
    const connections: Redis[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const connection = new IORedis(testRedisUrl(), { maxRetriesPerRequest: null });
        connections.push(connection);
        runtimes.push(
          await startWorkerRuntime({
            db: tdb.db,
            pool: tdb.pool,
            workerConnection: connection,
            producer,
            prefix,
            processors: createProcessors({ db: tdb.db, clock: realClock, log, webhooks: options }),
            log,
            concurrency: 8,
            relayIntervalMs: 100,
            schedulers: false,
          }),
        );
      }
      await tdb.db.transaction(async (tx) => {
        for (let i = 0; i < 20; i++) {
          await recordEvent(
            tx,
            exampleEvent('referral.accepted', {
              occurredAt: realClock.now(),
              organisationCodes: ['kela'],
              subjectId: `r-${i}`,
            }),
          );
        }
      });
      const until = Date.now() + 15_000;
      for (;;) {
        const rows = await deliveriesOf(endpoint.id);
        if (rows.length === 20 && rows.every((r) => r.status === 'succeeded')) break;
        if (Date.now() > until) throw new Error('deliveries did not finish');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(receiver.requests).toHaveLength(20);
      expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(20);
    } finally {
      for (const r of runtimes) await r.close();
      for (const c of connections) c.disconnect();
    }
  });
});
