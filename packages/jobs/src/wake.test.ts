import { createDb, type DbHandle, events } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleEvent } from './events/event-catalog.js';
import { recordEvent } from './outbox.js';
import { eventsCommittedChannel, redisEventWaker, wakeOnEventCommit } from './wake.js';

const event = (subjectId: string) =>
  exampleEvent('referral.accepted', {
    occurredAt: new Date('2026-03-19T10:00:00Z'),
    organisationCodes: ['kela'],
    subjectId,
  });

describe('waking the relay after a commit (no pg_notify)', () => {
  let tdb: TestDatabase;
  let other: DbHandle;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    other = createDb({ url: tdb.url, max: 2 });
  });
  afterAll(async () => {
    await other.close();
    await tdb.destroy();
  });

  it('records an event without NOTIFY: the transaction sends no notification', async () => {
    const listener = await other.pool.connect();
    const received: string[] = [];
    listener.on('notification', (n) => received.push(n.channel));
    try {
      await listener.query('LISTEN tym_events');
      await tdb.db.transaction((tx) => recordEvent(tx, event('no-notify')));
      // A round trip on the listening connection delivers any notification sent before it.
      await listener.query('SELECT 1');
      expect(received).toEqual([]);
    } finally {
      await listener.query('UNLISTEN *');
      listener.release();
    }
  });

  it('wakes once the transaction has committed: the event is visible to another connection then', async () => {
    const seen: number[] = [];
    const woken = new Promise<void>((resolve) => {
      const unhook = wakeOnEventCommit(tdb.pool, () => {
        unhook();
        void other.db
          .select({ id: events.id })
          .from(events)
          .where(eq(events.subjectId, 'visible'))
          .then((rows) => {
            seen.push(rows.length);
            resolve();
          });
      });
    });
    await tdb.db.transaction(async (tx) => {
      await recordEvent(tx, event('visible'));
      await recordEvent(tx, event('visible'));
    });
    await woken;
    expect(seen).toEqual([2]);
  });

  it('does not wake for a transaction that wrote no event, and wakes once per transaction that did', async () => {
    let wakes = 0;
    const unhook = wakeOnEventCommit(tdb.pool, () => {
      wakes += 1;
    });
    try {
      await tdb.db.transaction((tx) => tx.execute(sql`SELECT 1`));
      expect(wakes).toBe(0);
      await tdb.db.transaction(async (tx) => {
        await recordEvent(tx, event('once-a'));
        await recordEvent(tx, event('once-b'));
      });
      expect(wakes).toBe(1);
      // The connection goes back marked clean: its next transaction without events wakes nobody.
      await tdb.db.transaction((tx) => tx.execute(sql`SELECT 1`));
      expect(wakes).toBe(1);
    } finally {
      unhook();
    }
  });

  it('publishes a wake on the deployment channel, coalescing commits while one is in flight', async () => {
    const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const prefix = `wake-test-${process.pid}-${Date.now()}`;
    const publisher = new Redis(url, { enableOfflineQueue: true });
    const subscriber = new Redis(url);
    let messages = 0;
    subscriber.on('message', () => {
      messages += 1;
    });
    await subscriber.subscribe(eventsCommittedChannel(prefix));
    const wake = redisEventWaker(publisher, prefix);
    try {
      // Ten wakes in one tick: one PUBLISH goes out, and one more after it for the rest.
      for (let i = 0; i < 10; i++) wake();
      const until = Date.now() + 10_000;
      while (messages < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await publisher.ping();
      await subscriber.ping();
      expect(messages).toBe(2);
    } finally {
      subscriber.disconnect();
      publisher.disconnect();
    }
  });
});
