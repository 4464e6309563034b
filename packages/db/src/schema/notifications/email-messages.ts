import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './_schema.js';

export const EMAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * The e-mail outbox. A message is written in the transaction that decided to send it
 * (rendered then, in the recipient's language, with a case reference and a link only) and
 * sent by the `email.send` job; `next_attempt_at` is the truth the sweep reads when Redis
 * lost the job. The address is a staff member's work address, or a meeting participant's
 * address; nothing else personal is ever stored here.
 */
export const emailMessages = notifications.table(
  'email_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What caused it, as in `inbox_items.source_key`; unique per recipient. */
    sourceKey: text('source_key').notNull(),
    /** `<organisation>:<subject>` for staff, `address:<address>` for others. */
    recipientKey: text('recipient_key').notNull(),
    toAddress: text('to_address').notNull(),
    language: text('language', { enum: ['fi', 'sv', 'en'] }).notNull(),
    kind: text('kind').notNull(),
    subjectLine: text('subject_line').notNull(),
    bodyText: text('body_text').notNull(),
    /** An iCalendar attachment (meeting invitations and changes). */
    ics: text('ics'),
    icsMethod: text('ics_method'),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    messageId: text('message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('email_messages_source_recipient_key').on(t.sourceKey, t.recipientKey),
    check('email_messages_status_check', sql`${t.status} IN ('pending', 'sending', 'sent', 'failed')`),
    check('email_messages_pending_check', sql`${t.status} <> 'pending' OR ${t.nextAttemptAt} IS NOT NULL`),
    index('email_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('email_messages_claimed_idx').on(t.claimedAt).where(sql`${t.status} = 'sending'`),
  ],
);
