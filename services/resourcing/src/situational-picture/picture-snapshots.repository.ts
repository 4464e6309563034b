import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

/** The key of one snapshot: the area, the resolved period, and the breakdown ('' for none). */
export interface SnapshotKey {
  areaId: string;
  from: string;
  to: string;
  by: 'month' | 'quarter';
  breakdown: '' | 'employment_authority';
}

/** What a computation saw before it began: the area's marker and the event log's end. */
export interface SnapshotMarks {
  areaVersion: number;
  eventPosition: number;
}

export interface SnapshotRow extends SnapshotMarks {
  computedOn: string;
  computedAt: Date;
  picture: unknown;
  pages: Record<string, string>;
  /** True when no event the picture may depend on was committed after the computation began. */
  upToDate: boolean;
}

/** Read before computing: a later event raises one or the other (or is still unpositioned). */
export async function readMarks(db: Queryable, areaId: string): Promise<SnapshotMarks> {
  const r = await db.execute<{ area_version: string; event_position: string }>(sql`
    SELECT coalesce((SELECT version FROM resourcing.picture_area_versions WHERE cooperation_area_id = ${areaId}), 0) AS area_version,
           coalesce((SELECT max(position) FROM platform.events), 0) AS event_position`);
  const row = r.rows[0];
  return { areaVersion: Number(row?.area_version ?? 0), eventPosition: Number(row?.event_position ?? 0) };
}

/**
 * The snapshot and whether it is up to date: the area's version is the one it was computed at,
 * and no event of the area — nor one without an area (staff, organisations), which may touch
 * any — was committed after its computation began: none positioned after its position and
 * none still waiting for a position (the relay positions only committed events, in order).
 */
export async function findSnapshot(db: Queryable, k: SnapshotKey): Promise<SnapshotRow | null> {
  const r = await db.execute<{
    area_version: string;
    event_position: string;
    computed_on: string;
    computed_at: Date;
    picture: unknown;
    pages: Record<string, string>;
    up_to_date: boolean;
  }>(sql`
    SELECT s.area_version, s.event_position, s.computed_on::text AS computed_on, s.computed_at, s.picture, s.pages,
           s.area_version = coalesce(v.version, 0)
             AND NOT EXISTS (
               SELECT 1 FROM platform.events e
                WHERE (e.position > s.event_position OR e.position IS NULL)
                  AND (e.cooperation_area_id = s.cooperation_area_id OR e.cooperation_area_id IS NULL)
             ) AS up_to_date
      FROM resourcing.picture_snapshots s
      LEFT JOIN resourcing.picture_area_versions v ON v.cooperation_area_id = s.cooperation_area_id
     WHERE s.cooperation_area_id = ${k.areaId} AND s.period_from = ${k.from} AND s.period_to = ${k.to}
       AND s.by = ${k.by} AND s.breakdown = ${k.breakdown}`);
  const row = r.rows[0];
  if (!row) return null;
  return {
    areaVersion: Number(row.area_version),
    eventPosition: Number(row.event_position),
    computedOn: row.computed_on,
    computedAt: new Date(row.computed_at),
    picture: row.picture,
    pages: row.pages,
    upToDate: row.up_to_date,
  };
}

/**
 * Stores a computed picture unless a newer one is already there: a computation that began
 * later saw a day, version and position at least as high, so the conditional upsert keeps the
 * newest whatever order two workers finish in. Returns whether it was stored.
 */
export async function storeSnapshot(
  db: Queryable,
  k: SnapshotKey,
  s: SnapshotMarks & { computedOn: string; computedAt: Date; picture: unknown; readAt: Date | null },
): Promise<boolean> {
  const r = await db.execute(sql`
    INSERT INTO resourcing.picture_snapshots AS p
           (cooperation_area_id, period_from, period_to, by, breakdown, area_version, event_position,
            computed_on, computed_at, picture, pages, read_at)
    VALUES (${k.areaId}, ${k.from}, ${k.to}, ${k.by}, ${k.breakdown}, ${s.areaVersion}, ${s.eventPosition},
            ${s.computedOn}, ${s.computedAt}, ${JSON.stringify(s.picture)}::jsonb, '{}'::jsonb,
            coalesce(${s.readAt}::timestamptz, ${s.computedAt}::timestamptz))
    ON CONFLICT (cooperation_area_id, period_from, period_to, by, breakdown) DO UPDATE
       SET area_version = EXCLUDED.area_version, event_position = EXCLUDED.event_position,
           computed_on = EXCLUDED.computed_on, computed_at = EXCLUDED.computed_at,
           picture = EXCLUDED.picture, pages = '{}'::jsonb,
           read_at = greatest(p.read_at, EXCLUDED.read_at)
     WHERE (p.computed_on, p.area_version, p.event_position)
        <= (EXCLUDED.computed_on, EXCLUDED.area_version, EXCLUDED.event_position)`);
  return (r.rowCount ?? 0) > 0;
}

/** Keeps a page's HTML with the snapshot it was rendered from (only while that one is there). */
export async function storePage(
  db: Queryable,
  k: SnapshotKey,
  of: SnapshotMarks & { computedOn: string },
  lang: string,
  html: string,
): Promise<void> {
  await db.execute(sql`
    UPDATE resourcing.picture_snapshots
       SET pages = pages || jsonb_build_object(${lang}::text, ${html}::text)
     WHERE cooperation_area_id = ${k.areaId} AND period_from = ${k.from} AND period_to = ${k.to}
       AND by = ${k.by} AND breakdown = ${k.breakdown} AND area_version = ${of.areaVersion}
       AND event_position = ${of.eventPosition} AND computed_on = ${of.computedOn}`);
}

/**
 * Notes a read (at most once a minute) and, while the snapshot is still up to date, moves its
 * event position up to the log's end: in one statement, so every event of the area up to that
 * position is one it saw, and the next freshness check scans only the events after it.
 */
export async function touchSnapshot(db: Queryable, k: SnapshotKey, now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE resourcing.picture_snapshots s
       SET read_at = ${now}, event_position = greatest(s.event_position, coalesce((SELECT max(position) FROM platform.events), 0))
     WHERE s.cooperation_area_id = ${k.areaId} AND s.period_from = ${k.from} AND s.period_to = ${k.to}
       AND s.by = ${k.by} AND s.breakdown = ${k.breakdown} AND s.read_at < ${now}::timestamptz - interval '1 minute'
       AND s.area_version = coalesce((SELECT version FROM resourcing.picture_area_versions v
                                        WHERE v.cooperation_area_id = s.cooperation_area_id), 0)
       AND NOT EXISTS (
         SELECT 1 FROM platform.events e
          WHERE (e.position > s.event_position OR e.position IS NULL)
            AND (e.cooperation_area_id = s.cooperation_area_id OR e.cooperation_area_id IS NULL))`);
}

/** Marks the pictures of the areas stale: one UPDATE (an insert the first time). */
export async function markAreasStale(db: Queryable, areaIds: string[] | 'all', now: Date): Promise<number> {
  if (areaIds !== 'all' && areaIds.length === 0) return 0;
  const only = areaIds === 'all' ? null : `{${areaIds.join(',')}}`;
  const r = await db.execute(sql`
    INSERT INTO resourcing.picture_area_versions AS v (cooperation_area_id, version, changed_at)
    SELECT a.id, 1, ${now} FROM resourcing.cooperation_areas a
     WHERE ${only}::uuid[] IS NULL OR a.id = ANY(${only}::uuid[])
    ON CONFLICT (cooperation_area_id) DO UPDATE SET version = v.version + 1, changed_at = EXCLUDED.changed_at`);
  return r.rowCount ?? 0;
}

/** Snapshots answered since `readSince` that are no longer up to date (or not of `today`). */
export async function findStaleSnapshots(
  db: Queryable,
  readSince: Date,
  today: string,
  areaId?: string,
): Promise<SnapshotKey[]> {
  const r = await db.execute<{
    cooperation_area_id: string;
    period_from: string;
    period_to: string;
    by: 'month' | 'quarter';
    breakdown: '' | 'employment_authority';
  }>(sql`
    SELECT s.cooperation_area_id, s.period_from::text AS period_from, s.period_to::text AS period_to, s.by, s.breakdown
      FROM resourcing.picture_snapshots s
      LEFT JOIN resourcing.picture_area_versions v ON v.cooperation_area_id = s.cooperation_area_id
     WHERE s.read_at >= ${readSince}
       AND (${areaId ?? null}::uuid IS NULL OR s.cooperation_area_id = ${areaId ?? null}::uuid)
       AND (s.computed_on <> ${today}::date
            OR s.area_version <> coalesce(v.version, 0)
            OR EXISTS (
              SELECT 1 FROM platform.events e
               WHERE (e.position > s.event_position OR e.position IS NULL)
                 AND (e.cooperation_area_id = s.cooperation_area_id OR e.cooperation_area_id IS NULL)))
     ORDER BY s.read_at DESC`);
  return r.rows.map((row) => ({
    areaId: row.cooperation_area_id,
    from: row.period_from,
    to: row.period_to,
    by: row.by,
    breakdown: row.breakdown,
  }));
}
