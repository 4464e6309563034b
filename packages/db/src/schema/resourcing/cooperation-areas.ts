import { sql } from 'drizzle-orm';
import { boolean, check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { wellbeingCounties } from './wellbeing-counties.js';

/**
 * A cooperation area (yhteistoiminta-alue): the parties of one management group and one
 * cooperation agreement within an HVA area (381/2023 §9, VNA 388/2024). Each HVA area has a
 * default one (`code` = the county id); an area may get more, at most one per employment
 * authority there.
 */
export const cooperationAreas = resourcing.table(
  'cooperation_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameFi: text('name_fi').notNull(),
    nameSv: text('name_sv').notNull(),
    wellbeingCountyId: text('wellbeing_county_id')
      .notNull()
      .references(() => wellbeingCounties.id),
    /** The area new employment authorities of the county join and referrals fall back to. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cooperation_areas_code_key').on(t.code),
    check('cooperation_areas_code_check', sql`${t.code} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    uniqueIndex('cooperation_areas_one_default_key').on(t.wellbeingCountyId).where(sql`${t.isDefault}`),
    index('cooperation_areas_wellbeing_county_idx').on(t.wellbeingCountyId),
  ],
);
