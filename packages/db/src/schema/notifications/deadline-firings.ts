import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './_schema.js';

/**
 * Timer steps of a deadline version: `remind-<days>` before it is due, `due` on the day,
 * `escalate` the day after it ended still pending, `erase` for `case.erasure`.
 */
export const DEADLINE_FIRING_OUTCOMES = ['notified', 'erased', 'skipped'] as const;
export type DeadlineFiringOutcome = (typeof DEADLINE_FIRING_OUTCOMES)[number];

/**
 * One row per timer step that took effect, per deadline version: the exactly-once key. A
 * worker inserts it with `ON CONFLICT DO NOTHING` in the same transaction as the inbox items
 * and e-mails of the step, so two workers, a retry or the sweep can never send a step twice.
 * The sweep reads the absence of a row as "not yet fired" (the database is the truth, Redis
 * only holds the timers).
 */
export const deadlineFirings = notifications.table(
  'deadline_firings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `platform.deadlines.id` (no foreign key across schemas). */
    deadlineId: uuid('deadline_id').notNull(),
    version: integer('version').notNull(),
    step: text('step').notNull(),
    outcome: text('outcome', { enum: DEADLINE_FIRING_OUTCOMES }).notNull(),
    recipients: integer('recipients').notNull().default(0),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('deadline_firings_step_key').on(t.deadlineId, t.version, t.step),
    check('deadline_firings_step_check', sql`${t.step} ~ '^(remind-[0-9]{1,3}|due|escalate|erase)$'`),
    check('deadline_firings_outcome_check', sql`${t.outcome} IN ('notified', 'erased', 'skipped')`),
    index('deadline_firings_fired_idx').on(t.firedAt),
  ],
);
