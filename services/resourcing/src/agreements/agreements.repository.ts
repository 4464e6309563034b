import {
  agreementApprovals,
  agreementCommitments,
  agreementJointCosts,
  agreementParties,
  agreementStaffingReviews,
  agreements,
  agreementVersions,
  cooperationAreas,
  deadlines,
  type Queryable,
} from '@tym/db';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';

export type AgreementRow = typeof agreements.$inferSelect;
export type VersionRow = typeof agreementVersions.$inferSelect;
export type PartyRow = typeof agreementParties.$inferSelect;
export type CommitmentRow = typeof agreementCommitments.$inferSelect;
export type ApprovalRow = typeof agreementApprovals.$inferSelect;
export type StaffingReviewRow = typeof agreementStaffingReviews.$inferSelect;
export type JointCostsRow = typeof agreementJointCosts.$inferSelect;

/** The recorded joint costs of an agreement, oldest year first. */
export async function findJointCostsRows(db: Queryable, agreementId: string): Promise<JointCostsRow[]> {
  return db
    .select()
    .from(agreementJointCosts)
    .where(eq(agreementJointCosts.agreementId, agreementId))
    .orderBy(asc(agreementJointCosts.year));
}

export async function upsertJointCosts(db: Queryable, row: JointCostsRow): Promise<JointCostsRow> {
  const [written] = await db
    .insert(agreementJointCosts)
    .values(row)
    .onConflictDoUpdate({
      target: [agreementJointCosts.agreementId, agreementJointCosts.year],
      set: {
        budgetCents: row.budgetCents,
        actualCents: row.actualCents,
        recordedAt: row.recordedAt,
        recordedByOrganisation: row.recordedByOrganisation,
        recordedBySub: row.recordedBySub,
      },
    })
    .returning();
  if (!written) throw new Error('joint costs upsert returned nothing');
  return written;
}

export async function findAgreementRow(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AgreementRow | null> {
  const query = db.select().from(agreements).where(eq(agreements.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

export async function findAgreementRowsByAreas(db: Queryable, areaIds: string[]): Promise<AgreementRow[]> {
  if (!areaIds.length) return [];
  return db
    .select()
    .from(agreements)
    .where(inArray(agreements.cooperationAreaId, areaIds))
    .orderBy(asc(agreements.validFrom), asc(agreements.id));
}

/**
 * Locks the cooperation area row: agreements of one area are created and re-dated one at a
 * time, so the overlap check below cannot race with another writer of the same area.
 */
export async function lockCooperationArea(db: Queryable, areaId: string): Promise<void> {
  await db
    .select({ id: cooperationAreas.id })
    .from(cooperationAreas)
    .where(eq(cooperationAreas.id, areaId))
    .for('update');
}

/** Agreements of the area (other than `exceptId`) valid on any day of [from, to]; `to` null = open. */
export async function findOverlappingAgreements(
  db: Queryable,
  areaId: string,
  validFrom: string,
  validTo: string | null,
  exceptId?: string,
): Promise<AgreementRow[]> {
  return db
    .select()
    .from(agreements)
    .where(
      and(
        eq(agreements.cooperationAreaId, areaId),
        exceptId ? ne(agreements.id, exceptId) : undefined,
        sql`${agreements.validFrom} <= COALESCE(${validTo}::date, 'infinity'::date)`,
        sql`COALESCE(${agreements.validTo}, 'infinity'::date) >= ${validFrom}::date`,
      ),
    );
}

export async function insertAgreement(db: Queryable, row: Omit<AgreementRow, 'id'>): Promise<AgreementRow> {
  const [inserted] = await db.insert(agreements).values(row).returning();
  if (!inserted) throw new Error('agreement insert returned nothing');
  return inserted;
}

/** Moves the agreement to a new version, only from `fromVersion` (a conditional update). */
export async function advanceAgreementVersion(
  db: Queryable,
  id: string,
  fromVersion: number,
  set: { validFrom: string; validTo: string | null },
  now: Date,
): Promise<AgreementRow | null> {
  const [row] = await db
    .update(agreements)
    .set({ ...set, currentVersion: fromVersion + 1, updatedAt: now })
    .where(and(eq(agreements.id, id), eq(agreements.currentVersion, fromVersion)))
    .returning();
  return row ?? null;
}

/** Marks `version` approved by every party, if it is still the current version. */
export async function markApproved(
  db: Queryable,
  id: string,
  version: number,
  now: Date,
): Promise<AgreementRow | null> {
  const [row] = await db
    .update(agreements)
    .set({ approvedVersion: version, updatedAt: now })
    .where(and(eq(agreements.id, id), eq(agreements.currentVersion, version)))
    .returning();
  return row ?? null;
}

export interface NewVersion {
  version: Omit<VersionRow, 'agreementId'>;
  parties: Array<Omit<PartyRow, 'agreementId' | 'version'>>;
  commitments: Array<Omit<CommitmentRow, 'agreementId' | 'version'>>;
}

export async function insertVersion(db: Queryable, agreementId: string, v: NewVersion): Promise<void> {
  const version = v.version.version;
  await db.insert(agreementVersions).values({ ...v.version, agreementId });
  await db.insert(agreementParties).values(v.parties.map((p) => ({ ...p, agreementId, version })));
  if (v.commitments.length) {
    await db.insert(agreementCommitments).values(v.commitments.map((c) => ({ ...c, agreementId, version })));
  }
}

export async function findVersionRows(
  db: Queryable,
  agreementIds: string[],
  version?: number,
): Promise<VersionRow[]> {
  if (!agreementIds.length) return [];
  return db
    .select()
    .from(agreementVersions)
    .where(
      and(
        inArray(agreementVersions.agreementId, agreementIds),
        version !== undefined ? eq(agreementVersions.version, version) : undefined,
      ),
    )
    .orderBy(asc(agreementVersions.agreementId), asc(agreementVersions.version));
}

export async function findPartyRowsOfVersions(db: Queryable, agreementIds: string[]): Promise<PartyRow[]> {
  if (!agreementIds.length) return [];
  return db
    .select()
    .from(agreementParties)
    .where(inArray(agreementParties.agreementId, agreementIds))
    .orderBy(asc(agreementParties.organisationCode));
}

export async function findCommitmentRows(db: Queryable, agreementIds: string[]): Promise<CommitmentRow[]> {
  if (!agreementIds.length) return [];
  return db
    .select()
    .from(agreementCommitments)
    .where(inArray(agreementCommitments.agreementId, agreementIds))
    .orderBy(asc(agreementCommitments.ordinal));
}

export async function findApprovalRows(db: Queryable, agreementIds: string[]): Promise<ApprovalRow[]> {
  if (!agreementIds.length) return [];
  return db
    .select()
    .from(agreementApprovals)
    .where(inArray(agreementApprovals.agreementId, agreementIds))
    .orderBy(asc(agreementApprovals.organisationCode));
}

/** Records a party's approval; false when it had already approved this version. */
export async function insertApproval(db: Queryable, row: ApprovalRow): Promise<boolean> {
  const inserted = await db.insert(agreementApprovals).values(row).onConflictDoNothing().returning();
  return inserted.length > 0;
}

export async function insertStaffingReview(
  db: Queryable,
  row: Omit<StaffingReviewRow, 'id'>,
): Promise<StaffingReviewRow> {
  const [inserted] = await db.insert(agreementStaffingReviews).values(row).returning();
  if (!inserted) throw new Error('staffing review insert returned nothing');
  return inserted;
}

export async function findStaffingReviewRows(
  db: Queryable,
  agreementId: string,
): Promise<StaffingReviewRow[]> {
  return db
    .select()
    .from(agreementStaffingReviews)
    .where(eq(agreementStaffingReviews.agreementId, agreementId))
    .orderBy(desc(agreementStaffingReviews.reviewedOn), desc(agreementStaffingReviews.recordedAt));
}

/** The pending staffing-review deadline of each agreement (the platform's deadline rows). */
export async function findPendingReviewDueDates(
  db: Queryable,
  agreementIds: string[],
): Promise<Map<string, string>> {
  if (!agreementIds.length) return new Map();
  const rows = await db
    .select({ subjectId: deadlines.subjectId, dueOn: deadlines.dueOn })
    .from(deadlines)
    .where(
      and(
        eq(deadlines.kind, 'agreement.staffing_review'),
        eq(deadlines.status, 'pending'),
        inArray(deadlines.subjectId, agreementIds),
      ),
    );
  return new Map(rows.map((r) => [r.subjectId, r.dueOn]));
}

export interface InForceSettingsRow {
  agreement_id: string;
  version: number;
  referral_response_days: number;
  review_request_response_days: number;
  reminder_lead_days: number[];
  target_caseload_per_fte: string;
  pre_relationship_retention_days: number | null;
}

/**
 * The agreement in force in the area on `on`: every party approved its current version and
 * the day is within that version's validity (agreements of an area never overlap).
 */
export async function findInForceSettingsRow(
  db: Queryable,
  areaId: string,
  on: string,
): Promise<InForceSettingsRow | null> {
  const result = await db.execute<InForceSettingsRow & Record<string, unknown>>(sql`
    SELECT a.id AS agreement_id, v.version, v.referral_response_days, v.review_request_response_days,
           v.reminder_lead_days, v.target_caseload_per_fte::text AS target_caseload_per_fte,
           v.pre_relationship_retention_days
      FROM resourcing.agreements a
      JOIN resourcing.agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version
     WHERE a.cooperation_area_id = ${areaId}
       AND a.approved_version = a.current_version
       AND a.valid_from <= ${on}::date
       AND (a.valid_to IS NULL OR a.valid_to >= ${on}::date)
     ORDER BY a.valid_from DESC
     LIMIT 1`);
  return result.rows[0] ?? null;
}
