import type { Queryable } from '@tym/db';
import type { Principal } from '@tym/platform';
import { sql } from 'drizzle-orm';
import { findAreaAccessFacts } from '../area-access/area-access.repository.js';
import { governancePolicy } from '../policy.js';

/**
 * Staff reads other services need (notification recipients, assignment suggestions):
 * resourcing owns `resourcing.staff` and its allocations, so these are the only SQL over them
 * outside this service's own modules. Active staff only.
 */
export interface AreaStaffMember {
  staffId: string;
  organisationCode: string;
  subject: string;
  displayName: string;
  email: string | null;
  /** FTE allocated to the area, as text (numeric). */
  fte: string;
  /** The person's languages and the languages they serve in in this area. */
  languages: string[];
  competences: string[];
}

interface AreaStaffRow extends Record<string, unknown> {
  staff_id: string;
  organisation_code: string;
  subject: string;
  display_name: string;
  email: string | null;
  fte: string;
  languages: string[];
  competences: string[];
}

const textArray = (values: readonly string[]) => `{${values.join(',')}}`;

/**
 * Active staff of `organisationCodes` allocated to a cooperation area, optionally only those
 * holding `role`, ordered by organisation and subject.
 */
export async function listAreaStaff(
  db: Queryable,
  cooperationAreaId: string,
  filter: { organisationCodes: readonly string[]; role?: 'coordinator' | 'admin' | 'caseworker' },
): Promise<AreaStaffMember[]> {
  if (!filter.organisationCodes.length) return [];
  const result = await db.execute<AreaStaffRow>(sql`
    SELECT s.id AS staff_id, s.organisation_code, s.subject, s.display_name, s.email, sa.fte::text AS fte,
           ARRAY(SELECT DISTINCT unnest(s.languages || sa.languages) ORDER BY 1) AS languages,
           sa.competences
      FROM resourcing.staff_allocations sa
      JOIN resourcing.staff s ON s.id = sa.staff_id
     WHERE sa.cooperation_area_id = ${cooperationAreaId}
       AND s.organisation_code = ANY (${textArray(filter.organisationCodes)}::text[])
       AND s.active
       AND (${filter.role ?? null}::text IS NULL OR ${filter.role ?? null}::text = ANY (s.roles))
     ORDER BY s.organisation_code, s.subject`);
  return result.rows.map((r) => ({
    staffId: r.staff_id,
    organisationCode: r.organisation_code,
    subject: r.subject,
    displayName: r.display_name,
    email: r.email,
    fte: r.fte,
    languages: r.languages,
    competences: r.competences,
  }));
}

export interface OrganisationStaffMember {
  staffId: string;
  organisationCode: string;
  subject: string;
  email: string | null;
}

/** Active staff of the organisations holding `role` (e.g. administrators, coordinators). */
export async function listOrganisationStaffWithRole(
  db: Queryable,
  organisationCodes: readonly string[],
  role: 'coordinator' | 'admin' | 'caseworker',
): Promise<OrganisationStaffMember[]> {
  if (!organisationCodes.length) return [];
  const result = await db.execute<{
    id: string;
    organisation_code: string;
    subject: string;
    email: string | null;
  }>(sql`
    SELECT s.id, s.organisation_code, s.subject, s.email
      FROM resourcing.staff s
     WHERE s.organisation_code = ANY (${textArray(organisationCodes)}::text[])
       AND s.active AND ${role} = ANY (s.roles)
     ORDER BY s.organisation_code, s.subject`);
  return result.rows.map((r) => ({
    staffId: r.id,
    organisationCode: r.organisation_code,
    subject: r.subject,
    email: r.email,
  }));
}

/**
 * Whether the caller may rank `organisationCode`'s staff for a case of the area
 * (resourcing's governance policy: a coordinator or admin of a party of the area, for their
 * own organisation). The referrals service asks before it reads the case.
 */
export async function maySuggestAssignments(
  db: Queryable,
  principal: Pick<Principal, 'org' | 'sub' | 'roles'>,
  cooperationAreaId: string,
  organisationCode: string,
): Promise<boolean> {
  const access = await findAreaAccessFacts(db, cooperationAreaId, principal.org, principal.sub);
  return governancePolicy.suggestAssignments(principal, access, organisationCode);
}

/** A caller's directory facts: their active staff record and the areas they are allocated to. */
export interface CallerDirectoryFacts {
  /** The active staff record's id; null without one (or when it is not active). */
  staffId: string | null;
  /** Cooperation areas the active staff member is allocated to, by area code. */
  areaIds: string[];
}

/**
 * The staff record of `organisation`/`subject` and its allocations in one statement (one
 * round trip per request instead of two: issue 14). An inactive record has no areas.
 */
export async function findCallerDirectoryFacts(
  db: Queryable,
  organisationCode: string,
  subject: string,
): Promise<CallerDirectoryFacts> {
  const result = await db.execute<{ id: string; area_ids: string[] }>(sql`
    SELECT s.id,
           coalesce(array_agg(a.cooperation_area_id::text ORDER BY ca.code)
                      FILTER (WHERE a.cooperation_area_id IS NOT NULL), '{}') AS area_ids
      FROM resourcing.staff s
      LEFT JOIN resourcing.staff_allocations a ON a.staff_id = s.id
      LEFT JOIN resourcing.cooperation_areas ca ON ca.id = a.cooperation_area_id
     WHERE s.organisation_code = ${organisationCode} AND s.subject = ${subject} AND s.active
     GROUP BY s.id`);
  const row = result.rows[0];
  return row ? { staffId: row.id, areaIds: row.area_ids } : { staffId: null, areaIds: [] };
}
