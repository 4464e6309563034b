import type { Database, events } from '@tym/db';
import { isEventOf } from '@tym/jobs';
import { applyReviewRequest, applyReviewRequestRefusal, movePlanningToArea } from '@tym/planning';
import { evaluateQuotaCrossings } from '@tym/resourcing';

type EventRow = typeof events.$inferSelect;

/** Events after which a cooperation area's caseload per party may have changed. */
const CASELOAD_EVENTS = [
  'case.assessment_started',
  'case.team_changed',
  'case.ended',
  // A transfer (380/2023 §17) moves a case out of one area (`_away`) and into another.
  'case.transferred',
  'case.transferred_away',
] as const;

/**
 * What one service does when another's event is committed, where a direct call would make
 * the services depend on each other in a cycle (planning depends on referrals, resourcing's
 * report reads cases). Each reaction is idempotent: running it twice changes nothing more.
 *
 * - A case's caseload changed → re-evaluate the area's soft quotas; crossing into
 *   over_capacity / below_commitment writes its event once per crossing (resourcing).
 * - The client asked for a plan review (381/2023 §6) → bring the plan's review deadline
 *   forward to the cooperation agreement's response time (planning).
 * - The employment authority refused the request as clearly unnecessary (§6(1)) → the
 *   review deadline returns to 3 months from the last agreement or review (planning).
 * - A case was transferred to a new area (380/2023 §17) → planning's rows of the case take
 *   the new cooperation area (`movePlanningToArea`; who sees them follows the case already).
 */
export async function reactToEvent(db: Database, event: EventRow, now: Date): Promise<string[]> {
  const done: string[] = [];
  if (isEventOf(event, ...CASELOAD_EVENTS) && event.cooperationAreaId) {
    await evaluateQuotaCrossings(db, event.cooperationAreaId, now);
    done.push('quota.evaluated');
  }
  if (isEventOf(event, 'case.review_requested') && event.caseId) {
    const { requestedOn } = event.payload;
    const actor =
      event.actorOrganisation && event.actorSub
        ? { organisation: event.actorOrganisation, sub: event.actorSub }
        : null;
    const caseId = event.caseId;
    await db.transaction((tx) => applyReviewRequest(tx, { caseId, requestedOn, actor, now }));
    done.push('plan.review_moved');
  }
  if (isEventOf(event, 'case.review_request_refused') && event.caseId) {
    const actor =
      event.actorOrganisation && event.actorSub
        ? { organisation: event.actorOrganisation, sub: event.actorSub }
        : null;
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
