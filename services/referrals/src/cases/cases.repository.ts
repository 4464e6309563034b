import {
  caseDutyExplanations,
  caseEndingConfirmations,
  caseEndingProposals,
  caseReviewRequests,
  cases,
  caseTeamMembers,
  caseTransitions,
  deadlines,
  events,
  type Queryable,
  referralTransitions,
} from '@tym/db';
import { and, asc, count, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { type CaseListScope, KELA_ORGANISATION_CODE } from '../policy/policy.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type TeamMemberRow = typeof caseTeamMembers.$inferSelect;
export type CaseTransitionRow = typeof caseTransitions.$inferSelect;
export type EndingProposalRow = typeof caseEndingProposals.$inferSelect;
export type EndingConfirmationRow = typeof caseEndingConfirmations.$inferSelect;
export type DutyExplanationRow = typeof caseDutyExplanations.$inferSelect;
export type ReviewRequestRow = typeof caseReviewRequests.$inferSelect;
export type DeadlineRow = typeof deadlines.$inferSelect;

/** A case; locked when `forUpdate`, which serialises every write to one case. */
export async function findCaseRow(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow | null> {
  const query = db.select().from(cases).where(eq(cases.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

/** Inserts unless the client already has an open case in the area (then null). */
export async function insertCaseRow(db: Queryable, row: NewCaseRow): Promise<CaseRow | null> {
  const [inserted] = await db.insert(cases).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function updateCaseRow(
  db: Queryable,
  id: string,
  fromStatuses: Array<CaseRow['status']>,
  set: Partial<NewCaseRow>,
): Promise<CaseRow | null> {
  const [row] = await db
    .update(cases)
    .set(set)
    .where(and(eq(cases.id, id), or(...fromStatuses.map((s) => eq(cases.status, s)))))
    .returning();
  return row ?? null;
}

export async function insertCaseTransition(
  db: Queryable,
  row: typeof caseTransitions.$inferInsert,
): Promise<void> {
  await db.insert(caseTransitions).values(row);
}

export async function findCaseTransitions(db: Queryable, caseId: string): Promise<CaseTransitionRow[]> {
  return db
    .select()
    .from(caseTransitions)
    .where(eq(caseTransitions.caseId, caseId))
    .orderBy(asc(caseTransitions.id));
}

export async function isOnTeam(
  db: Queryable,
  caseId: string,
  organisationCode: string,
  subject: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: caseTeamMembers.id })
    .from(caseTeamMembers)
    .where(
      and(
        eq(caseTeamMembers.caseId, caseId),
        eq(caseTeamMembers.organisationCode, organisationCode),
        eq(caseTeamMembers.subject, subject),
        isNull(caseTeamMembers.removedAt),
      ),
    );
  return row !== undefined;
}

export async function findCurrentTeam(db: Queryable, caseId: string): Promise<TeamMemberRow[]> {
  return db
    .select()
    .from(caseTeamMembers)
    .where(and(eq(caseTeamMembers.caseId, caseId), isNull(caseTeamMembers.removedAt)))
    .orderBy(asc(caseTeamMembers.addedAt), asc(caseTeamMembers.id));
}

/** Adds a member unless they are already on the team (then null). */
export async function insertTeamMember(
  db: Queryable,
  row: typeof caseTeamMembers.$inferInsert,
): Promise<TeamMemberRow | null> {
  const [inserted] = await db.insert(caseTeamMembers).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function closeTeamMember(
  db: Queryable,
  caseId: string,
  staffId: string,
  by: { at: Date; organisation: string; sub: string },
): Promise<TeamMemberRow | null> {
  const [row] = await db
    .update(caseTeamMembers)
    .set({ removedAt: by.at, removedByOrganisation: by.organisation, removedBySub: by.sub })
    .where(
      and(
        eq(caseTeamMembers.caseId, caseId),
        eq(caseTeamMembers.staffId, staffId),
        isNull(caseTeamMembers.removedAt),
      ),
    )
    .returning();
  return row ?? null;
}

export async function countCurrentTeam(db: Queryable, caseId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(caseTeamMembers)
    .where(and(eq(caseTeamMembers.caseId, caseId), isNull(caseTeamMembers.removedAt)));
  return row?.n ?? 0;
}

export async function findCaseDeadlines(db: Queryable, caseId: string): Promise<DeadlineRow[]> {
  return db
    .select()
    .from(deadlines)
    .where(eq(deadlines.caseId, caseId))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.kind), asc(deadlines.createdAt));
}

export async function findOpenProposal(db: Queryable, caseId: string): Promise<EndingProposalRow | null> {
  const [row] = await db
    .select()
    .from(caseEndingProposals)
    .where(and(eq(caseEndingProposals.caseId, caseId), eq(caseEndingProposals.status, 'open')));
  return row ?? null;
}

export async function findLatestProposal(db: Queryable, caseId: string): Promise<EndingProposalRow | null> {
  const [row] = await db
    .select()
    .from(caseEndingProposals)
    .where(eq(caseEndingProposals.caseId, caseId))
    .orderBy(sql`${caseEndingProposals.proposedAt} DESC`, sql`${caseEndingProposals.id} DESC`)
    .limit(1);
  return row ?? null;
}

export async function insertProposal(
  db: Queryable,
  row: typeof caseEndingProposals.$inferInsert,
): Promise<EndingProposalRow | null> {
  const [inserted] = await db.insert(caseEndingProposals).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function closeProposal(
  db: Queryable,
  id: string,
  set: Pick<typeof caseEndingProposals.$inferInsert, 'status' | 'closedAt'> &
    Partial<
      Pick<
        typeof caseEndingProposals.$inferInsert,
        'objectedByOrganisation' | 'objectedBySub' | 'objectionText'
      >
    >,
): Promise<EndingProposalRow | null> {
  const [row] = await db
    .update(caseEndingProposals)
    .set(set)
    .where(and(eq(caseEndingProposals.id, id), eq(caseEndingProposals.status, 'open')))
    .returning();
  return row ?? null;
}

/** Records one organisation's confirmation; null when it had already confirmed. */
export async function insertConfirmation(
  db: Queryable,
  row: typeof caseEndingConfirmations.$inferInsert,
): Promise<EndingConfirmationRow | null> {
  const [inserted] = await db.insert(caseEndingConfirmations).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function findConfirmations(db: Queryable, proposalId: string): Promise<EndingConfirmationRow[]> {
  return db
    .select()
    .from(caseEndingConfirmations)
    .where(eq(caseEndingConfirmations.proposalId, proposalId))
    .orderBy(asc(caseEndingConfirmations.confirmedAt), asc(caseEndingConfirmations.organisationCode));
}

export async function insertDutyExplanation(
  db: Queryable,
  row: typeof caseDutyExplanations.$inferInsert,
): Promise<DutyExplanationRow> {
  const [inserted] = await db.insert(caseDutyExplanations).values(row).returning();
  if (!inserted) throw new Error('duty explanation insert returned nothing');
  return inserted;
}

export async function findDutyExplanations(db: Queryable, caseId: string): Promise<DutyExplanationRow[]> {
  return db
    .select()
    .from(caseDutyExplanations)
    .where(eq(caseDutyExplanations.caseId, caseId))
    .orderBy(asc(caseDutyExplanations.recordedAt), asc(caseDutyExplanations.id));
}

export async function insertReviewRequest(
  db: Queryable,
  row: typeof caseReviewRequests.$inferInsert,
): Promise<ReviewRequestRow> {
  const [inserted] = await db.insert(caseReviewRequests).values(row).returning();
  if (!inserted) throw new Error('review request insert returned nothing');
  return inserted;
}

export async function findReviewRequests(db: Queryable, caseId: string): Promise<ReviewRequestRow[]> {
  return db
    .select()
    .from(caseReviewRequests)
    .where(eq(caseReviewRequests.caseId, caseId))
    .orderBy(asc(caseReviewRequests.recordedAt), asc(caseReviewRequests.id));
}

/** Refuses a request once: null when it was refused already (the case row is locked). */
export async function refuseReviewRequest(
  db: Queryable,
  id: string,
  set: Required<
    Pick<
      typeof caseReviewRequests.$inferInsert,
      | 'refusedOn'
      | 'refusalReasonCode'
      | 'refusalReason'
      | 'refusedByOrganisation'
      | 'refusedBySub'
      | 'refusedAt'
    >
  >,
): Promise<ReviewRequestRow | null> {
  const [row] = await db
    .update(caseReviewRequests)
    .set(set)
    .where(and(eq(caseReviewRequests.id, id), isNull(caseReviewRequests.refusedOn)))
    .returning();
  return row ?? null;
}

/** The pending deadline of `kind` of a case, if any. */
export async function findPendingCaseDeadline(
  db: Queryable,
  kind: string,
  caseId: string,
): Promise<DeadlineRow | null> {
  const [row] = await db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, kind), eq(deadlines.status, 'pending')));
  return row ?? null;
}

export interface CaseloadRow {
  id: string;
  status: CaseRow['status'];
  clientId: string;
  firstNames: string;
  lastName: string;
  homeMunicipalityCode: string;
  cooperationAreaId: string;
  employmentAuthorityCode: string;
  wellbeingCountyOrganiserCode: string;
  partyOrganisationCodes: string[];
  assessmentStartedOn: string;
  planDueOn: string;
  endedOn: string | null;
  nextDeadlineKind: string | null;
  nextDeadlineDueOn: string | null;
  /** The caller's role on the team, or null when not on it. */
  myRole: 'responsible' | 'member' | null;
  /** `created_at` at full precision, for the keyset cursor. */
  createdAtKey: string;
  /** Organisations with someone on the team now (for the team completeness, 381/2023 §4). */
  teamOrganisations: string[];
}

export interface CaseloadFilter {
  mine?: boolean;
  status?: CaseRow['status'];
  organisationCode?: string;
  cooperationAreaId?: string;
  deadlineBefore?: string;
}

/**
 * The caseload in ONE statement, newest cases first, keyset-paginated on
 * (created_at, id). The visible cases are chosen and limited first; only the page then gets
 * its client's name and its next pending deadline (a LATERAL subquery on the case's
 * deadlines), so the cost follows the page size, not the area's size, and there is no N+1.
 * "Due before" is a semi-join on the pending-deadline index.
 */
export async function findCaseloadPage(
  db: Queryable,
  caller: { org: string; sub: string },
  scope: CaseListScope,
  filter: CaseloadFilter,
  page: { limit: number; after?: { t: string; i: string } },
): Promise<CaseloadRow[]> {
  const visible: SQL[] = [];
  if (scope.team) visible.push(sql`me.id IS NOT NULL`);
  if (scope.areaIds.length)
    visible.push(sql`c.cooperation_area_id = ANY(${sql.param([...scope.areaIds])}::uuid[])`);
  if (scope.partyOrganisationCode) {
    visible.push(sql`c.party_organisation_codes @> ARRAY[${scope.partyOrganisationCode}]::text[]`);
  }
  const where: SQL[] = [
    sql`(${sql.join(visible, sql` OR `)})`,
    // Only the client's parties see a case (clientPartyCodes, policy.ts).
    sql`${scope.clientPartyOrganisationCode} IN (c.employment_authority_code, c.wellbeing_county_organiser_code, ${KELA_ORGANISATION_CODE})`,
  ];
  if (filter.mine) where.push(sql`me.id IS NOT NULL`);
  if (filter.status) where.push(sql`c.status = ${filter.status}`);
  if (filter.cooperationAreaId) where.push(sql`c.cooperation_area_id = ${filter.cooperationAreaId}::uuid`);
  if (filter.organisationCode) {
    where.push(sql`EXISTS (SELECT 1 FROM referrals.case_team_members o
      WHERE o.case_id = c.id AND o.organisation_code = ${filter.organisationCode} AND o.removed_at IS NULL)`);
  }
  if (filter.deadlineBefore) {
    // The next pending deadline is before the day exactly when some pending deadline is.
    where.push(sql`c.id IN (SELECT d.case_id FROM platform.deadlines d
      WHERE d.status = 'pending' AND d.due_on < ${filter.deadlineBefore}::date AND d.case_id IS NOT NULL)`);
  }
  if (page.after) {
    where.push(sql`(c.created_at, c.id) < (${page.after.t}::timestamptz, ${page.after.i}::uuid)`);
  }
  // Team membership of the caller, joined only when the scope uses it.
  const me = scope.team
    ? sql`LEFT JOIN referrals.case_team_members me
            ON me.case_id = c.id AND me.organisation_code = ${caller.org} AND me.subject = ${caller.sub}
           AND me.removed_at IS NULL`
    : sql`LEFT JOIN (SELECT NULL::uuid AS id, NULL::uuid AS case_id, NULL::text AS role) me ON false`;
  const result = await db.execute<{
    id: string;
    status: CaseRow['status'];
    client_id: string;
    first_names: string;
    last_name: string;
    home_municipality_code: string;
    cooperation_area_id: string;
    employment_authority_code: string;
    wellbeing_county_organiser_code: string;
    party_organisation_codes: string[];
    assessment_started_on: string;
    plan_due_on: string;
    ended_on: string | null;
    next_kind: string | null;
    next_due_on: string | null;
    my_role: 'responsible' | 'member' | null;
    created_at_key: string;
    team_organisations: string[];
  }>(sql`
    SELECT p.id, p.status, p.client_id, cl.first_names, cl.last_name, cl.home_municipality_code,
           p.cooperation_area_id, p.employment_authority_code, p.wellbeing_county_organiser_code,
           p.party_organisation_codes, p.assessment_started_on, p.plan_due_on,
           p.ended_on, nd.kind AS next_kind, nd.due_on AS next_due_on, p.my_role,
           p.created_at::text AS created_at_key,
           ARRAY(SELECT DISTINCT t.organisation_code FROM referrals.case_team_members t
                  WHERE t.case_id = p.id AND t.removed_at IS NULL) AS team_organisations
      FROM (SELECT c.*, me.role AS my_role
              FROM referrals.cases c
              ${me}
             WHERE ${sql.join(where, sql` AND `)}
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT ${page.limit}) p
      JOIN referrals.clients cl ON cl.id = p.client_id
      LEFT JOIN LATERAL (
        SELECT d.kind, d.due_on FROM platform.deadlines d
         WHERE d.case_id = p.id AND d.status = 'pending'
         ORDER BY d.due_on, d.kind
         LIMIT 1) nd ON true
     ORDER BY p.created_at DESC, p.id DESC`);
  return result.rows.map((r) => ({
    id: r.id,
    status: r.status,
    clientId: r.client_id,
    firstNames: r.first_names,
    lastName: r.last_name,
    homeMunicipalityCode: r.home_municipality_code,
    cooperationAreaId: r.cooperation_area_id,
    employmentAuthorityCode: r.employment_authority_code,
    wellbeingCountyOrganiserCode: r.wellbeing_county_organiser_code,
    partyOrganisationCodes: r.party_organisation_codes,
    assessmentStartedOn: r.assessment_started_on,
    planDueOn: r.plan_due_on,
    endedOn: r.ended_on,
    nextDeadlineKind: r.next_kind,
    nextDeadlineDueOn: r.next_due_on,
    myRole: r.my_role,
    createdAtKey: r.created_at_key,
    teamOrganisations: r.team_organisations,
  }));
}

export async function findOpenCaseRowsByArea(
  db: Queryable,
  cooperationAreaId: string,
  page: { limit: number; afterId?: string },
): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.cooperationAreaId, cooperationAreaId),
        ne(cases.status, 'ended'),
        page.afterId ? sql`${cases.id} > ${page.afterId}::uuid` : undefined,
      ),
    )
    .orderBy(asc(cases.id))
    .limit(page.limit);
}

export interface TimelineEventRow {
  id: number;
  type: string;
  occurredAt: Date;
  actorOrganisation: string | null;
  caseSequence: number | null;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

/**
 * The event log of a case, on the (case_id, case_sequence) index. The referral's history
 * before the case existed comes from its transitions (the event log has no index by subject).
 */
export async function findTimelineEvents(db: Queryable, caseId: string): Promise<TimelineEventRow[]> {
  return db
    .select({
      id: events.id,
      type: events.type,
      occurredAt: events.occurredAt,
      actorOrganisation: events.actorOrganisation,
      caseSequence: events.caseSequence,
      subjectType: events.subjectType,
      subjectId: events.subjectId,
      payload: events.payload,
    })
    .from(events)
    .where(eq(events.caseId, caseId))
    .orderBy(asc(events.caseSequence))
    .limit(2000);
}

export async function findReferralTransitionsOf(db: Queryable, referralId: string) {
  return db
    .select()
    .from(referralTransitions)
    .where(eq(referralTransitions.referralId, referralId))
    .orderBy(asc(referralTransitions.id));
}
