import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications, WEBHOOK_ATTEMPT_OUTCOMES } from './_schema.js';
import { webhookDeliveries } from './webhook-deliveries.js';

/**
 * Every attempt of a delivery, kept so the owner can read why it failed: HTTP status,
 * latency, the error, and the first bytes of the receiver's answer. One row per
 * (delivery, attempt): the claim makes a second row for the same attempt impossible.
 */
export const webhookDeliveryAttempts = notifications.table(
  'webhook_delivery_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    latencyMs: integer('latency_ms'),
    statusCode: integer('status_code'),
    outcome: text('outcome', { enum: WEBHOOK_ATTEMPT_OUTCOMES }).notNull(),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [
    check(
      'webhook_delivery_attempts_outcome_check',
      sql`${t.outcome} IN ('succeeded', 'failed', 'interrupted')`,
    ),
    uniqueIndex('webhook_delivery_attempts_delivery_attempt_key').on(t.deliveryId, t.attempt),
    index('webhook_delivery_attempts_started_idx').on(t.startedAt),
  ],
);
