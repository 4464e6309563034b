import { caseTeamMembers, caseTransfers, type Queryable, referrals, type SubmittedRouting } from '@tym/db';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';

export type CaseTransferRow = typeof caseTransfers.$inferSelect;

export async function insertCaseTransfer(
  db: Queryable,
  row: typeof caseTransfers.$inferInsert,
): Promise<CaseTransferRow> {
  const [inserted] = await db.insert(caseTransfers).values(row).returning();
  if (!inserted) throw new Error('case transfer insert returned nothing');
  return inserted;
}

export async function findCaseTransfers(db: Queryable, caseId: string): Promise<CaseTransferRow[]> {
  return db
    .select()
    .from(caseTransfers)
    .where(eq(caseTransfers.caseId, caseId))
    .orderBy(asc(caseTransfers.at), asc(caseTransfers.id));
}

/** Ends the team membership of every current member of these organisations. */
export async function closeTeamMembersOf(
  db: Queryable,
  caseId: string,
  organisationCodes: string[],
  by: { at: Date; organisation: string; sub: string },
): Promise<number> {
  if (organisationCodes.length === 0) return 0;
  const closed = await db
    .update(caseTeamMembers)
    .set({ removedAt: by.at, removedByOrganisation: by.organisation, removedBySub: by.sub })
    .where(
      and(
        eq(caseTeamMembers.caseId, caseId),
        inArray(caseTeamMembers.organisationCode, organisationCodes),
        isNull(caseTeamMembers.removedAt),
      ),
    )
    .returning({ staffId: caseTeamMembers.staffId });
  return closed.length;
}

/**
 * The referral that started the case follows it: its routing is the client's parties, who
 * see it. What the referrer sent is kept as `submitted_routing` when not already, so the
 * referrer's view of its own referral does not change.
 */
export async function moveReferralRouting(
  db: Queryable,
  referralId: string,
  to: {
    cooperationAreaId: string;
    homeMunicipalityCode: string;
    employmentAuthorityCode: string;
    wellbeingCountyOrganiserCode: string;
  },
  now: Date,
): Promise<void> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, referralId)).for('update');
  if (!row) throw new Error(`referral ${referralId} of a case is missing`);
  const submittedRouting: SubmittedRouting = row.submittedRouting ?? {
    cooperationAreaId: row.cooperationAreaId,
    homeMunicipalityCode: row.homeMunicipalityCode,
    employmentAuthorityCode: row.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: row.wellbeingCountyOrganiserCode,
    respondBy: row.respondBy,
    responseDays: row.responseDays,
  };
  await db
    .update(referrals)
    .set({ ...to, submittedRouting, updatedAt: now })
    .where(eq(referrals.id, referralId));
}
