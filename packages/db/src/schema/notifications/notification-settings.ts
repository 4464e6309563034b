import { sql } from 'drizzle-orm';
import { boolean, check, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { notifications } from './_schema.js';

/**
 * A person's notification settings: e-mail on or off and the language of notifications and
 * e-mails. No row means the defaults (e-mail on, the service's default language).
 */
export const notificationSettings = notifications.table(
  'notification_settings',
  {
    organisationCode: text('organisation_code').notNull(),
    subject: text('subject').notNull(),
    emailEnabled: boolean('email_enabled').notNull().default(true),
    language: text('language', { enum: ['fi', 'sv', 'en'] }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationCode, t.subject] }),
    check(
      'notification_settings_language_check',
      sql`${t.language} IS NULL OR ${t.language} IN ('fi', 'sv', 'en')`,
    ),
  ],
);
