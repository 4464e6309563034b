import type { Database } from '@tym/db';
import { type EventConsumer, type EventRow, isEventOf, type ServiceJobs } from '@tym/jobs';
import { markPicturesStale, markPicturesStaleOf } from '../situational-picture/picture-snapshots.service.js';
import { refreshPictures } from '../situational-picture/situational-picture.service.js';
import { evaluateQuotaCrossings } from './utilisation.service.js';

/** Events after which a cooperation area's caseload per party may have changed. */
export const CASELOAD_EVENTS = [
  'case.assessment_started',
  'case.team_changed',
  'case.ended',
  // A transfer (380/2023 §17) moves a case out of one area (`_away`) and into another.
  'case.transferred',
  'case.transferred_away',
] as const;

/**
 * Resourcing's reaction to referrals' events (a direct call would make referrals depend on
 * resourcing's reports in a cycle): a case's caseload changed → re-evaluate the area's
 * soft quotas; crossing into over_capacity / below_commitment writes its event once per
 * crossing. Idempotent: running it twice changes nothing more.
 */
export async function reactToCaseloadEvent(db: Database, event: EventRow, now: Date): Promise<string[]> {
  if (!isEventOf(event, ...CASELOAD_EVENTS) || !event.cooperationAreaId) return [];
  await evaluateQuotaCrossings(db, event.cooperationAreaId, now);
  return ['quota.evaluated'];
}

/**
 * How long after an event the worker recomputes the stale situational pictures of its area(s)
 * (`resourcingJobs({ pictureRefreshDelayMs })`; a negative value turns the recompute off).
 * Events of one area within the delay share one recompute.
 */
export const PICTURE_REFRESH_DELAY_MS = 2000;

/** The background work of services/resourcing, for a host to compose (services/worker, single-node). */
export function resourcingJobs(deps: {
  db: Database;
  clock?: { now(): Date };
  /** Default `PICTURE_REFRESH_DELAY_MS`. */
  pictureRefreshDelayMs?: number;
}): ServiceJobs {
  const quotas: EventConsumer = {
    name: 'quota-crossings',
    afterCommit: async (event, _result, _ctx, now) => {
      await reactToCaseloadEvent(deps.db, event, now);
    },
  };
  const delay = deps.pictureRefreshDelayMs ?? PICTURE_REFRESH_DELAY_MS;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const schedule = (areas: string[] | 'all') => {
    if (delay < 0) return;
    for (const area of areas === 'all' ? ['*'] : areas) {
      if (pending.has(area)) continue;
      const timer = setTimeout(() => {
        pending.delete(area);
        // Conditional stores make a concurrent recompute by another worker harmless; a failure
        // leaves the snapshot stale, which readers then compute live.
        refreshPictures(deps.db, deps.clock?.now() ?? new Date(), area === '*' ? {} : { areaId: area }).catch(
          () => undefined,
        );
      }, delay);
      timer.unref();
      pending.set(area, timer);
    }
  };
  // The situational picture's snapshots (issue 13): mark the area(s) stale — one UPDATE, a
  // no-op in effect when repeated — then recompute the ones read recently, debounced.
  const pictures: EventConsumer = {
    name: 'picture-freshness',
    afterCommit: async (event, _result, _ctx, now) => {
      schedule(await markPicturesStale(deps.db, event, now));
    },
    // A batch's events mark the union of their areas once (one UPDATE, not one per event:
    // an event without an area marks every area, which made this the dispatch's dearest step).
    afterCommitMany: async (done, _ctx, now) => {
      schedule(
        await markPicturesStaleOf(
          deps.db,
          done.map((d) => d.event),
          now,
        ),
      );
    },
  };
  return { eventConsumers: [quotas, pictures] };
}
