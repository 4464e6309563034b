import { sql } from 'drizzle-orm';
import { index, integer, jsonb, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { platform } from './_schema.js';

/**
 * Responses of creating POSTs by `Idempotency-Key`, per caller. A repeat with the same
 * body gets the stored answer; the same key with another body is refused.
 */
export const idempotencyKeys = platform.table(
  'idempotency_keys',
  {
    organisationCode: text('organisation_code').notNull(),
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationCode, t.principal, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
    index('idempotency_keys_pending_idx').on(t.createdAt).where(sql`${t.statusCode} IS NULL`),
  ],
);
