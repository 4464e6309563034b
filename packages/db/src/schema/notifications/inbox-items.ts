import { sql } from 'drizzle-orm';
import { index, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './_schema.js';

/**
 * A notification in one person's inbox. The person is (`organisation_code`, `subject`), the
 * identity of their tokens. `kind` and `params` (ids, codes and dates only — never personal
 * data) are rendered into text when read, in the reader's language. `source_key` names what
 * caused it (`event:<event id>`, `deadline:<id>:v<version>:<step>`): unique per person, so a
 * re-run fan-out adds nothing.
 */
export const inboxItems = notifications.table(
  'inbox_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationCode: text('organisation_code').notNull(),
    subject: text('subject').notNull(),
    staffId: uuid('staff_id'),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    caseId: uuid('case_id'),
    cooperationAreaId: uuid('cooperation_area_id'),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('inbox_items_recipient_source_key').on(t.organisationCode, t.subject, t.sourceKey),
    index('inbox_items_recipient_idx').on(t.organisationCode, t.subject, t.createdAt, t.id),
    index('inbox_items_unread_idx')
      .on(t.organisationCode, t.subject, t.createdAt, t.id)
      .where(sql`${t.readAt} IS NULL`),
  ],
);
