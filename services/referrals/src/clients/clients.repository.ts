import { clients, type Queryable } from '@tym/db';
import { eq, sql } from 'drizzle-orm';
import { KELA_ORGANISATION_CODE } from '../policy/policy.js';

export type ClientRow = typeof clients.$inferSelect;
export type NewClientRow = typeof clients.$inferInsert;

export async function findClientRow(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ClientRow | null> {
  const query = db.select().from(clients).where(eq(clients.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

/** By the blind index of the canonical identity code; locked when `forUpdate`. */
export async function findClientRowByIndex(
  db: Queryable,
  identityCodeIndex: string,
  options: { forUpdate?: boolean } = {},
): Promise<ClientRow | null> {
  const query = db.select().from(clients).where(eq(clients.identityCodeIndex, identityCodeIndex));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

/** Inserts unless a client with the same identity code exists (then null). */
export async function insertClientRow(db: Queryable, row: NewClientRow): Promise<ClientRow | null> {
  const [inserted] = await db.insert(clients).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function updateClientRow(
  db: Queryable,
  id: string,
  set: Partial<Omit<NewClientRow, 'id' | 'identityCodeEncrypted' | 'identityCodeIndex' | 'createdAt'>>,
): Promise<ClientRow | null> {
  const [row] = await db.update(clients).set(set).where(eq(clients.id, id)).returning();
  return row ?? null;
}

export interface ClientAccessFactsRow {
  onTeam: boolean;
  hasVisibleReferral: boolean;
  hasCaseInCallerAreas: boolean;
  organisationInvolved: boolean;
}

/**
 * Everything the policy needs to decide what a caller sees of one client, in one query.
 * Every fact counts only where the caller's organisation is one of the client's parties on
 * that referral or case — the employment authority, the HVA organiser or Kela
 * (`clientPartyCodes`, policy.ts); the referrer of a referral is not thereby a party.
 * `organisationInvolved` also counts the parties a case was transferred away from: they stay
 * joint controllers of what they stored (381/2023 §13) and answer for it from the access log.
 */
export async function findClientAccessFacts(
  db: Queryable,
  clientId: string,
  caller: { org: string; sub: string; areaIds: readonly string[] },
): Promise<ClientAccessFactsRow> {
  const areas = sql.param([...caller.areaIds]);
  const result = await db.execute<{
    on_team: boolean;
    visible_referral: boolean;
    case_in_areas: boolean;
    organisation_involved: boolean;
  }>(sql`
    SELECT
      EXISTS (SELECT 1 FROM referrals.case_team_members t
                JOIN referrals.cases c ON c.id = t.case_id
               WHERE c.client_id = ${clientId} AND t.organisation_code = ${caller.org}
                 AND t.subject = ${caller.sub} AND t.removed_at IS NULL
                 AND ${caller.org} IN (c.employment_authority_code, c.wellbeing_county_organiser_code, ${KELA_ORGANISATION_CODE})) AS on_team,
      EXISTS (SELECT 1 FROM referrals.referrals r
               WHERE r.client_id = ${clientId} AND r.cooperation_area_id = ANY(${areas}::uuid[])
                 AND ${caller.org} IN (r.employment_authority_code, r.wellbeing_county_organiser_code, ${KELA_ORGANISATION_CODE})) AS visible_referral,
      EXISTS (SELECT 1 FROM referrals.cases c
               WHERE c.client_id = ${clientId} AND c.cooperation_area_id = ANY(${areas}::uuid[])
                 AND ${caller.org} IN (c.employment_authority_code, c.wellbeing_county_organiser_code, ${KELA_ORGANISATION_CODE})) AS case_in_areas,
      (EXISTS (SELECT 1 FROM referrals.cases c
                WHERE c.client_id = ${clientId}
                  AND ${caller.org} IN (c.employment_authority_code, c.wellbeing_county_organiser_code, ${KELA_ORGANISATION_CODE}))
       OR EXISTS (SELECT 1 FROM referrals.referrals r
                   WHERE r.client_id = ${clientId}
                     AND ${caller.org} IN (r.employment_authority_code, r.wellbeing_county_organiser_code, ${KELA_ORGANISATION_CODE}))
       OR EXISTS (SELECT 1 FROM referrals.case_transfers x
                    JOIN referrals.cases c ON c.id = x.case_id
                   WHERE c.client_id = ${clientId}
                     AND ${caller.org} IN (x.from_employment_authority_code, x.from_wellbeing_county_organiser_code))) AS organisation_involved`);
  const row = result.rows[0];
  return {
    onTeam: row?.on_team ?? false,
    hasVisibleReferral: row?.visible_referral ?? false,
    hasCaseInCallerAreas: row?.case_in_areas ?? false,
    organisationInvolved: row?.organisation_involved ?? false,
  };
}
