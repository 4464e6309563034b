import { sql } from 'drizzle-orm';
import { check, integer, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { planningSchema } from './_schema.js';
import { meetings } from './meetings.js';

/** An item of a meeting's agenda; `minutes` is what was discussed under it. */
export const meetingAgendaItems = planningSchema.table(
  'meeting_agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    minutes: text('minutes'),
  },
  (t) => [
    check('meeting_agenda_items_title_check', sql`length(${t.title}) > 0`),
    uniqueIndex('meeting_agenda_items_position_key').on(t.meetingId, t.position),
  ],
);
