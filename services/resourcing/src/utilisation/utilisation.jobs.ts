import type { Database } from '@tym/db';
import { type EventConsumer, type EventRow, isEventOf, type ServiceJobs } from '@tym/jobs';
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

/** The background work of services/resourcing, for a host to compose (services/worker, single-node). */
export function resourcingJobs(deps: { db: Database }): ServiceJobs {
  const quotas: EventConsumer = {
    name: 'quota-crossings',
    afterCommit: async (event, _result, _ctx, now) => {
      await reactToCaseloadEvent(deps.db, event, now);
    },
  };
  return { eventConsumers: [quotas] };
}
