import { sql } from 'drizzle-orm';
import { char, check, date, index, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { employmentAreas } from './employment-areas.js';
import { municipalities } from './municipalities.js';

/** The day the employment areas started (TE24 reform, act 380/2023): the first period's start. */
export const EMPLOYMENT_AREAS_START = '2025-01-01';

/**
 * Members of employment areas over time: a municipality belongs to one area from
 * `valid_from` to `valid_to` (inclusive; null = until further notice). Periods of one
 * municipality never overlap (the loaders close a period the day before the next starts);
 * at most one period of a municipality is open, a unique key in the database.
 */
export const employmentAreaMunicipalities = resourcing.table(
  'employment_area_municipalities',
  {
    municipalityCode: char('municipality_code', { length: 3 })
      .notNull()
      .references(() => municipalities.code),
    employmentAreaId: text('employment_area_id')
      .notNull()
      .references(() => employmentAreas.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull().default(EMPLOYMENT_AREAS_START),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.validFrom] }),
    uniqueIndex('employment_area_municipalities_open_key')
      .on(t.municipalityCode)
      .where(sql`${t.validTo} IS NULL`),
    check(
      'employment_area_municipalities_period_check',
      sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`,
    ),
    index('employment_area_municipalities_area_idx').on(t.employmentAreaId),
  ],
);
