import { meetings, plans, type Queryable } from '@tym/db';
import { and, eq, ne } from 'drizzle-orm';

/**
 * A case was transferred to the parties of the client's new home municipality (380/2023
 * §17; services/referrals `case.transferred`). Who sees the plan and the meetings is decided
 * by the case's routing, so nothing else moves: only the cooperation area kept on planning's
 * rows, which picks the agreement settings (review-request response time) and the area's
 * lists. The plan, its versions, approvals and reviews stay as they are. Idempotent: call it
 * again and nothing changes. Returns the number of rows moved.
 */
export async function movePlanningToArea(
  db: Queryable,
  caseId: string,
  cooperationAreaId: string,
): Promise<number> {
  const movedPlans = await db
    .update(plans)
    .set({ cooperationAreaId })
    .where(and(eq(plans.caseId, caseId), ne(plans.cooperationAreaId, cooperationAreaId)))
    .returning({ id: plans.id });
  const movedMeetings = await db
    .update(meetings)
    .set({ cooperationAreaId })
    .where(and(eq(meetings.caseId, caseId), ne(meetings.cooperationAreaId, cooperationAreaId)))
    .returning({ id: meetings.id });
  return movedPlans.length + movedMeetings.length;
}
