import { char, index, text } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { employmentAreas } from './employment-areas.js';
import { municipalities } from './municipalities.js';

/**
 * Members of employment areas. A municipality belongs to at most one area: the key is the
 * municipality, so two areas claiming it collide in the database, not only in code.
 */
export const employmentAreaMunicipalities = resourcing.table(
  'employment_area_municipalities',
  {
    municipalityCode: char('municipality_code', { length: 3 })
      .primaryKey()
      .references(() => municipalities.code),
    employmentAreaId: text('employment_area_id')
      .notNull()
      .references(() => employmentAreas.id, { onDelete: 'cascade' }),
  },
  (t) => [index('employment_area_municipalities_area_idx').on(t.employmentAreaId)],
);
