import { sql } from 'drizzle-orm';
import { boolean, check, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notifications, WEBHOOK_DISABLED_REASONS } from './_schema.js';

/**
 * A webhook subscription of one organisation. `event_types` NULL means every event the
 * organisation may see; entries are exact types or `prefix.*`.
 *
 * The signing secrets (`whsec_…`) are shown to the owner only at creation and rotation and
 * never logged. After a rotation the previous secret keeps signing beside the new one until
 * `previous_secret_expires_at`. `failing_since` is the first failed attempt since the last
 * success: the 5-day disablement rule reads it.
 */
export const webhookEndpoints = notifications.table(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationCode: text('organisation_code').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    eventTypes: text('event_types').array(),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, mode: 'date' }),
    paused: boolean('paused').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    disabledReason: text('disabled_reason', { enum: WEBHOOK_DISABLED_REASONS }),
    failingSince: timestamp('failing_since', { withTimezone: true, mode: 'date' }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true, mode: 'date' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'webhook_endpoints_disabled_check',
      sql`(${t.disabledAt} IS NULL) = (${t.disabledReason} IS NULL) AND (${t.disabledReason} IS NULL OR ${t.disabledReason} IN ('gone', 'failing'))`,
    ),
    check(
      'webhook_endpoints_previous_secret_check',
      sql`(${t.previousSecret} IS NULL) = (${t.previousSecretExpiresAt} IS NULL)`,
    ),
    index('webhook_endpoints_organisation_idx').on(t.organisationCode, t.createdAt, t.id),
    // Fan-out reads only the endpoints that may receive events.
    index('webhook_endpoints_active_idx')
      .on(t.organisationCode)
      .where(sql`${t.disabledAt} IS NULL AND NOT ${t.paused}`),
  ],
);
