import { sql } from 'drizzle-orm';
import { check, index, numeric, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { cooperationAreas } from './cooperation-areas.js';
import { staff } from './staff.js';

/**
 * The share of a staff member's working time assigned to one cooperation area (the staff a
 * party assigns, VNA 388/2024 §3(2)). The sum over a person's areas is at most 1.0; the
 * service enforces it under a lock on the staff row, since a CHECK sees one row only.
 */
export const staffAllocations = resourcing.table(
  'staff_allocations',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    cooperationAreaId: uuid('cooperation_area_id')
      .notNull()
      .references(() => cooperationAreas.id),
    /** Full-time equivalent; read as a string (NUMERIC), e.g. `'0.500'`. */
    fte: numeric('fte', { precision: 4, scale: 3 }).notNull(),
    competences: text('competences').array().notNull().default(sql`'{}'::text[]`),
    /** Languages the person serves clients in within this area (ISO 639 codes). */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.cooperationAreaId] }),
    check('staff_allocations_fte_check', sql`${t.fte} > 0 AND ${t.fte} <= 1`),
    check(
      'staff_allocations_competences_check',
      sql`array_to_string(${t.competences}, ',') ~ '^([a-z][a-z0-9_]{0,62}(,[a-z][a-z0-9_]{0,62})*)?$'`,
    ),
    check(
      'staff_allocations_languages_check',
      sql`array_to_string(${t.languages}, ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$'`,
    ),
    index('staff_allocations_cooperation_area_idx').on(t.cooperationAreaId),
  ],
);
