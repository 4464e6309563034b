import { clients, referrals } from '@tym/db';
import { createJobProducer } from '@tym/jobs';
import { CLIENT, createWorkerHarness, silentLog, type WorkerHarness } from '@tym/notifications/testing';
import { createRequestRedis, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { makeHetu } from '@tym/testing';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors } from './processors.js';
import { startWorkerRuntime } from './runtime.js';

/**
 * The host schedules notifications' `retention.sweep` (deadlines/retention-erasure.jobs.ts)
 * through a BullMQ job scheduler: what it erases is tested there; here that it runs.
 */
describe('the retention sweep in the worker runtime', () => {
  let h: WorkerHarness;
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const referral = async (id: string) =>
    (await h.tdb.db.select().from(referrals).where(eq(referrals.id, id)))[0];
  const client = async (id: string) => (await h.tdb.db.select().from(clients).where(eq(clients.id, id)))[0];
  const refer = (who: Record<string, string>, identityCode: string) =>
    h.inject('POST', '/v1/referrals', who, {
      client: {
        identityCode,
        firstNames: CLIENT.firstNames,
        lastName: CLIENT.lastName,
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Asunnoton, tarvitsee mielenterveyspalveluja.',
    });

  beforeAll(async () => {
    h = await createWorkerHarness();
    for (const [org, sub] of [
      ['kela', 'kela-cw'],
      ['hva-vantaa-kerava', 'hva-cw'],
    ] as const)
      await h.staff({ org, sub, roles: ['caseworker'], areas: ['vantaa-kerava'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs hourly in the worker through a BullMQ job scheduler (here every 200 ms)', async () => {
    // Declined now; 31 days on, the worker's own scheduler erases it without a hand-run job.
    const late = await refer(kela(), makeHetu('050590', '-', '555'));
    await h.inject('POST', `/v1/referrals/${late.id}/decline`, hva(), { reasonCode: 'duplicate' });
    h.clock.set('2026-05-20T12:00:00.000Z');
    const producerRedis = createRequestRedis(testRedisUrl());
    await waitForRedis(producerRedis);
    const workerRedis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const prefix = uniquePrefix('retention');
    const producer = createJobProducer(producerRedis, prefix);
    const runtime = await startWorkerRuntime({
      db: h.tdb.db,
      pool: h.tdb.pool,
      workerConnection: workerRedis,
      producer,
      prefix,
      processors: createProcessors({ db: h.tdb.db, clock: h.clock, log: silentLog }),
      log: silentLog,
      relay: false,
      webhookSweepEveryMs: 3_600_000,
      deadlineSweepEveryMs: 3_600_000,
      emailSweepEveryMs: 3_600_000,
      retentionSweepEveryMs: 200,
    });
    try {
      const until = Date.now() + 60_000;
      while ((await referral(late.id))?.description !== 'ERASED') {
        if (Date.now() > until) throw new Error('the retention sweep did not run in time');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await referral(late.id)).toMatchObject({ submittedDetails: null, status: 'declined' });
      expect(await client(late.clientId)).toMatchObject({ lastName: 'ERASED' });
    } finally {
      await runtime.close();
      await producer.close();
      producerRedis.disconnect();
      workerRedis.disconnect();
    }
  }, 120_000);
});
