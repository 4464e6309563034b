import { events, inboxItems } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { createJobProducer, setDeadline } from '@tym/jobs';
import { createWorkerHarness, silentLog, type WorkerHarness } from '@tym/notifications/testing';
import { createRequestRedis, systemClock } from '@tym/platform';
import { uniquePrefix } from '@tym/platform/testing';
import { makeHetu } from '@tym/testing';
import { and, eq, isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors } from './processors.js';
import { startWorkerRuntime } from './runtime.js';
import { startPrivateRedis, waitUntil } from './testing/processes.js';

/**
 * Reliability with real processes: the worker killed mid-job, Redis stopped for a while,
 * PostgreSQL restarted. Each uses its own Redis prefix, a private redis-server or a private
 * PostgreSQL cluster; the shared servers are never stopped.
 */
describe('reliability: Redis away (real redis-server)', { timeout: 120_000 }, () => {
  let h: WorkerHarness;
  let caseId: string;
  const subject = (id: string) => ({
    kind: 'plan.action',
    subjectType: 'plan_action',
    subjectId: id,
    caseId,
    cooperationAreaId: h.area('vantaa-kerava'),
    organisationCodes: ['hva-vantaa-kerava'],
  });
  /** A deadline due today by the real clock: its `due` step is due at once. */
  const dueToday = (id: string) =>
    h.tdb.db.transaction((tx) =>
      setDeadline(
        tx,
        subject(id),
        { dueOn: todayInHelsinki(new Date()), rule: 'plan.action', statute: '381/2023 §5' },
        { now: new Date() },
      ),
    );

  beforeAll(async () => {
    h = await createWorkerHarness();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
    });
    ({ caseId } = await h.openCase(
      makeHetu('040490', '-', '444'),
      h.as('kela', ['caseworker'], 'kela-cw'),
      h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw'),
    ));
    await h.dispatchAll();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Redis stopped for a while: the API keeps accepting work, and everything due is sent after it returns', async () => {
    const redis = await startPrivateRedis();
    const producerRedis = createRequestRedis(redis.url);
    const workerRedis = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 200 });
    workerRedis.on('error', () => {});
    const prefix = uniquePrefix('redis-down');
    const producer = createJobProducer(producerRedis, prefix);
    const runtime = await startWorkerRuntime({
      db: h.tdb.db,
      pool: h.tdb.pool,
      workerConnection: workerRedis,
      producer,
      prefix,
      processors: createProcessors({ db: h.tdb.db, clock: systemClock, log: silentLog }),
      log: silentLog,
      relayIntervalMs: 200,
      relayTimeoutMs: 2_000,
      deadlineSweepEveryMs: 1_000,
      schedulerRefreshMs: 500,
    });
    try {
      await redis.stop();
      // The API takes a referral and a deadline is set while Redis is away.
      const referral = await h.t.app.inject({
        method: 'POST',
        url: '/v1/referrals',
        headers: h.as('kela', ['caseworker'], 'kela-cw'),
        payload: {
          client: {
            identityCode: makeHetu('050590', '-', '555'),
            firstNames: 'Testi',
            lastName: 'Asiakas',
            homeMunicipalityCode: '245',
          },
          grounds: ['life_management_problems'],
          description: 'Tarvitsee yhteensovitettuja palveluja.',
        },
      });
      expect(referral.statusCode).toBe(201);
      const row = await dueToday('redis-down');
      await new Promise((r) => setTimeout(r, 1_000));
      const waiting = await h.tdb.db.select().from(events).where(isNull(events.enqueuedAt));
      expect(waiting.length).toBeGreaterThanOrEqual(2);
      expect(await h.firings(row.id)).toEqual([]);

      // Redis returns, empty: the relay hands the events over, the schedulers come back,
      // and the due step and the referral notice are delivered.
      const back = await startPrivateRedis(redis.port);
      try {
        await waitUntil(
          async () => (await h.firings(row.id)).length === 1,
          30_000,
          'deadline fired after Redis returned',
        ).catch(async (e) => {
          const waiting = await h.tdb.db.select().from(events).where(isNull(events.dispatchedAt));
          throw new Error(`${(e as Error).message}; events not dispatched: ${waiting.length}`);
        });
        await waitUntil(
          async () =>
            (
              await h.tdb.db
                .select()
                .from(inboxItems)
                .where(and(eq(inboxItems.subject, 'ea-coord'), eq(inboxItems.kind, 'referral.submitted')))
            ).length === 2,
          30_000,
          'referral notice after Redis returned',
        );
        expect((await h.tdb.db.select().from(events).where(isNull(events.dispatchedAt))).length).toBe(0);
      } finally {
        // A worker whose Redis vanished mid-job may take long to close: do not let it hold the test.
        await Promise.race([runtime.close(), new Promise((r) => setTimeout(r, 10_000))]);
        await producer.close().catch(() => undefined);
        producerRedis.disconnect();
        workerRedis.disconnect();
        await back.stop();
      }
    } catch (err) {
      await runtime.close().catch(() => undefined);
      throw err;
    }
  });
});
