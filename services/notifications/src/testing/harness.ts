import { events, webhookDeliveries } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { assignPositions, type EventPayload, type EventType, exampleEvent, recordEvent } from '@tym/jobs';
import { fixedClock } from '@tym/platform';
import { createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { and, asc, eq, lte } from 'drizzle-orm';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';
import { notificationsService } from '../app.js';
import type { NotificationsConfig } from '../deps.js';
import { createProcessors } from './jobs-harness.js';

const log = pino({ level: 'silent' });
const ctx = { jobId: 't', attemptsMade: 0 };

export const TEST_CONFIG: NotificationsConfig = {
  allowedHosts: ['127.0.0.1', 'localhost'],
  allowPrivateAddresses: true,
};

export interface EventInput<T extends EventType = 'referral.accepted'> {
  type?: T;
  organisationCodes: string[];
  caseId?: string | null;
  cooperationAreaId?: string | null;
  subjectId?: string;
  /** Over the catalog's example payload of the type. */
  payload?: Partial<EventPayload<T>>;
}

/**
 * The notifications API on a real database, with the worker's processors driven by hand at
 * the moments of a controlled clock (no real waiting for retries).
 */
export async function createHarness(config: NotificationsConfig = TEST_CONFIG) {
  const tdb: TestDatabase = await createTestDatabase();
  const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const t: TestPlatform = await createTestPlatform({ pool: tdb.pool });
  await t.app.register(notificationsService({ db: tdb.db, clock, config }));
  await t.app.ready();
  const webhooks = { ...config, timeoutMs: 500, random: () => 0.5 };
  const processors = createProcessors({ db: tdb.db, clock, log, webhooks });

  return {
    tdb,
    t,
    clock,
    processors,
    auth: (org: string, role = 'partner') => ({ authorization: t.bearer(org, [role]) }),
    /** Writes an event as a service does, gives it its position and dispatches it. */
    async addEvent<T extends EventType = 'referral.accepted'>(input: EventInput<T>) {
      const type = (input.type ?? 'referral.accepted') as T;
      const recorded = await tdb.db.transaction((tx) =>
        recordEvent(
          tx,
          exampleEvent(type, {
            occurredAt: clock.now(),
            organisationCodes: input.organisationCodes,
            caseId: input.caseId ?? null,
            cooperationAreaId: input.cooperationAreaId ?? null,
            subjectId: input.subjectId ?? 'r-1',
            ...(input.payload ? { payload: input.payload } : {}),
          }),
        ),
      );
      await assignPositions(tdb.db);
      const [row] = await tdb.db.select().from(events).where(eq(events.id, recorded.id));
      await processors['event.dispatch']({ eventId: recorded.id, position: row?.position as number }, ctx);
      return { ...recorded, position: row?.position as number };
    },
    /** Runs every attempt due at the test clock's now, as the worker would. */
    async runDue() {
      const due = await tdb.db
        .select({ deliveryId: webhookDeliveries.id, attempt: webhookDeliveries.attempt })
        .from(webhookDeliveries)
        .where(
          and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, clock.now())),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt));
      for (const job of due) await processors['webhook.deliver'](job, ctx);
      return due.length;
    },
    /** standardwebhooks checks timestamps against the real clock: show it the test clock. */
    verify(secret: string, body: string, headers: Record<string, string>): unknown {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(clock.now());
      try {
        return new Webhook(secret).verify(body, headers);
      } finally {
        vi.useRealTimers();
      }
    },
    async close() {
      await t.close();
      await tdb.destroy();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
