import { sql } from 'drizzle-orm';
import { check, date, index, integer, text, uuid } from 'drizzle-orm/pg-core';
import { PLAN_ACTION_TYPES, planningSchema } from './_schema.js';
import { sqlList } from './_sql.js';
import { meetingAgendaItems } from './meeting-agenda-items.js';
import { meetings } from './meetings.js';

/**
 * A decision recorded in the minutes under an agenda item. A decision with an owner
 * organisation becomes an action of the plan draft when the meeting is closed.
 */
export const meetingDecisions = planningSchema.table(
  'meeting_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => meetingAgendaItems.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    actionOwnerOrganisationCode: text('action_owner_organisation_code'),
    actionType: text('action_type', { enum: PLAN_ACTION_TYPES }),
    actionDueOn: date('action_due_on', { mode: 'string' }),
    /** The plan action the decision became (set when the meeting closes). */
    planActionId: uuid('plan_action_id'),
  },
  (t) => [
    check(
      'meeting_decisions_action_check',
      sql`(${t.actionOwnerOrganisationCode} IS NULL) = (${t.actionType} IS NULL) AND (${t.actionType} IS NULL OR ${t.actionType} IN (${sqlList(PLAN_ACTION_TYPES)}))`,
    ),
    index('meeting_decisions_meeting_idx').on(t.meetingId),
  ],
);
