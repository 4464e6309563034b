import {
  deadlines,
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
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AttendedMeeting } from './plan-rules.js';

export type PlanRow = typeof plans.$inferSelect;
export type NewPlanRow = typeof plans.$inferInsert;
export type PlanVersionRow = typeof planVersions.$inferSelect;
export type PlanApprovalRow = typeof planApprovals.$inferSelect;
export type PlanActionRow = typeof planActions.$inferSelect;
export type PlanReviewRow = typeof planReviews.$inferSelect;
export type ClientParticipationRow = typeof planClientParticipation.$inferSelect;

/**
 * The case's assessment and planning meetings that were held, with the recorded attendance
 * (381/2023 §4: who took part in the joint work), oldest first, in one query.
 */
export async function findJointWorkMeetings(db: Queryable, caseId: string): Promise<AttendedMeeting[]> {
  const rows = await db
    .select({
      id: meetings.id,
      kind: meetings.kind,
      status: meetings.status,
      participantKind: meetingParticipants.kind,
      organisationCode: meetingParticipants.organisationCode,
      attended: meetingParticipants.attended,
    })
    .from(meetings)
    .leftJoin(meetingParticipants, eq(meetingParticipants.meetingId, meetings.id))
    .where(
      and(
        eq(meetings.caseId, caseId),
        inArray(meetings.kind, ['assessment', 'planning']),
        inArray(meetings.status, ['held', 'closed']),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  const byId = new Map<
    string,
    AttendedMeeting & { participants: AttendedMeeting['participants'][number][] }
  >();
  for (const r of rows) {
    const m = byId.get(r.id) ?? { id: r.id, kind: r.kind, status: r.status, participants: [] };
    if (r.participantKind)
      m.participants.push({
        kind: r.participantKind,
        organisationCode: r.organisationCode,
        attended: r.attended,
      });
    byId.set(r.id, m);
  }
  return [...byId.values()];
}

export async function findPlanByCase(
  db: Queryable,
  caseId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanRow | null> {
  const q = db.select().from(plans).where(eq(plans.caseId, caseId));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The plan row of a case, created empty on first use; locked for the transaction. */
export async function ensurePlan(
  db: Queryable,
  input: { caseId: string; clientId: string; cooperationAreaId: string; now: Date },
): Promise<PlanRow> {
  await db
    .insert(plans)
    .values({
      caseId: input.caseId,
      clientId: input.clientId,
      cooperationAreaId: input.cooperationAreaId,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing();
  const row = await findPlanByCase(db, input.caseId, { forUpdate: true });
  if (!row) throw new Error(`plan of case ${input.caseId} vanished`);
  return row;
}

export async function updatePlan(db: Queryable, id: string, set: Partial<NewPlanRow>): Promise<PlanRow> {
  const [row] = await db.update(plans).set(set).where(eq(plans.id, id)).returning();
  if (!row) throw new Error(`plan ${id} vanished under its lock`);
  return row;
}

export async function insertVersion(db: Queryable, row: typeof planVersions.$inferInsert): Promise<void> {
  await db.insert(planVersions).values(row);
}

export async function findVersions(db: Queryable, planId: string): Promise<PlanVersionRow[]> {
  return db
    .select()
    .from(planVersions)
    .where(eq(planVersions.planId, planId))
    .orderBy(asc(planVersions.version));
}

export async function findVersion(
  db: Queryable,
  planId: string,
  version: number,
): Promise<PlanVersionRow | null> {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)));
  return row ?? null;
}

export async function findCurrentApprovals(db: Queryable, planId: string): Promise<PlanApprovalRow[]> {
  return db
    .select()
    .from(planApprovals)
    .where(and(eq(planApprovals.planId, planId), isNull(planApprovals.withdrawnAt)))
    .orderBy(asc(planApprovals.approvedAt));
}

export async function insertApproval(
  db: Queryable,
  row: typeof planApprovals.$inferInsert,
): Promise<PlanApprovalRow | null> {
  const [inserted] = await db.insert(planApprovals).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** Withdraws the approvals given; returns how many. */
export async function withdrawApprovals(db: Queryable, planId: string, at: Date): Promise<number> {
  const rows = await db
    .update(planApprovals)
    .set({ withdrawnAt: at })
    .where(and(eq(planApprovals.planId, planId), isNull(planApprovals.withdrawnAt)))
    .returning({ id: planApprovals.id });
  return rows.length;
}

export async function findActions(db: Queryable, planId: string): Promise<PlanActionRow[]> {
  return db.select().from(planActions).where(eq(planActions.planId, planId));
}

export async function findAction(
  db: Queryable,
  planId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanActionRow | null> {
  const q = db
    .select()
    .from(planActions)
    .where(and(eq(planActions.planId, planId), eq(planActions.id, id)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function upsertAction(db: Queryable, row: typeof planActions.$inferInsert): Promise<void> {
  await db
    .insert(planActions)
    .values(row)
    .onConflictDoUpdate({
      target: planActions.id,
      set: { ownerOrganisationCode: row.ownerOrganisationCode, dueOn: row.dueOn ?? null, inForce: true },
    });
}

export async function retireActions(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length) await db.update(planActions).set({ inForce: false }).where(inArray(planActions.id, ids));
}

export async function updateAction(
  db: Queryable,
  id: string,
  set: Partial<typeof planActions.$inferInsert>,
): Promise<PlanActionRow> {
  const [row] = await db.update(planActions).set(set).where(eq(planActions.id, id)).returning();
  if (!row) throw new Error(`plan action ${id} vanished`);
  return row;
}

export async function insertReview(
  db: Queryable,
  row: typeof planReviews.$inferInsert,
): Promise<PlanReviewRow> {
  const [inserted] = await db.insert(planReviews).values(row).returning();
  if (!inserted) throw new Error('review insert returned nothing');
  return inserted;
}

export async function findReviews(db: Queryable, planId: string): Promise<PlanReviewRow[]> {
  return db
    .select()
    .from(planReviews)
    .where(eq(planReviews.planId, planId))
    .orderBy(asc(planReviews.recordedAt));
}

/** The pending deadline of (kind, subject), read from the platform's deadline rows. */
export async function findPendingDeadline(db: Queryable, kind: string, subjectId: string) {
  const [row] = await db
    .select()
    .from(deadlines)
    .where(
      and(eq(deadlines.kind, kind), eq(deadlines.subjectId, subjectId), eq(deadlines.status, 'pending')),
    );
  return row ?? null;
}

/** Append-only: records are inserted, never changed (381/2023 §7(2)). */
export async function insertClientParticipation(
  db: Queryable,
  row: typeof planClientParticipation.$inferInsert,
): Promise<ClientParticipationRow> {
  const [inserted] = await db.insert(planClientParticipation).values(row).returning();
  if (!inserted) throw new Error('client participation insert returned nothing');
  return inserted;
}

/** The plan's records of the client's participation, by the day it happened, then as recorded. */
export async function findClientParticipation(
  db: Queryable,
  planId: string,
): Promise<ClientParticipationRow[]> {
  return db
    .select()
    .from(planClientParticipation)
    .where(eq(planClientParticipation.planId, planId))
    .orderBy(
      asc(planClientParticipation.occurredOn),
      asc(planClientParticipation.recordedAt),
      asc(planClientParticipation.id),
    );
}
