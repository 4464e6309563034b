import { sql } from 'drizzle-orm';
import { check, date, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { wellbeingCounties } from './wellbeing-counties.js';

/**
 * The negotiated arrangement of an HVA area (381/2023 §9(1) as amended by 437/2024): how
 * many cooperation areas (each with its own management group) the HVA and the employment
 * authorities of the area agreed on, when, and by which decision. Without a row the area has
 * its one default cooperation area. Which authority belongs to which area is in
 * `cooperation_area_parties`.
 */
export const cooperationArrangements = resourcing.table(
  'cooperation_arrangements',
  {
    wellbeingCountyId: text('wellbeing_county_id')
      .primaryKey()
      .references(() => wellbeingCounties.id),
    areaCount: integer('area_count').notNull(),
    agreedOn: date('agreed_on', { mode: 'string' }).notNull(),
    decisionReference: text('decision_reference').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('cooperation_arrangements_area_count_check', sql`${t.areaCount} >= 1`),
    check('cooperation_arrangements_decision_check', sql`length(${t.decisionReference}) > 0`),
  ],
);
