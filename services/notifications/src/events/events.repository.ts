import { events, type Queryable } from '@tym/db';
import { and, asc, gt, inArray, isNotNull, sql } from 'drizzle-orm';

export type EventRow = typeof events.$inferSelect;

/**
 * The feed of one organisation: committed, positioned events whose parties include it, in
 * position order. Served by `events_position_key` (an ordered index scan that stops after
 * `limit` matches) or, for an organisation that is party to few events, by the GIN index
 * on `organisation_codes`; the planner picks.
 *
 * Reads platform.events, which every service writes through @tym/jobs' recordEvent.
 */
export async function findFeedEvents(
  db: Queryable,
  organisationCode: string,
  afterPosition: number,
  types: string[] | undefined,
  limit: number,
): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(
      and(
        isNotNull(events.position),
        gt(events.position, afterPosition),
        sql`${events.organisationCodes} @> ARRAY[${organisationCode}]::text[]`,
        types?.length ? inArray(events.type, types) : undefined,
      ),
    )
    .orderBy(asc(events.position))
    .limit(limit);
}
