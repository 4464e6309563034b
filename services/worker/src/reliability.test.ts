import { readFileSync } from 'node:fs';
import { inboxItems } from '@tym/db';
import { descendantsOf, processGone } from '@tym/db/testing';
import { todayInHelsinki } from '@tym/domain';
import { setDeadline } from '@tym/jobs';
import { createWorkerHarness, type WorkerHarness } from '@tym/notifications/testing';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { makeHetu } from '@tym/testing';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, exited, spawnWorker, type TestProcess, waitUntil } from './testing/processes.js';

/**
 * Reliability with real processes: the worker killed mid-job (Redis stopped for a while is
 * in reliability-redis.test.ts, PostgreSQL restarted in reliability-postgres.test.ts). Each
 * uses its own Redis prefix; the shared servers are never stopped.
 */
describe('reliability (real processes)', { timeout: 180_000 }, () => {
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

  it('a worker killed in the middle of a job: the job runs again and its effect happens once', async () => {
    const row = await dueToday('killed-mid-job');
    // Hold the deadline row: the worker's deadline.fire blocks inside its transaction.
    const blocker = new pg.Client({ connectionString: h.tdb.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM platform.deadlines WHERE id = $1 FOR UPDATE', [row.id]);
    const env = {
      DATABASE_URL: h.tdb.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: uniquePrefix('kill'),
      WORKER_LOCK_MS: '2000',
      DEADLINE_SWEEP_EVERY_MS: '1000',
      RELAY_INTERVAL_MS: '200',
    };
    const a = spawnWorker(env);
    let b: TestProcess | undefined;
    try {
      try {
        // In the middle: the worker's transaction waits on the lock.
        await waitUntil(
          async () =>
            (
              await h.tdb.pool.query(
                `SELECT 1 FROM pg_stat_activity WHERE application_name = 'tym-worker' AND wait_event_type = 'Lock' AND datname = current_database()`,
              )
            ).rowCount === 1,
          30_000,
          'worker blocked in deadline.fire',
        );
        // The worker's own process and everything it started (no launcher in front of it):
        // SIGKILL to its process group, and each of them is gone.
        const pids = [a.pid, ...descendantsOf(a.pid)];
        expect(readFileSync(`/proc/${a.pid}/cmdline`, 'utf8')).toContain('services/worker/src/server.ts');
        process.kill(-a.pid, 'SIGKILL');
        await exited(a);
        await waitUntil(async () => pids.every(processGone), 10_000, 'worker processes gone');
        for (const pid of pids) expect(processGone(pid)).toBe(true);
      } finally {
        await blocker.query('COMMIT');
        await blocker.end();
      }
      expect(await h.firings(row.id)).toEqual([]);

      b = spawnWorker(env);
      await waitUntil(async () => (await h.firings(row.id)).length === 1, 30_000, 'job run again');
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await h.firings(row.id)).map((f) => f.step)).toEqual(['due']);
      const items = await h.tdb.db
        .select()
        .from(inboxItems)
        .where(eq(inboxItems.sourceKey, `deadline:${row.id}:v1:due`));
      expect(items.map((i) => i.subject)).toEqual(['hva-cw']);
      // Graceful shutdown on SIGTERM: exits on its own once active jobs finished (0, or 143
      // when the signal is re-raised).
      b.kill('SIGTERM');
      expect([0, 143]).toContain(await exited(b));
    } finally {
      await cleanUp(a);
      await cleanUp(b);
    }
  });
});
