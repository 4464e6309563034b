import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { platform } from './_schema.js';

/**
 * The event log (outbox). A row is written in the same transaction as the state change it
 * describes; nothing leaves the service any other way.
 *
 * `id` is allocated at insert and so is NOT in commit order. `position` is assigned by the
 * relay, under a single lock, only to committed rows: readers of the feed page by
 * `position`, which never lets a late-committing transaction slip behind a cursor.
 *
 * The payload carries ids, codes and dates only, never personal data.
 */
export const events = platform.table(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull().defaultRandom(),
    position: bigint('position', { mode: 'number' }),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Organisation codes that are parties of what happened: they may see the event. */
    organisationCodes: text('organisation_codes').array().notNull(),
    cooperationAreaId: uuid('cooperation_area_id'),
    caseId: uuid('case_id'),
    /** 1, 2, 3… per case, so a receiver can see a gap. */
    caseSequence: integer('case_sequence'),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    actorOrganisation: text('actor_organisation'),
    actorSub: text('actor_sub'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true, mode: 'date' }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('events_event_id_key').on(t.eventId),
    uniqueIndex('events_position_key').on(t.position),
    uniqueIndex('events_case_sequence_key').on(t.caseId, t.caseSequence),
    index('events_unpositioned_idx').on(t.id).where(sql`${t.position} IS NULL`),
    index('events_unenqueued_idx')
      .on(t.position)
      .where(sql`${t.position} IS NOT NULL AND ${t.enqueuedAt} IS NULL`),
    // The relay's sweep of events whose dispatch job Redis lost (enqueued, not dispatched).
    index('events_undispatched_idx')
      .on(t.enqueuedAt)
      .where(sql`${t.enqueuedAt} IS NOT NULL AND ${t.dispatchedAt} IS NULL`),
    index('events_organisation_codes_idx').using('gin', t.organisationCodes),
    index('events_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/** Per-case counter behind `events.case_sequence`; the row lock serialises writers of one case. */
export const caseSequences = platform.table('case_sequences', {
  caseId: uuid('case_id').primaryKey(),
  last: integer('last').notNull(),
});
