import { sql } from 'drizzle-orm';
import { check, date, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema } from './_schema.js';
import { cases } from './cases.js';

/**
 * A client relationship moved to the parties of the client's new home municipality
 * (380/2023 §17: the employment authority of the home municipality is responsible). The
 * case keeps its plan and clocks; only its routing changes. Never updated. Organisation
 * codes and area ids only: the home municipality itself stays on the client record.
 */
export const caseTransfers = referralsSchema.table(
  'case_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    transferredOn: date('transferred_on', { mode: 'string' }).notNull(),
    fromCooperationAreaId: uuid('from_cooperation_area_id').notNull(),
    fromEmploymentAuthorityCode: text('from_employment_authority_code').notNull(),
    fromWellbeingCountyOrganiserCode: text('from_wellbeing_county_organiser_code').notNull(),
    toCooperationAreaId: uuid('to_cooperation_area_id').notNull(),
    toEmploymentAuthorityCode: text('to_employment_authority_code').notNull(),
    toWellbeingCountyOrganiserCode: text('to_wellbeing_county_organiser_code').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorSub: text('actor_sub').notNull(),
  },
  (t) => [
    check(
      'case_transfers_changes_check',
      sql`(${t.fromEmploymentAuthorityCode}, ${t.fromWellbeingCountyOrganiserCode}, ${t.fromCooperationAreaId}) IS DISTINCT FROM (${t.toEmploymentAuthorityCode}, ${t.toWellbeingCountyOrganiserCode}, ${t.toCooperationAreaId})`,
    ),
    index('case_transfers_case_idx').on(t.caseId, t.at),
  ],
);
