import type { Queryable } from '@tym/db';
import type { Redis } from 'ioredis';
import type pg from 'pg';

/**
 * Waking the outbox relay after a commit, without `pg_notify` (issue 14: NOTIFY takes a
 * cluster-wide lock at commit and serialised every event-writing transaction behind it).
 *
 * `recordEvent` marks the connection its transaction runs on. When that connection goes back
 * to its pool — after COMMIT (or ROLLBACK) — the wakers installed on the pool run: in the API
 * a Redis PUBLISH on `<prefix>:events:committed` that every worker's relay subscribes to, in
 * the worker a direct call of its own relay. Best-effort on purpose: a wake that is lost
 * (Redis away, a process killed between COMMIT and PUBLISH) costs at most one polling
 * interval (`RELAY_INTERVAL_MS`), the safety net that finds every committed event. A wake
 * after a rollback is a harmless empty relay round.
 */

/** Pool clients whose open transaction wrote at least one event. */
const pending = new WeakSet<object>();
const wakersByPool = new WeakMap<object, Set<() => void>>();

/** The Redis channel the relays of a deployment (`QUEUE_PREFIX`) listen on. */
export const eventsCommittedChannel = (prefix: string) => `${prefix}:events:committed`;

function clientOf(tx: Queryable): object | undefined {
  return (tx as unknown as { session?: { client?: object } }).session?.client;
}

function runWakers(set: Set<() => void> | undefined): void {
  if (!set) return;
  for (const wake of set) {
    try {
      wake();
    } catch {
      // Best-effort: polling is the safety net.
    }
  }
}

/** Called by `recordEvent`: the relay is woken once the transaction's connection is released. */
export function noteEventWritten(tx: Queryable): void {
  const client = clientOf(tx);
  if (!client) return;
  const direct = wakersByPool.get(client);
  // A statement on the pool itself (no transaction) has committed when it returns.
  if (direct) queueMicrotask(() => runWakers(direct));
  else pending.add(client);
}

/**
 * Runs `wake` whenever a connection of `pool` that wrote events is released (its
 * transaction ended). Returns a function that removes the waker.
 */
export function wakeOnEventCommit(pool: pg.Pool, wake: () => void): () => void {
  let set = wakersByPool.get(pool);
  if (!set) {
    const wakers = new Set<() => void>();
    set = wakers;
    wakersByPool.set(pool, wakers);
    pool.on('release', (_err: Error | undefined, client: object) => {
      if (pending.delete(client)) runWakers(wakers);
    });
  }
  set.add(wake);
  const installed = set;
  return () => {
    installed.delete(wake);
  };
}

/**
 * A waker that publishes on the deployment's channel, coalesced: while one PUBLISH is in
 * flight, any number of further commits cause one more PUBLISH after it. Errors (Redis away)
 * are swallowed: the relays' polling finds the events.
 */
export function redisEventWaker(redis: Redis, prefix: string): () => void {
  const channel = eventsCommittedChannel(prefix);
  let inFlight = false;
  let again = false;
  const publish = () => {
    inFlight = true;
    again = false;
    redis
      .publish(channel, '')
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        if (again) publish();
      });
  };
  return () => {
    if (inFlight) again = true;
    else publish();
  };
}
