import { sql } from 'drizzle-orm';
import { bigint, check, date, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { cooperationAreas } from './cooperation-areas.js';

/**
 * The situational picture's freshness marker per cooperation area (issue 13): `version` goes
 * up by one whenever the worker sees an event the picture depends on (one UPDATE); a snapshot
 * computed at an older version is stale.
 */
export const pictureAreaVersions = resourcing.table('picture_area_versions', {
  cooperationAreaId: uuid('cooperation_area_id')
    .primaryKey()
    .references(() => cooperationAreas.id),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * A computed, already-suppressed situational picture per (area, period, by, breakdown), kept
 * fresh by the worker. Holds only suppressed aggregates (no person-level row). It is answered
 * only while `areaVersion` is the area's version, `computedOn` is today and no event of the
 * area was committed after `eventPosition`; else the picture is computed live and stored.
 */
export const pictureSnapshots = resourcing.table(
  'picture_snapshots',
  {
    cooperationAreaId: uuid('cooperation_area_id')
      .notNull()
      .references(() => cooperationAreas.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    by: text('by', { enum: ['month', 'quarter'] }).notNull(),
    /** '' for none, or `employment_authority`. */
    breakdown: text('breakdown').notNull().default(''),
    /** The area's `picture_area_versions.version` read before the computation began. */
    areaVersion: bigint('area_version', { mode: 'number' }).notNull(),
    /** The highest event-log position read before the computation began. */
    eventPosition: bigint('event_position', { mode: 'number' }).notNull(),
    /** The Helsinki day the picture was computed for ("today" in overdue plans and staffing). */
    computedOn: date('computed_on', { mode: 'string' }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
    picture: jsonb('picture').$type<Record<string, unknown>>().notNull(),
    /** The page's HTML per language, with a placeholder for the link's token. */
    pages: jsonb('pages').$type<Record<string, string>>().notNull().default({}),
    /** Last answered: the worker refreshes the snapshots read recently. */
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperationAreaId, t.periodFrom, t.periodTo, t.by, t.breakdown] }),
    check('picture_snapshots_by_check', sql`${t.by} IN ('month', 'quarter')`),
  ],
);
