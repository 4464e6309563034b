import {
  cooperationAreaParties,
  cooperationAreas,
  organisations,
  type PartyRole,
  type Queryable,
} from '@tym/db';
import { asc, eq, inArray, sql } from 'drizzle-orm';

export type CooperationAreaRow = typeof cooperationAreas.$inferSelect;

export interface CooperationAreaParty {
  cooperationAreaId: string;
  organisationCode: string;
  role: PartyRole;
}

export interface CooperationAreaPartyWithNames extends CooperationAreaParty {
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

export async function findCooperationAreaRows(db: Queryable): Promise<CooperationAreaRow[]> {
  return db.select().from(cooperationAreas).orderBy(asc(cooperationAreas.code));
}

export async function findCooperationAreaRow(db: Queryable, id: string): Promise<CooperationAreaRow | null> {
  const [row] = await db.select().from(cooperationAreas).where(eq(cooperationAreas.id, id));
  return row ?? null;
}

export async function findPartyRows(
  db: Queryable,
  areaIds: string[],
): Promise<CooperationAreaPartyWithNames[]> {
  if (!areaIds.length) return [];
  return db
    .select({
      cooperationAreaId: cooperationAreaParties.cooperationAreaId,
      organisationCode: cooperationAreaParties.organisationCode,
      role: cooperationAreaParties.role,
      nameFi: organisations.nameFi,
      nameSv: organisations.nameSv,
      nameEn: organisations.nameEn,
    })
    .from(cooperationAreaParties)
    .innerJoin(organisations, eq(organisations.code, cooperationAreaParties.organisationCode))
    .where(inArray(cooperationAreaParties.cooperationAreaId, areaIds))
    .orderBy(asc(cooperationAreaParties.organisationCode), asc(cooperationAreaParties.role));
}

/**
 * Makes the parties of default cooperation areas complete: the county's organiser
 * (wellbeing_county), Kela, and every employment authority with a member municipality in
 * the county now or later (domain.md §1, §5) — unless the county's arrangement put the
 * authority in another of its cooperation areas (381/2023 §9(1)). Only adds; never removes a party, since cases and
 * allocations may depend on it. With `employmentAreaId`, only that area's authority is
 * considered. One statement, so concurrent callers cannot add a party twice.
 */
export async function ensureDefaultAreaParties(
  db: Queryable,
  options: { employmentAreaId?: string } = {},
): Promise<CooperationAreaParty[]> {
  const onlyArea = options.employmentAreaId ? sql`AND ea.id = ${options.employmentAreaId}` : sql``;
  const organisersAndKela = options.employmentAreaId
    ? sql``
    : sql`
      SELECT ca.id, wc.organiser_code, 'wellbeing_county'
        FROM resourcing.cooperation_areas ca
        JOIN resourcing.wellbeing_counties wc ON wc.id = ca.wellbeing_county_id
       WHERE ca.is_default
      UNION
      SELECT ca.id, 'kela', 'kela' FROM resourcing.cooperation_areas ca WHERE ca.is_default
      UNION`;
  const result = await db.execute<{
    cooperation_area_id: string;
    organisation_code: string;
    role: PartyRole;
  }>(sql`
    INSERT INTO resourcing.cooperation_area_parties (cooperation_area_id, organisation_code, role)
    ${organisersAndKela}
    SELECT DISTINCT ca.id, ea.organisation_code, 'employment_authority'
      FROM resourcing.cooperation_areas ca
      JOIN resourcing.municipalities m ON m.wellbeing_county_id = ca.wellbeing_county_id
      JOIN resourcing.employment_area_municipalities eam ON eam.municipality_code = m.code
      JOIN resourcing.employment_areas ea ON ea.id = eam.employment_area_id
     WHERE ca.is_default ${onlyArea}
       AND (eam.valid_to IS NULL OR eam.valid_to >= current_date)
       -- An authority the county's arrangement put in another of its cooperation areas stays there.
       AND NOT EXISTS (SELECT 1 FROM resourcing.cooperation_area_parties other
                         JOIN resourcing.cooperation_areas oca ON oca.id = other.cooperation_area_id
                        WHERE oca.wellbeing_county_id = ca.wellbeing_county_id AND oca.id <> ca.id
                          AND other.organisation_code = ea.organisation_code
                          AND other.role = 'employment_authority')
    ON CONFLICT DO NOTHING
    RETURNING cooperation_area_id, organisation_code, role`);
  return result.rows.map((r) => ({
    cooperationAreaId: r.cooperation_area_id,
    organisationCode: r.organisation_code,
    role: r.role,
  }));
}
