import { bigserial, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema } from './_schema.js';

/**
 * Every read and write of client data (906/2019 §17; 381/2023 §12): who (subject,
 * organisation, roles), what (action, resource, client), why (purpose), when, and the
 * request id. Append-only: a trigger (migration `referrals_access_log_append_only`) raises
 * on UPDATE, DELETE and TRUNCATE. Never holds an identity code, a name or free text of the
 * client.
 */
export const accessLog = referralsSchema.table(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    requestId: text('request_id').notNull(),
    actorSub: text('actor_sub').notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorRoles: text('actor_roles').array().notNull(),
    /** `client.read`, `referral.accept`, … */
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    /** Null only for a search that matched no client. */
    clientId: uuid('client_id'),
    purpose: text('purpose').notNull(),
  },
  (t) => [
    index('access_log_client_idx').on(t.clientId, t.id),
    index('access_log_occurred_idx').on(t.occurredAt),
  ],
);
