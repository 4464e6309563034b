import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

/** One directory card: what a colleague of another party sees of a staff member. */
export interface DirectoryCardRow {
  id: string;
  displayName: string;
  organisationCode: string;
  roles: string[];
  cooperationAreaId: string;
  cooperationAreaCode: string;
  /** NUMERIC(4,3) as PostgreSQL returns it. */
  fte: string;
}

export interface DirectoryFilter {
  cooperationAreaId?: string;
  organisationCode?: string;
  /** Part of the display name, case-insensitive. */
  q?: string;
  after?: { displayName: string; id: string };
  limit: number;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Active staff allocated to the cooperation areas the caller (organisation + subject, an
 * active staff record) is allocated to — one row per person and shared area, by display
 * name then id. The caller's own record is in it too.
 */
export async function findDirectoryCardRows(
  db: Queryable,
  caller: { organisationCode: string; subject: string },
  filter: DirectoryFilter,
): Promise<DirectoryCardRow[]> {
  const area = filter.cooperationAreaId ?? null;
  const org = filter.organisationCode ?? null;
  const q = filter.q ? likePattern(filter.q) : null;
  const afterName = filter.after?.displayName ?? null;
  const afterId = filter.after?.id ?? null;
  const result = await db.execute<{
    id: string;
    display_name: string;
    organisation_code: string;
    roles: string[];
    cooperation_area_id: string;
    cooperation_area_code: string;
    fte: string;
  }>(sql`
    WITH mine AS (
      SELECT a.cooperation_area_id FROM resourcing.staff s
        JOIN resourcing.staff_allocations a ON a.staff_id = s.id
       WHERE s.organisation_code = ${caller.organisationCode} AND s.subject = ${caller.subject} AND s.active
         AND (${area}::uuid IS NULL OR a.cooperation_area_id = ${area}::uuid)
    ), people AS (
      SELECT s.id, s.display_name, s.organisation_code, s.roles FROM resourcing.staff s
       WHERE s.active
         AND EXISTS (SELECT 1 FROM resourcing.staff_allocations a
                      WHERE a.staff_id = s.id AND a.cooperation_area_id IN (SELECT cooperation_area_id FROM mine))
         AND (${org}::text IS NULL OR s.organisation_code = ${org}::text)
         AND (${q}::text IS NULL OR s.display_name ILIKE ${q}::text)
         AND (${afterName}::text IS NULL OR (s.display_name, s.id) > (${afterName}::text, ${afterId}::uuid))
       ORDER BY s.display_name, s.id
       LIMIT ${filter.limit}
    )
    SELECT p.id, p.display_name, p.organisation_code, p.roles,
           a.cooperation_area_id, ca.code AS cooperation_area_code, a.fte::text AS fte
      FROM people p
      JOIN resourcing.staff_allocations a ON a.staff_id = p.id
      JOIN resourcing.cooperation_areas ca ON ca.id = a.cooperation_area_id
     WHERE a.cooperation_area_id IN (SELECT cooperation_area_id FROM mine)
     ORDER BY p.display_name, p.id, ca.code`);
  return result.rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    organisationCode: r.organisation_code,
    roles: r.roles,
    cooperationAreaId: r.cooperation_area_id,
    cooperationAreaCode: r.cooperation_area_code,
    fte: r.fte,
  }));
}

/** Active staff of the given organisations allocated to one cooperation area (unscoped; for other services). */
export async function findAreaStaffCardRows(
  db: Queryable,
  cooperationAreaId: string,
  organisationCodes: readonly string[],
): Promise<DirectoryCardRow[]> {
  if (!organisationCodes.length) return [];
  const codes = sql.join(
    organisationCodes.map((c) => sql`${c}`),
    sql`, `,
  );
  const result = await db.execute<{
    id: string;
    display_name: string;
    organisation_code: string;
    roles: string[];
    cooperation_area_id: string;
    cooperation_area_code: string;
    fte: string;
  }>(sql`
    SELECT s.id, s.display_name, s.organisation_code, s.roles,
           a.cooperation_area_id, ca.code AS cooperation_area_code, a.fte::text AS fte
      FROM resourcing.staff s
      JOIN resourcing.staff_allocations a ON a.staff_id = s.id
      JOIN resourcing.cooperation_areas ca ON ca.id = a.cooperation_area_id
     WHERE s.active AND a.cooperation_area_id = ${cooperationAreaId} AND s.organisation_code IN (${codes})
     ORDER BY s.organisation_code, s.display_name, s.id`);
  return result.rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    organisationCode: r.organisation_code,
    roles: r.roles,
    cooperationAreaId: r.cooperation_area_id,
    cooperationAreaCode: r.cooperation_area_code,
    fte: r.fte,
  }));
}
