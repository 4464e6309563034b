import { addDays, startOfDayInHelsinki, todayInHelsinki } from '@tym/domain';
import { createJobProducer, type JobProducer, jobCatalog, setDeadline } from '@tym/jobs';
import { createWorkerHarness, silentLog, type WorkerHarness } from '@tym/notifications/testing';
import { createRequestRedis, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { makeHetu } from '@tym/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors } from './processors.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('the database is the truth: timers survive a Redis flush, two workers send once', () => {
  let h: WorkerHarness;
  let producerRedis: Redis;
  let workerRedis: Redis[];
  let producer: JobProducer;
  const runtimes: WorkerRuntime[] = [];
  const prefix = uniquePrefix('deadlines');
  let caseId: string;

  beforeAll(async () => {
    h = await createWorkerHarness();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ({ caseId } = await h.openCase(
      makeHetu('030370', '-', '333'),
      h.as('kela', ['caseworker'], 'kela-cw'),
      h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw'),
    ));
    producerRedis = createRequestRedis(testRedisUrl());
    await waitForRedis(producerRedis);
    producer = createJobProducer(producerRedis, prefix);
    workerRedis = [
      new Redis(testRedisUrl(), { maxRetriesPerRequest: null }),
      new Redis(testRedisUrl(), { maxRetriesPerRequest: null }),
    ];
  });
  afterAll(async () => {
    for (const r of runtimes) await r.close();
    for (const name of ['deadlines', 'events', 'emails', 'erasure', 'webhook-deliveries']) {
      await producer
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    }
    await producer.close();
    producerRedis.disconnect();
    for (const r of workerRedis) r.disconnect();
    await h?.close();
  });

  it('schedules delayed jobs per version, loses them in a flush, and the sweep sends everything due once', async () => {
    const processors = createProcessors({ db: h.tdb.db, clock: h.clock, log: silentLog, producer });
    // Dispatching the deadline events schedules each step as a delayed job with a versioned id.
    await h.dispatchAll(processors);
    const [planDue] = (await h.deadlinesOf(caseId)).filter((d) => d.kind === 'plan.due');
    if (!planDue) throw new Error('no plan.due');
    const queue = producer.queue('deadlines');
    const ids = ['remind-14', 'remind-3', 'due', 'escalate'].map((step) =>
      jobCatalog['deadline.fire'].jobId({ deadlineId: planDue.id, version: planDue.version, step }),
    );
    expect(ids[0]).toBe(`dl-${planDue.id}-v1-remind-14`);
    for (const id of ids) expect(await (await queue.getJob(id))?.getState()).toBe('delayed');

    // A version raised by a move: new ids, the old ones are dropped from Redis.
    const moved = await h.tdb.db.transaction((tx) =>
      setDeadline(
        tx,
        {
          kind: 'plan.due',
          subjectType: 'case',
          subjectId: caseId,
          caseId,
          cooperationAreaId: planDue.cooperationAreaId,
          organisationCodes: planDue.organisationCodes,
        },
        { dueOn: addDays(planDue.dueOn, 7), rule: 'plan.due', statute: planDue.statute },
        { now: h.clock.now() },
      ),
    );
    await h.dispatchAll(processors);
    expect(await queue.getJob(ids[0] as string)).toBeUndefined();
    expect(await (await queue.getJob(`dl-${planDue.id}-v2-due`))?.getState()).toBe('delayed');

    // Redis loses everything (as FLUSHALL would, limited to this test's prefix).
    for (const name of ['deadlines', 'events', 'emails'])
      await producer.queue(name).obliterate({ force: true });
    expect(await queue.getJob(`dl-${planDue.id}-v2-due`)).toBeUndefined();

    // Two worker processes' worth of BullMQ workers on the same queues.
    for (const connection of workerRedis) {
      runtimes.push(
        await startWorkerRuntime({
          db: h.tdb.db,
          pool: h.tdb.pool,
          workerConnection: connection,
          producer,
          prefix,
          processors: createProcessors({ db: h.tdb.db, clock: h.clock, log: silentLog }),
          log: silentLog,
          relay: false,
          schedulers: false,
          concurrency: 8,
        }),
      );
    }
    // The clock passes the 14-day and 3-day reminders and the due day of version 2.
    h.clock.set(startOfDayInHelsinki(moved.dueOn));
    expect(todayInHelsinki(h.clock.now())).toBe(moved.dueOn);
    const ctx = { jobId: 'sweep', attemptsMade: 0, producer };
    // The sweep runs on both workers at once (as two schedulers' ticks might): one effect each.
    const sweeps = await Promise.all([
      processors['deadline.sweep']({}, ctx),
      processors['deadline.sweep']({}, ctx),
    ]);
    expect(sweeps.map((s) => (s as { due: number }).due)).toEqual([3, 3]);
    await waitFor(async () => (await h.firings(planDue.id)).length === 3);
    await new Promise((r) => setTimeout(r, 300));
    const firings = await h.firings(planDue.id);
    expect(firings.map((f) => [f.step, f.version]).sort()).toEqual([
      ['due', 2],
      ['remind-14', 2],
      ['remind-3', 2],
    ]);
    const inbox = (await h.inbox('hva-cw')).filter((i) => i.sourceKey.startsWith(`deadline:${planDue.id}`));
    expect(inbox).toHaveLength(3);
    // Nothing left to do: a further sweep finds nothing due.
    expect(((await processors['deadline.sweep']({}, ctx)) as { due: number }).due).toBe(0);
  });
});
