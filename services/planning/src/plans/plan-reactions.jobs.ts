import type { Database } from '@tym/db';
import { type EventConsumer, type EventRow, isEventOf, type ServiceJobs } from '@tym/jobs';
import { movePlanningToArea } from '../case-transfer.js';
import { applyReviewRequest, applyReviewRequestRefusal } from './plans.service.js';

/**
 * What planning does when referrals' events are committed, where a direct call would make
 * referrals depend on planning in a cycle (planning depends on referrals). Each reaction is
 * idempotent: running it twice changes nothing more.
 *
 * - The client asked for a plan review (381/2023 §6) → bring the plan's review deadline
 *   forward to the cooperation agreement's response time.
 * - The employment authority refused the request as clearly unnecessary (§6(1)) → the
 *   review deadline returns to 3 months from the last agreement or review.
 * - A case was transferred to a new area (380/2023 §17) → planning's rows of the case take
 *   the new cooperation area (`movePlanningToArea`; who sees them follows the case already).
 */
export async function reactToCaseEvent(db: Database, event: EventRow, now: Date): Promise<string[]> {
  const done: string[] = [];
  const actor =
    event.actorOrganisation && event.actorSub
      ? { organisation: event.actorOrganisation, sub: event.actorSub }
      : null;
  if (isEventOf(event, 'case.review_requested') && event.caseId) {
    const { requestedOn } = event.payload;
    const caseId = event.caseId;
    await db.transaction((tx) => applyReviewRequest(tx, { caseId, requestedOn, actor, now }));
    done.push('plan.review_moved');
  }
  if (isEventOf(event, 'case.review_request_refused') && event.caseId) {
    const caseId = event.caseId;
    await db.transaction((tx) => applyReviewRequestRefusal(tx, { caseId, actor, now }));
    done.push('plan.review_restored');
  }
  if (isEventOf(event, 'case.transferred') && event.caseId && event.cooperationAreaId) {
    await movePlanningToArea(db, event.caseId, event.cooperationAreaId);
    done.push('planning.moved');
  }
  return done;
}

/** The background work of services/planning, for a host to compose (services/worker, single-node). */
export function planningJobs(deps: { db: Database }): ServiceJobs {
  const reactions: EventConsumer = {
    name: 'plan-reactions',
    afterCommit: async (event, _result, _ctx, now) => {
      await reactToCaseEvent(deps.db, event, now);
    },
  };
  return { eventConsumers: [reactions] };
}
