import { randomBytes } from 'node:crypto';
import { createDb, type DbHandle, events, runMigrations } from '@tym/db';
import { exampleEvent, recordEvent } from '@tym/jobs';
import { createTestIssuer, testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  cleanUp,
  exited,
  freePort,
  spawnSingleNode,
  spawnWorker,
  startPrivatePostgres,
  type TestProcess,
  waitUntil,
} from './testing/processes.js';

/**
 * PostgreSQL stopped and started again under a running process (issue 10, item 13): a lost
 * connection is a normal event. The process stays up, answers not-ready (and 503 to requests
 * that need the database) while PostgreSQL is away, and carries on within seconds after it is
 * back. Each test has its own PostgreSQL cluster; the shared server is never stopped.
 */

/** The test's own connections: they must survive the restart too (errors are expected). */
function testDb(url: string): DbHandle {
  const db = createDb({ url, max: 2, applicationName: 'tym-test' });
  db.pool.on('connect', (client) => client.on('error', () => {}));
  return db;
}

/** Events recorded in a loop until stopped, as a busy system would; failures are expected. */
function eventLoad(db: DbHandle, type: string) {
  const ids: number[] = [];
  let stopped = false;
  let failures = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        const e = await db.db.transaction((tx) =>
          recordEvent(
            tx,
            exampleEvent('staff.created', {
              occurredAt: new Date(),
              organisationCodes: ['kela'],
              subjectId: `${type}-${ids.length}`,
            }),
          ),
        );
        ids.push(e.id);
      } catch {
        failures += 1;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    ids,
    failures: () => failures,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function undispatched(db: DbHandle, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await db.db
    .select({ id: events.id, dispatchedAt: events.dispatchedAt })
    .from(events)
    .where(inArray(events.id, ids));
  return ids.length - rows.filter((r) => r.dispatchedAt).length;
}

/**
 * Makes one of the process's transactions wait on a row lock, so that PostgreSQL going away
 * finds a checked-out client in the middle of a query (the case that used to crash the
 * process): an event is committed and locked at once, and the relay or its dispatch waits.
 * Retried until the process is seen waiting (the relay may take the event before the lock).
 */
async function holdAWaitingTransaction(url: string, db: DbHandle, applicationName: string) {
  const blocker = new pg.Client({ connectionString: url });
  blocker.on('error', () => {});
  await blocker.connect();
  let n = 0;
  await waitUntil(
    async () => {
      n += 1;
      const { id } = await db.db.transaction((tx) =>
        recordEvent(
          tx,
          exampleEvent('staff.updated', {
            occurredAt: new Date(),
            organisationCodes: ['kela'],
            subjectId: `held-${n}`,
          }),
        ),
      );
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM platform.events WHERE id = $1 FOR UPDATE', [id]);
      try {
        await waitUntil(
          async () =>
            (
              await db.pool.query(
                `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
                [applicationName],
              )
            ).rowCount === 1,
          3_000,
          'a waiting transaction',
        );
        return true;
      } catch (err) {
        await blocker.query('COMMIT');
        throw err;
      }
    },
    60_000,
    `${applicationName} waiting on a lock`,
  );
  return blocker;
}

const readiness = async (base: string) =>
  (await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(10_000) })).status;

/** Cleanup that cannot hang the test: at most `ms`. */
const within = (promise: Promise<unknown>, ms = 5_000) =>
  Promise.race([promise.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);

/** Ends a client whose server may be gone (end() would wait for an 'end' already past). */
async function endQuietly(client: pg.Client | undefined) {
  if (!client) return;
  await Promise.race([client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000))]);
}

describe('PostgreSQL restarted under load (real processes)', { timeout: 150_000 }, () => {
  it('the worker stays up, is not ready while PostgreSQL is away, and carries on', async () => {
    const cluster = await startPrivatePostgres();
    let worker: TestProcess | undefined;
    const db = testDb(cluster.url);
    let blocker: pg.Client | undefined;
    try {
      await runMigrations(cluster.url);
      worker = spawnWorker({
        DATABASE_URL: cluster.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: uniquePrefix('pg-restart'),
        RELAY_INTERVAL_MS: '200',
        LOG_LEVEL: 'info',
      });
      const w = worker;
      let port = 0;
      await waitUntil(
        async () => {
          const line = w.output
            .join('')
            .split('\n')
            .find((l) => l.includes('TYM worker running'));
          port = line ? Number(JSON.parse(line).healthPort) : 0;
          return port > 0;
        },
        60_000,
        'worker started',
      );
      const base = `http://127.0.0.1:${port}`;
      await waitUntil(async () => (await readiness(base)) === 200, 30_000, 'worker ready');
      const load = eventLoad(db, 'under.load');
      await waitUntil(async () => load.ids.length >= 20, 30_000, 'load running');
      blocker = await holdAWaitingTransaction(cluster.url, db, 'tym-worker');
      cluster.pause();
      await waitUntil(async () => (await readiness(base)) === 503, 30_000, 'not ready while away');
      expect(w.exitCode).toBeNull();
      cluster.start();
      await waitUntil(async () => (await readiness(base)) === 200, 30_000, 'ready again');

      // Work submitted after the restart is done, and so is every event committed before.
      const after = load.ids.length;
      await waitUntil(async () => load.ids.length >= after + 20, 30_000, 'load after the restart');
      await load.stop();
      await waitUntil(
        async () => (await undispatched(db, load.ids)) === 0,
        60_000,
        'every event dispatched after the restart',
      );
      expect(w.exitCode).toBeNull();
      // The process's own shutdown line, not PostgreSQL's "the database system is shutting down".
      expect(w.output.join('')).not.toContain('"msg":"shutting down');
      w.kill('SIGTERM');
      await waitUntil(async () => w.exitCode !== null || w.signalCode !== null, 45_000, 'exit on SIGTERM');
      expect([0, 143]).toContain(await exited(w));
    } catch (err) {
      process.stderr.write(worker?.output.join('') ?? '');
      throw err;
    } finally {
      await endQuietly(blocker);
      await cleanUp(worker);
      await within(db.close());
      cluster.stop();
    }
  });

  it('the single-node process answers 503 problem+json while PostgreSQL is away, and carries on', async () => {
    const cluster = await startPrivatePostgres();
    let node: TestProcess | undefined;
    const db = testDb(cluster.url);
    let blocker: pg.Client | undefined;
    try {
      await runMigrations(cluster.url);
      const idp = createTestIssuer('pg-restart', ['kela']);
      const port = await freePort();
      node = spawnSingleNode({
        DATABASE_URL: cluster.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: uniquePrefix('pg-restart-node'),
        PORT: String(port),
        AUTH_ISSUERS: JSON.stringify([idp.issuer]),
        PII_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        PII_CURRENT_KEY_ID: 'k1',
        PII_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
        DOCS_UI_ENABLED: 'false',
        RATE_LIMIT_MAX: '1000000',
      });
      const n = node;
      const base = `http://127.0.0.1:${port}`;
      await waitUntil(async () => (await readiness(base)) === 200, 60_000, 'single node ready');
      const authorization = `Bearer ${idp.mint({ org: 'kela', roles: ['admin'] })}`;

      // Requests that need the database, in a loop: only 200 or 503 problem+json, never 500.
      const answers: Array<{ status: number; type: string; retryAfter: string | null }> = [];
      let stopped = false;
      const requests = (async () => {
        while (!stopped) {
          try {
            const res = await fetch(`${base}/v1/cooperation-areas`, {
              headers: { authorization },
              signal: AbortSignal.timeout(10_000),
            });
            await res.arrayBuffer();
            answers.push({
              status: res.status,
              type: res.headers.get('content-type') ?? '',
              retryAfter: res.headers.get('retry-after'),
            });
          } catch {
            // the process is expected to answer; a failed connection shows as a missing answer
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const load = eventLoad(db, 'under.load');
      await waitUntil(async () => load.ids.length >= 20, 30_000, 'load running');
      blocker = await holdAWaitingTransaction(cluster.url, db, 'tym-single-node');
      cluster.pause();
      const before = answers.length;
      await waitUntil(async () => (await readiness(base)) === 503, 30_000, 'not ready while away');
      await waitUntil(
        async () => answers.slice(before).filter((a) => a.status === 503).length >= 3,
        30_000,
        '503 answers while away',
      );
      expect(n.exitCode).toBeNull();
      cluster.start();
      await waitUntil(async () => (await readiness(base)) === 200, 30_000, 'ready again');
      const back = answers.length;
      await waitUntil(
        async () => answers.slice(back).filter((a) => a.status === 200).length >= 3,
        30_000,
        '200 answers after the restart',
      );
      const after = load.ids.length;
      await waitUntil(async () => load.ids.length >= after + 20, 30_000, 'load after the restart');
      stopped = true;
      await requests;
      await load.stop();
      await waitUntil(
        async () => (await undispatched(db, load.ids)) === 0,
        60_000,
        'every event dispatched after the restart',
      );

      const unavailable = answers.filter((a) => a.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      for (const a of unavailable) {
        expect(a.type).toContain('application/problem+json');
        expect(Number(a.retryAfter)).toBeGreaterThan(0);
      }
      expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
      expect(n.exitCode).toBeNull();
      expect(n.output.join('')).not.toContain('"msg":"shutting down');
      // The database answers the process's own pool again (not only the test's).
      const areas = await fetch(`${base}/v1/cooperation-areas`, { headers: { authorization } });
      expect(areas.status).toBe(200);
      await db.db.execute(sql`SELECT 1`);
      n.kill('SIGTERM');
      expect([0, 143]).toContain(await exited(n));
    } catch (err) {
      process.stderr.write(node?.output.join('') ?? '');
      throw err;
    } finally {
      await endQuietly(blocker);
      await cleanUp(node);
      await within(db.close());
      cluster.stop();
    }
  });
});
