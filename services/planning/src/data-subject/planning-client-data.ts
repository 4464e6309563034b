import {
  meetingAgendaItems,
  meetingDecisions,
  meetingParticipants,
  meetings,
  planActions,
  planApprovals,
  planClientParticipation,
  planReviews,
  plans,
  planVersions,
  type Queryable,
} from '@tym/db';
import { and, asc, eq, inArray } from 'drizzle-orm';

type Json = Record<string, unknown>;
const plain = <T>(row: T): Json => JSON.parse(JSON.stringify(row)) as Json;

export interface PlanningClientData {
  /** The meetings of the cases that the client was a participant of, with agenda and decisions. */
  meetings: Json[];
  /**
   * The plan of each case with its draft, every agreed version, approvals, reviews, actions
   * and the records of the client's part in it (381/2023 §7(2)).
   */
  plans: Json[];
}

/**
 * What services/planning holds about one client's cases, for a data-subject access request
 * (GDPR art. 15; 381/2023 §13); the export in services/notifications gathers it through this
 * function (architecture.md: another service's data only through its exported queries).
 */
export async function findPlanningClientData(
  db: Queryable,
  caseIds: readonly string[],
): Promise<PlanningClientData> {
  if (!caseIds.length) return { meetings: [], plans: [] };
  const withClient = await db
    .select({ meetingId: meetingParticipants.meetingId })
    .from(meetingParticipants)
    .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
    .where(and(inArray(meetings.caseId, [...caseIds]), eq(meetingParticipants.kind, 'client')));
  const meetingIds = withClient.map((m) => m.meetingId);
  const meetingSection: Json[] = [];
  if (meetingIds.length) {
    const rows = await db
      .select()
      .from(meetings)
      .where(inArray(meetings.id, meetingIds))
      .orderBy(asc(meetings.startsAt), asc(meetings.id));
    const participants = await db
      .select()
      .from(meetingParticipants)
      .where(inArray(meetingParticipants.meetingId, meetingIds));
    const agenda = await db
      .select()
      .from(meetingAgendaItems)
      .where(inArray(meetingAgendaItems.meetingId, meetingIds))
      .orderBy(asc(meetingAgendaItems.position));
    const decisions = await db
      .select()
      .from(meetingDecisions)
      .where(inArray(meetingDecisions.meetingId, meetingIds));
    for (const m of rows)
      meetingSection.push({
        ...plain(m),
        participants: participants.filter((p) => p.meetingId === m.id).map(plain),
        agendaItems: agenda.filter((a) => a.meetingId === m.id).map(plain),
        decisions: decisions.filter((d) => d.meetingId === m.id).map(plain),
      });
  }
  const planRows = await db
    .select()
    .from(plans)
    .where(inArray(plans.caseId, [...caseIds]));
  const planSection: Json[] = [];
  for (const p of planRows) {
    const versions = await db
      .select()
      .from(planVersions)
      .where(eq(planVersions.planId, p.id))
      .orderBy(asc(planVersions.version));
    const approvals = await db.select().from(planApprovals).where(eq(planApprovals.planId, p.id));
    const reviews = await db.select().from(planReviews).where(eq(planReviews.planId, p.id));
    const actions = await db.select().from(planActions).where(eq(planActions.planId, p.id));
    const participation = await db
      .select()
      .from(planClientParticipation)
      .where(eq(planClientParticipation.planId, p.id))
      .orderBy(asc(planClientParticipation.occurredOn));
    planSection.push({
      ...plain(p),
      versions: versions.map(plain),
      approvals: approvals.map(plain),
      reviews: reviews.map(plain),
      actions: actions.map(plain),
      clientParticipation: participation.map(plain),
    });
  }
  return { meetings: meetingSection, plans: planSection };
}
