import { cooperationArrangements, type Queryable, type Transaction } from '@tym/db';
import { eq, sql } from 'drizzle-orm';

export interface ArrangementRow {
  areaCount: number;
  agreedOn: string;
  decisionReference: string;
}

export interface CountyAreaRow {
  id: string;
  code: string;
  nameFi: string;
  nameSv: string;
  isDefault: boolean;
  employmentAuthorityCodes: string[];
}

export async function findCounty(
  db: Queryable,
  countyId: string,
  options: { lock?: boolean } = {},
): Promise<{ id: string; organiserCode: string } | null> {
  const lock = options.lock ? sql`FOR UPDATE` : sql``;
  const result = await db.execute<{ id: string; organiser_code: string }>(
    sql`SELECT id, organiser_code FROM resourcing.wellbeing_counties WHERE id = ${countyId} ${lock}`,
  );
  const row = result.rows[0];
  return row ? { id: row.id, organiserCode: row.organiser_code } : null;
}

/**
 * The employment authorities of the region: those whose employment area has a member
 * municipality in the county on `on` or later (membership periods not yet ended).
 */
export async function findRegionAuthorities(db: Queryable, countyId: string, on: string): Promise<string[]> {
  const result = await db.execute<{ code: string }>(sql`
    SELECT DISTINCT ea.organisation_code AS code
      FROM resourcing.employment_areas ea
      JOIN resourcing.employment_area_municipalities eam ON eam.employment_area_id = ea.id
      JOIN resourcing.municipalities m ON m.code = eam.municipality_code
     WHERE m.wellbeing_county_id = ${countyId}
       AND (eam.valid_to IS NULL OR eam.valid_to >= ${on}::date)
     ORDER BY 1`);
  return result.rows.map((r) => r.code);
}

export async function findArrangement(db: Queryable, countyId: string): Promise<ArrangementRow | null> {
  const [row] = await db
    .select({
      areaCount: cooperationArrangements.areaCount,
      agreedOn: cooperationArrangements.agreedOn,
      decisionReference: cooperationArrangements.decisionReference,
    })
    .from(cooperationArrangements)
    .where(eq(cooperationArrangements.wellbeingCountyId, countyId));
  return row ?? null;
}

export async function findCountyAreas(db: Queryable, countyId: string): Promise<CountyAreaRow[]> {
  const result = await db.execute<{
    id: string;
    code: string;
    name_fi: string;
    name_sv: string;
    is_default: boolean;
    authorities: string[];
  }>(sql`
    SELECT ca.id, ca.code, ca.name_fi, ca.name_sv, ca.is_default,
           coalesce((SELECT array_agg(p.organisation_code ORDER BY p.organisation_code)
                       FROM resourcing.cooperation_area_parties p
                      WHERE p.cooperation_area_id = ca.id AND p.role = 'employment_authority'), '{}') AS authorities
      FROM resourcing.cooperation_areas ca
     WHERE ca.wellbeing_county_id = ${countyId}
     ORDER BY ca.is_default DESC, ca.code`);
  return result.rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameFi: r.name_fi,
    nameSv: r.name_sv,
    isDefault: r.is_default,
    employmentAuthorityCodes: r.authorities,
  }));
}

/** Cooperation areas (by code) that exist in another county. */
export async function findCodesOfOtherCounties(
  db: Queryable,
  countyId: string,
  codes: string[],
): Promise<string[]> {
  if (!codes.length) return [];
  const result = await db.execute<{ code: string }>(sql`
    SELECT code FROM resourcing.cooperation_areas
     WHERE wellbeing_county_id <> ${countyId}
       AND code IN (${sql.join(
         codes.map((c) => sql`${c}`),
         sql`, `,
       )})`);
  return result.rows.map((r) => r.code);
}

/**
 * What ties an organisation (or, with `organisationCode` null, anyone) to a cooperation
 * area so that it may not leave it or the area may not be removed: a management group it set
 * up or sits in, an agreement it is party to, its staff allocated there, referrals or cases
 * of the area. Returns the kinds found.
 */
export async function findDependants(
  db: Queryable,
  areaId: string,
  organisationCode: string | null,
): Promise<string[]> {
  const org = organisationCode;
  const result = await db.execute<{ kind: string }>(sql`
    SELECT 'management_group' AS kind WHERE EXISTS (
      SELECT 1 FROM resourcing.management_groups g
       WHERE g.cooperation_area_id = ${areaId}
         AND (${org}::text IS NULL OR g.employment_authority_code = ${org}
              OR EXISTS (SELECT 1 FROM resourcing.management_group_members gm
                          WHERE gm.management_group_id = g.id AND gm.organisation_code = ${org})))
    UNION ALL
    SELECT 'agreement' WHERE EXISTS (
      SELECT 1 FROM resourcing.agreements a
       WHERE a.cooperation_area_id = ${areaId}
         AND (${org}::text IS NULL OR EXISTS (SELECT 1 FROM resourcing.agreement_parties ap
                                               WHERE ap.agreement_id = a.id AND ap.organisation_code = ${org})))
    UNION ALL
    SELECT 'staff_allocation' WHERE EXISTS (
      SELECT 1 FROM resourcing.staff_allocations sa JOIN resourcing.staff s ON s.id = sa.staff_id
       WHERE sa.cooperation_area_id = ${areaId} AND (${org}::text IS NULL OR s.organisation_code = ${org}))
    UNION ALL
    -- Referrals and cases of the area: referrals' published query (migration 0018).
    SELECT u.kind FROM unnest(platform.referrals_area_usage(${areaId}::uuid, NULL)) AS u(kind)
     WHERE ${org}::text IS NULL`);
  return result.rows.map((r) => r.kind);
}

export async function upsertArea(
  tx: Transaction,
  countyId: string,
  area: { code: string; nameFi: string; nameSv: string },
  now: Date,
): Promise<boolean> {
  const result = await tx.execute<{ id: string }>(sql`
    INSERT INTO resourcing.cooperation_areas (code, name_fi, name_sv, wellbeing_county_id, is_default, created_at, updated_at)
    VALUES (${area.code}, ${area.nameFi}, ${area.nameSv}, ${countyId}, ${area.code === countyId}, ${now}, ${now})
    ON CONFLICT (code) DO UPDATE SET name_fi = excluded.name_fi, name_sv = excluded.name_sv, updated_at = excluded.updated_at
     WHERE (cooperation_areas.name_fi, cooperation_areas.name_sv) IS DISTINCT FROM (excluded.name_fi, excluded.name_sv)
    RETURNING id`);
  return result.rows.length > 0;
}

export async function deleteArea(tx: Transaction, areaId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM resourcing.quota_states WHERE cooperation_area_id = ${areaId}`);
  await tx.execute(sql`DELETE FROM resourcing.cooperation_areas WHERE id = ${areaId}`);
}

/** Adds the HVA organiser, Kela and the given authorities as parties; returns rows added. */
export async function addParties(
  tx: Transaction,
  areaCode: string,
  organiserCode: string,
  authorities: string[],
): Promise<number> {
  const values = [
    sql`(${organiserCode}, 'wellbeing_county')`,
    sql`('kela', 'kela')`,
    ...authorities.map((a) => sql`(${a}, 'employment_authority')`),
  ];
  const result = await tx.execute(sql`
    INSERT INTO resourcing.cooperation_area_parties (cooperation_area_id, organisation_code, role)
    SELECT ca.id, v.org, v.role
      FROM resourcing.cooperation_areas ca, (VALUES ${sql.join(values, sql`, `)}) AS v (org, role)
     WHERE ca.code = ${areaCode}
    ON CONFLICT DO NOTHING
    RETURNING organisation_code`);
  return result.rows.length;
}

export async function removeAuthorityParty(
  tx: Transaction,
  areaId: string,
  organisationCode: string,
): Promise<void> {
  await tx.execute(sql`DELETE FROM resourcing.cooperation_area_parties
                        WHERE cooperation_area_id = ${areaId} AND organisation_code = ${organisationCode}
                          AND role = 'employment_authority'`);
}

export async function upsertArrangement(
  tx: Transaction,
  countyId: string,
  row: ArrangementRow,
  now: Date,
): Promise<boolean> {
  const result = await tx.execute(sql`
    INSERT INTO resourcing.cooperation_arrangements
      (wellbeing_county_id, area_count, agreed_on, decision_reference, created_at, updated_at)
    VALUES (${countyId}, ${row.areaCount}, ${row.agreedOn}::date, ${row.decisionReference}, ${now}, ${now})
    ON CONFLICT (wellbeing_county_id) DO UPDATE
       SET area_count = excluded.area_count, agreed_on = excluded.agreed_on,
           decision_reference = excluded.decision_reference, updated_at = excluded.updated_at
     WHERE (cooperation_arrangements.area_count, cooperation_arrangements.agreed_on, cooperation_arrangements.decision_reference)
           IS DISTINCT FROM (excluded.area_count, excluded.agreed_on, excluded.decision_reference)
    RETURNING wellbeing_county_id`);
  return result.rows.length > 0;
}
