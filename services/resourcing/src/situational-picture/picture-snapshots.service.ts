import type { Database, Queryable } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import type { EventRow } from '@tym/jobs';
import {
  findSnapshot,
  findStaleSnapshots,
  markAreasStale,
  readMarks,
  type SnapshotKey,
  type SnapshotMarks,
  storePage,
  storeSnapshot,
  touchSnapshot,
} from './picture-snapshots.repository.js';
import type { PictureQuery, SituationalPicture } from './situational-picture.service.js';

/**
 * Precomputed situational pictures kept fresh by the worker (issue 13, "Speed"). Correctness
 * first: a snapshot is answered only while no event the picture may depend on was committed
 * after its computation began (the area's version, raised by the worker, and the event log's
 * own positions — so even an event the worker has not yet seen makes it stale) and it was
 * computed today (overdue plans, staffing "today"). Otherwise the picture is computed live,
 * answered and stored. The worker recomputes the stale snapshots read recently, so a reader
 * usually finds a fresh one.
 */
export type PictureSource = 'snapshot' | 'live';

export interface SourcedPicture {
  picture: SituationalPicture & { computedAt: string };
  source: PictureSource;
  key: SnapshotKey;
  marks: SnapshotMarks & { computedOn: string };
  /** The page's HTML per language (a placeholder for the link's token), when rendered before. */
  pages: Record<string, string>;
}

/** Stands for the link's token in a page kept with its snapshot. */
export const PAGE_TOKEN_PLACEHOLDER = 'PICTURELINKTOKENPLACEHOLDER';

type AreaName = { fi: string; sv: string };
type Compute = (
  db: Queryable,
  areaId: string,
  areaName: AreaName,
  q: PictureQuery,
  today: string,
) => Promise<SituationalPicture>;

export function snapshotKey(
  areaId: string,
  period: { from: string; to: string; by: 'month' | 'quarter' },
  q: PictureQuery,
): SnapshotKey {
  return { areaId, from: period.from, to: period.to, by: period.by, breakdown: q.breakdown ?? '' };
}

/** The picture from its snapshot when that is up to date; else computed live and stored. */
export async function pictureFromSnapshotOrLive(
  db: Database,
  key: SnapshotKey,
  areaName: AreaName,
  now: Date,
  compute: Compute,
): Promise<SourcedPicture> {
  const today = todayInHelsinki(now);
  const snap = await findSnapshot(db, key);
  if (snap?.upToDate && snap.computedOn === today) {
    await touchSnapshot(db, key, now);
    return {
      picture: { ...(snap.picture as SituationalPicture), computedAt: snap.computedAt.toISOString() },
      source: 'snapshot',
      key,
      marks: {
        areaVersion: snap.areaVersion,
        eventPosition: snap.eventPosition,
        computedOn: snap.computedOn,
      },
      pages: snap.pages,
    };
  }
  return computeAndStore(db, key, areaName, now, now, compute);
}

/** Computes a picture and stores it unless a newer one got there first. */
export async function computeAndStore(
  db: Database,
  key: SnapshotKey,
  areaName: AreaName,
  now: Date,
  readAt: Date | null,
  compute: Compute,
): Promise<SourcedPicture> {
  const today = todayInHelsinki(now);
  // Read before computing: whatever commits later raises one of them.
  const marks = await readMarks(db, key.areaId);
  const q: PictureQuery = {
    from: key.from,
    to: key.to,
    by: key.by,
    ...(key.breakdown ? { breakdown: key.breakdown } : {}),
  };
  const { computedAt: _ignored, ...picture } = await compute(db, key.areaId, areaName, q, today);
  await storeSnapshot(db, key, { ...marks, computedOn: today, computedAt: now, picture, readAt });
  return {
    picture: { ...picture, computedAt: now.toISOString() },
    source: 'live',
    key,
    marks: { ...marks, computedOn: today },
    pages: {},
  };
}

/** Keeps a rendered page (with the placeholder token) beside the snapshot it came from. */
export async function keepPage(db: Database, s: SourcedPicture, lang: string, html: string): Promise<void> {
  await storePage(db, s.key, s.marks, lang, html);
}

/**
 * The recompute step: every snapshot read in the last `readWithinMs` that is stale is computed
 * again and stored (conditionally, so two workers cannot put an older one back). Returns how
 * many were recomputed. Idempotent: a second run finds nothing stale.
 */
export async function refreshStalePictures(
  db: Database,
  now: Date,
  compute: Compute,
  findName: (db: Queryable, areaId: string) => Promise<AreaName>,
  opts: { readWithinMs?: number; areaId?: string } = {},
): Promise<number> {
  const since = new Date(now.getTime() - (opts.readWithinMs ?? 24 * 3600 * 1000));
  const keys = await findStaleSnapshots(db, since, todayInHelsinki(now), opts.areaId);
  for (const key of keys) {
    await computeAndStore(db, key, await findName(db, key.areaId), now, null, compute);
  }
  return keys.length;
}

/**
 * The areas whose pictures an event may change: the event's own area; for a change of staff
 * allocations the areas before and after; any other event without an area (staff,
 * organisations, employment areas, reference data) may touch every area's staffing, so all.
 */
export function areasOfEvent(event: EventRow): string[] | 'all' {
  if (event.cooperationAreaId) return [event.cooperationAreaId];
  const payload = event.payload as { cooperationAreaIds?: unknown; previousCooperationAreaIds?: unknown };
  if (event.type === 'staff.allocations_changed') {
    const ids = [payload.cooperationAreaIds, payload.previousCooperationAreaIds]
      .flatMap((v) => (Array.isArray(v) ? v : []))
      .filter((v): v is string => typeof v === 'string');
    return [...new Set(ids)];
  }
  if (event.type.startsWith('webhook_endpoint.')) return [];
  return 'all';
}

/** The consumer's step: one UPDATE raising the version of the event's area(s). */
export async function markPicturesStale(db: Database, event: EventRow, now: Date): Promise<string[] | 'all'> {
  const areas = areasOfEvent(event);
  await markAreasStale(db, areas, now);
  return areas;
}

/** `markPicturesStale` of many events: the union of their areas, in one UPDATE. */
export async function markPicturesStaleOf(
  db: Database,
  batch: readonly EventRow[],
  now: Date,
): Promise<string[] | 'all'> {
  const each = batch.map(areasOfEvent);
  const areas: string[] | 'all' = each.includes('all') ? 'all' : [...new Set(each.flat() as string[])];
  await markAreasStale(db, areas, now);
  return areas;
}
