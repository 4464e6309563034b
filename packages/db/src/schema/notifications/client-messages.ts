import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './_schema.js';

/** What the client is told (issue 11 item 4); meetings go through the meeting e-mails. */
export const CLIENT_MESSAGE_KINDS = [
  'referral_received',
  'relationship_started',
  'referral_declined',
  'plan_agreed',
  'plan_reviewed',
  'review_request_refused',
  'relationship_ended',
] as const;
export type ClientMessageKind = (typeof CLIENT_MESSAGE_KINDS)[number];

/** `email` to the client's address; `letter` a printable PDF the case's parties hand or post. */
export const CLIENT_MESSAGE_CHANNELS = ['email', 'letter'] as const;
export type ClientMessageChannel = (typeof CLIENT_MESSAGE_CHANNELS)[number];

/** Ids, codes and dates that a message is rendered from; never a name or free text. */
export type ClientMessageParams = Record<string, string | number | null>;

/**
 * One message to a client per event and channel: the unique key makes a replayed or
 * re-dispatched event send nothing twice. A letter is not stored as bytes: its PDF is
 * rendered on demand from these ids with the client's current details, so erasing the
 * client's data (381/2023 §12(2)) leaves no copy of them here. `languages` is `{fi}`,
 * `{sv}`, or `{fi,sv}` when the client's language is not known in a bilingual
 * municipality (kielilaki 423/2003 §10) — then `language_to_be_asked` flags it.
 */
export const clientMessages = notifications.table(
  'client_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    channel: text('channel', { enum: CLIENT_MESSAGE_CHANNELS }).notNull(),
    kind: text('kind', { enum: CLIENT_MESSAGE_KINDS }).notNull(),
    referralId: uuid('referral_id').notNull(),
    caseId: uuid('case_id'),
    clientId: uuid('client_id').notNull(),
    languages: text('languages').array().notNull(),
    languageToBeAsked: boolean('language_to_be_asked').notNull().default(false),
    params: jsonb('params').$type<ClientMessageParams>().notNull(),
    /** The outbox row of an e-mail (`email_messages.id`). */
    emailMessageId: uuid('email_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('client_messages_event_channel_key').on(t.eventId, t.channel),
    check('client_messages_channel_check', sql`${t.channel} IN ('email', 'letter')`),
    check(
      'client_messages_kind_check',
      sql`${t.kind} IN (${sql.raw(CLIENT_MESSAGE_KINDS.map((k) => `'${k}'`).join(', '))})`,
    ),
    check(
      'client_messages_languages_check',
      sql`${t.languages} IN (ARRAY['fi']::text[], ARRAY['sv']::text[], ARRAY['fi','sv']::text[])`,
    ),
    check('client_messages_email_check', sql`(${t.channel} = 'email') = (${t.emailMessageId} IS NOT NULL)`),
    index('client_messages_case_idx').on(t.caseId, t.createdAt),
    index('client_messages_referral_idx').on(t.referralId, t.createdAt),
  ],
);
