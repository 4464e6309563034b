import { sql } from 'drizzle-orm';
import { type AnyPgColumn, char, check, date, index, text } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { wellbeingCounties } from './wellbeing-counties.js';

export const MUNICIPALITY_LANGUAGES = ['fi', 'sv', 'bilingual'] as const;
export type MunicipalityLanguage = (typeof MUNICIPALITY_LANGUAGES)[number];

/**
 * The 309 municipalities by official code. A client is served by the parties of their home
 * municipality (kotikunta), so this is where referrals are routed from. Reference data.
 */
export const municipalities = resourcing.table(
  'municipalities',
  {
    code: char('code', { length: 3 }).primaryKey(),
    nameFi: text('name_fi').notNull(),
    nameSv: text('name_sv').notNull(),
    language: text('language', { enum: MUNICIPALITY_LANGUAGES }).notNull(),
    regionFi: text('region_fi').notNull(),
    /** Null for the 16 Åland municipalities: Åland has its own legislation and no HVA. */
    wellbeingCountyId: text('wellbeing_county_id').references(() => wellbeingCounties.id),
    /** The last day the municipality existed (it merged into `successorCode`); null while it exists. */
    validTo: date('valid_to', { mode: 'string' }),
    /** The municipality it merged into (e.g. Pertunmaa 588 into Mäntyharju 507 on 1.1.2025). */
    successorCode: char('successor_code', { length: 3 }).references((): AnyPgColumn => municipalities.code),
  },
  (t) => [
    check('municipalities_code_check', sql`${t.code} ~ '^[0-9]{3}$'`),
    check('municipalities_language_check', sql`${t.language} IN ('fi', 'sv', 'bilingual')`),
    index('municipalities_wellbeing_county_idx').on(t.wellbeingCountyId),
    check(
      'municipalities_successor_check',
      sql`(${t.successorCode} IS NULL) = (${t.validTo} IS NULL) AND ${t.successorCode} IS DISTINCT FROM ${t.code}`,
    ),
  ],
);
