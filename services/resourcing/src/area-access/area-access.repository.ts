import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

/**
 * What decides a caller's access to one cooperation area's governance and figures, read in
 * one statement from the directory (architecture.md, Auth: which areas a person sees comes
 * from the database, not the token).
 */
export interface AreaAccessFacts {
  areaExists: boolean;
  /** The caller's organisation is a party of the area (in any role). */
  isParty: boolean;
  /** The caller's active staff record in their organisation, if any. */
  staffId: string | null;
  /** The caller's staff record has an allocation to the area. */
  allocated: boolean;
  /** The caller is a member or a personal deputy of the area's management group. */
  groupMember: boolean;
}

export async function findAreaAccessFacts(
  db: Queryable,
  areaId: string,
  organisationCode: string,
  subject: string,
): Promise<AreaAccessFacts> {
  const result = await db.execute<{
    area_exists: boolean;
    is_party: boolean;
    staff_id: string | null;
    allocated: boolean;
    group_member: boolean;
  }>(sql`
    SELECT EXISTS (SELECT 1 FROM resourcing.cooperation_areas WHERE id = ${areaId}) AS area_exists,
           EXISTS (SELECT 1 FROM resourcing.cooperation_area_parties
                    WHERE cooperation_area_id = ${areaId} AND organisation_code = ${organisationCode}) AS is_party,
           s.id AS staff_id,
           EXISTS (SELECT 1 FROM resourcing.staff_allocations sa
                    WHERE sa.staff_id = s.id AND sa.cooperation_area_id = ${areaId}) AS allocated,
           EXISTS (SELECT 1 FROM resourcing.management_group_members m
                     JOIN resourcing.management_groups g ON g.id = m.management_group_id
                    WHERE g.cooperation_area_id = ${areaId} AND s.id IN (m.staff_id, m.deputy_staff_id)) AS group_member
      FROM (SELECT 1) AS one
      LEFT JOIN resourcing.staff s
        ON s.organisation_code = ${organisationCode} AND s.subject = ${subject} AND s.active`);
  const row = result.rows[0];
  return {
    areaExists: row?.area_exists ?? false,
    isParty: row?.is_party ?? false,
    staffId: row?.staff_id ?? null,
    allocated: row?.allocated ?? false,
    groupMember: row?.group_member ?? false,
  };
}

/**
 * The areas whose governance (groups, agreements) the caller may read: every area their
 * organisation is a party of when `asParty` (coordinators and admins), plus the areas whose
 * management group lists them as a member or deputy.
 */
export async function findReadableAreaIds(
  db: Queryable,
  organisationCode: string,
  subject: string,
  asParty: boolean,
): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT cooperation_area_id AS id FROM resourcing.cooperation_area_parties
     WHERE ${asParty} AND organisation_code = ${organisationCode}
    UNION
    SELECT g.cooperation_area_id FROM resourcing.management_groups g
      JOIN resourcing.management_group_members m ON m.management_group_id = g.id
      JOIN resourcing.staff s ON s.id IN (m.staff_id, m.deputy_staff_id)
     WHERE s.organisation_code = ${organisationCode} AND s.subject = ${subject} AND s.active`);
  return result.rows.map((r) => r.id);
}
