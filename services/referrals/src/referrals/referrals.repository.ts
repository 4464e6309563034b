import { cases, clients, type Queryable, referrals, referralTransitions } from '@tym/db';
import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { KELA_ORGANISATION_CODE, type ReferralListScope } from '../policy/policy.js';

export type ReferralRow = typeof referrals.$inferSelect;
export type NewReferralRow = typeof referrals.$inferInsert;
export type ReferralTransitionRow = typeof referralTransitions.$inferSelect;

export interface ReferralWithClient extends ReferralRow {
  client: { id: string; firstNames: string; lastName: string; homeMunicipalityCode: string };
}

const withClient = {
  referral: referrals,
  client: {
    id: clients.id,
    firstNames: clients.firstNames,
    lastName: clients.lastName,
    homeMunicipalityCode: clients.homeMunicipalityCode,
  },
};

export async function findReferralRow(db: Queryable, id: string): Promise<ReferralWithClient | null> {
  const [row] = await db
    .select(withClient)
    .from(referrals)
    .innerJoin(clients, eq(clients.id, referrals.clientId))
    .where(eq(referrals.id, id));
  return row ? { ...row.referral, client: row.client } : null;
}

export async function insertReferralRow(db: Queryable, row: NewReferralRow): Promise<ReferralRow | null> {
  const [inserted] = await db.insert(referrals).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** A pending referral of the client to the area (of one referring organisation, when given). */
export async function findPendingReferralId(
  db: Queryable,
  clientId: string,
  cooperationAreaId: string,
  referringOrganisationCode?: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.clientId, clientId),
        eq(referrals.cooperationAreaId, cooperationAreaId),
        eq(referrals.status, 'submitted'),
        referringOrganisationCode
          ? eq(referrals.referringOrganisationCode, referringOrganisationCode)
          : undefined,
      ),
    )
    .orderBy(asc(referrals.submittedAt))
    .limit(1);
  return row?.id ?? null;
}

export async function findOpenCaseId(
  db: Queryable,
  clientId: string,
  cooperationAreaId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.clientId, clientId),
        eq(cases.cooperationAreaId, cooperationAreaId),
        ne(cases.status, 'ended'),
      ),
    );
  return row?.id ?? null;
}

/**
 * Moves a referral out of `submitted` in one conditional statement: of two concurrent
 * decisions exactly one matches (the other waits for the row lock, then sees the new status).
 */
export async function decideReferralRow(
  db: Queryable,
  id: string,
  set: Pick<NewReferralRow, 'status' | 'decidedAt' | 'decidedByOrganisation' | 'decidedBySub' | 'updatedAt'> &
    Partial<Pick<NewReferralRow, 'caseId' | 'declineReasonCode' | 'declineReasonText'>>,
): Promise<ReferralRow | null> {
  const [row] = await db
    .update(referrals)
    .set(set)
    .where(and(eq(referrals.id, id), eq(referrals.status, 'submitted')))
    .returning();
  return row ?? null;
}

export async function insertReferralTransition(
  db: Queryable,
  row: typeof referralTransitions.$inferInsert,
): Promise<void> {
  await db.insert(referralTransitions).values(row);
}

export async function findReferralTransitions(
  db: Queryable,
  referralId: string,
): Promise<ReferralTransitionRow[]> {
  return db
    .select()
    .from(referralTransitions)
    .where(eq(referralTransitions.referralId, referralId))
    .orderBy(asc(referralTransitions.id));
}

/**
 * One page of the referrals a caller sees (the inbox of their areas and their own
 * referrals), newest first by (submitted_at, id).
 */
export async function findReferralPage(
  db: Queryable,
  scope: ReferralListScope,
  filter: { status?: string; cooperationAreaId?: string },
  page: { limit: number; after?: { t: string; i: string } },
): Promise<ReferralWithClient[]> {
  const referrer = and(
    eq(referrals.referringOrganisationCode, scope.referrer.organisationCode),
    scope.referrer.sub === null ? undefined : eq(referrals.referredBySub, scope.referrer.sub),
  );
  // The client's parties (clientPartyCodes, policy.ts) in their allocated areas, and the referrer.
  const party = sql`${scope.partyOrganisationCode} IN (${referrals.employmentAuthorityCode}, ${referrals.wellbeingCountyOrganiserCode}, ${KELA_ORGANISATION_CODE})`;
  const visible = sql`((${referrals.cooperationAreaId} = ANY(${sql.param([...scope.areaIds])}::uuid[]) AND ${party}) OR ${referrer})`;
  const where: Array<SQL | undefined> = [visible];
  if (filter.status) where.push(sql`${referrals.status} = ${filter.status}`);
  if (filter.cooperationAreaId) where.push(eq(referrals.cooperationAreaId, filter.cooperationAreaId));
  if (page.after) {
    where.push(
      sql`(${referrals.submittedAt}, ${referrals.id}) < (${page.after.t}::timestamptz, ${page.after.i}::uuid)`,
    );
  }
  const rows = await db
    .select(withClient)
    .from(referrals)
    .innerJoin(clients, eq(clients.id, referrals.clientId))
    .where(and(...where))
    .orderBy(sql`${referrals.submittedAt} DESC`, sql`${referrals.id} DESC`)
    .limit(page.limit);
  return rows.map((r) => ({ ...r.referral, client: r.client }));
}

/** Records a party's decision on the client details a referral brought, if still pending. */
export async function decideClientDetailsRow(
  db: Queryable,
  id: string,
  set: Required<
    Pick<
      NewReferralRow,
      | 'clientDetailsStatus'
      | 'clientDetailsDecidedAt'
      | 'clientDetailsDecidedByOrganisation'
      | 'clientDetailsDecidedBySub'
      | 'updatedAt'
    >
  >,
): Promise<ReferralRow | null> {
  const [row] = await db
    .update(referrals)
    .set(set)
    .where(and(eq(referrals.id, id), eq(referrals.clientDetailsStatus, 'pending')))
    .returning();
  return row ?? null;
}
