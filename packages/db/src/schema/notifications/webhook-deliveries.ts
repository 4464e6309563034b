import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications, WEBHOOK_DELIVERY_KINDS, WEBHOOK_DELIVERY_STATUSES } from './_schema.js';
import { webhookEndpoints } from './webhook-endpoints.js';

/**
 * One message to one endpoint: an event of the log (unique per endpoint and event, so a
 * re-run fan-out adds nothing) or a ping. The body is frozen at fan-out so every retry sends
 * the same bytes with the same `webhook_id`.
 *
 * `attempt` is the number of the attempt that is due (`pending`) or in flight
 * (`delivering`); a worker claims it with a conditional UPDATE, so two workers never send the
 * same attempt. `max_attempt` is the last attempt this round may make (the retry schedule, or
 * one more for a manual retry). `next_attempt_at` is the truth the sweep reads when Redis has
 * lost a timer.
 */
export const webhookDeliveries = notifications.table(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    organisationCode: text('organisation_code').notNull(),
    kind: text('kind', { enum: WEBHOOK_DELIVERY_KINDS }).notNull(),
    /** `platform.events.event_id`; NULL for a ping. */
    eventId: uuid('event_id'),
    eventPosition: bigint('event_position', { mode: 'number' }),
    eventType: text('event_type').notNull(),
    /** The `webhook-id` header: the event's id, the same on every retry. */
    webhookId: text('webhook_id').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempt: integer('attempt').notNull().default(1),
    maxAttempt: integer('max_attempt').notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'webhook_deliveries_status_check',
      sql`${t.status} IN ('pending', 'delivering', 'succeeded', 'failed')`,
    ),
    check('webhook_deliveries_kind_check', sql`${t.kind} IN ('event', 'ping')`),
    check('webhook_deliveries_attempt_check', sql`${t.attempt} >= 1 AND ${t.attempt} <= ${t.maxAttempt}`),
    check('webhook_deliveries_event_check', sql`(${t.kind} = 'event') = (${t.eventId} IS NOT NULL)`),
    check(
      'webhook_deliveries_pending_check',
      sql`${t.status} <> 'pending' OR ${t.nextAttemptAt} IS NOT NULL`,
    ),
    uniqueIndex('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt, t.id),
    index('webhook_deliveries_event_idx').on(t.eventId),
    // The sweep's two hot queues.
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_claimed_idx').on(t.claimedAt).where(sql`${t.status} = 'delivering'`),
  ],
);
