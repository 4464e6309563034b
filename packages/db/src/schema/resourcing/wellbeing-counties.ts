import { text, uniqueIndex } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { organisations } from './organisations.js';

/**
 * The 22 areas whose social and health care has one organiser (act 616/2021): 21 wellbeing
 * services counties (hyvinvointialue) and the City of Helsinki. Reference data.
 */
export const wellbeingCounties = resourcing.table(
  'wellbeing_counties',
  {
    id: text('id').primaryKey(),
    nameFi: text('name_fi').notNull(),
    nameSv: text('name_sv').notNull(),
    /** The organisation holding the wellbeing_county role here: `hva-<id>` or `helsinki`. */
    organiserCode: text('organiser_code')
      .notNull()
      .references(() => organisations.code),
  },
  (t) => [uniqueIndex('wellbeing_counties_organiser_key').on(t.organiserCode)],
);
