import type { Queryable } from '@tym/db';
import { endOfDayInHelsinki } from '@tym/domain';
import { type SQL, sql } from 'drizzle-orm';

export interface UtilisationPersonRow {
  staffId: string;
  displayName: string;
  /** FTE allocated to the area, as text (NUMERIC). */
  fte: string;
  /** Open cases on whose team the person is. */
  caseload: number;
  /** Open cases where the person is the responsible member. */
  responsibleCases: number;
}

export interface UtilisationPartyRow {
  organisation_code: string;
  roles: string[];
  agreement_id: string | null;
  agreement_version: number | null;
  target_caseload_per_fte: string | null;
  committed_fte: string;
  committed_headcount: number;
  allocated_fte: string;
  allocated_headcount: number;
  active_cases: number;
  people: UtilisationPersonRow[];
}

/**
 * The utilisation report of one cooperation area on one day, in ONE statement (a report may
 * read across schemas, architecture.md, Data): per party the FTE committed in the agreement
 * in force, the FTE allocated, the open cases where the party has a responsible person on the
 * team, and per person the FTE and caseload.
 *
 * - A case is open on `on` when its assessment had started and it had not ended
 *   (381/2023 §4, §8); a team member counts from `added_at` until `removed_at`, compared with
 *   the end of the day in Helsinki (`cutoff`).
 * - `team` is scanned once (MATERIALIZED) and aggregated twice, per person and per party, by
 *   hashing (no DISTINCT aggregate, which would sort): a person is on a case's team once at a
 *   time, so `count(*)` is their caseload; a party's cases are the distinct (party, case)
 *   pairs with a responsible member, as one party may have two responsible persons.
 */
/**
 * `people: false` (the situational picture) leaves out the per-person caseloads (`people` is
 * then `[]`): the parties' figures are the same, without a JSON object per staff member.
 */
export function utilisationQuery(
  areaId: string,
  on: string,
  cutoff: Date,
  options: { people?: boolean } = {},
): SQL {
  const withPeople = options.people ?? true;
  return sql`
    WITH agreement AS (
      SELECT a.id, a.current_version AS version, v.target_caseload_per_fte
        FROM resourcing.agreements a
        JOIN resourcing.agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version
       WHERE a.cooperation_area_id = ${areaId}
         AND a.approved_version = a.current_version
         AND a.valid_from <= ${on}::date AND (a.valid_to IS NULL OR a.valid_to >= ${on}::date)
       ORDER BY a.valid_from DESC
       LIMIT 1
    ),
    parties AS (
      SELECT organisation_code, array_agg(role::text ORDER BY role) AS roles
        FROM resourcing.cooperation_area_parties
       WHERE cooperation_area_id = ${areaId}
       GROUP BY organisation_code
    ),
    committed AS (
      SELECT c.organisation_code, sum(c.fte) AS fte, sum(c.headcount)::int AS headcount
        FROM resourcing.agreement_commitments c
        JOIN agreement ag ON ag.id = c.agreement_id AND ag.version = c.version
       GROUP BY c.organisation_code
    ),
    allocated AS MATERIALIZED (
      SELECT s.id AS staff_id, s.organisation_code, sa.fte
        FROM resourcing.staff_allocations sa
        JOIN resourcing.staff s ON s.id = sa.staff_id
       WHERE sa.cooperation_area_id = ${areaId} AND s.active
    ),
    team AS MATERIALIZED (
      SELECT m.case_id, m.staff_id, m.organisation_code, m.role
        FROM referrals.cases c
        JOIN referrals.case_team_members m ON m.case_id = c.id
       WHERE c.cooperation_area_id = ${areaId}
         AND c.assessment_started_on <= ${on}::date
         AND (c.ended_on IS NULL OR c.ended_on > ${on}::date)
         AND m.added_at < ${cutoff}
         AND (m.removed_at IS NULL OR m.removed_at >= ${cutoff})
    ),
${
  withPeople
    ? sql`    load AS (
      SELECT staff_id, min(organisation_code) AS organisation_code,
             count(*)::int AS caseload,
             (count(*) FILTER (WHERE role = 'responsible'))::int AS responsible
        FROM team
       GROUP BY staff_id
    ),`
    : sql``
}
    party_cases AS (
      SELECT organisation_code, count(*)::int AS active_cases
        FROM (SELECT DISTINCT organisation_code, case_id FROM team WHERE role = 'responsible') AS r
       GROUP BY organisation_code
    ),
${
  withPeople
    ? sql`    people AS (
      SELECT coalesce(a.organisation_code, l.organisation_code) AS organisation_code,
             jsonb_agg(
               jsonb_build_object(
                 'staffId', s.id,
                 'displayName', s.display_name,
                 'fte', coalesce(a.fte, 0)::text,
                 'caseload', coalesce(l.caseload, 0),
                 'responsibleCases', coalesce(l.responsible, 0)
               ) ORDER BY s.display_name, s.id
             ) AS people
        FROM allocated a
        FULL JOIN load l ON l.staff_id = a.staff_id
        JOIN resourcing.staff s ON s.id = coalesce(a.staff_id, l.staff_id)
       GROUP BY 1
    ),`
    : sql``
}
    allocated_by_party AS (
      SELECT organisation_code, sum(fte) AS fte, count(*)::int AS headcount
        FROM allocated
       GROUP BY organisation_code
    )
    SELECT p.organisation_code, p.roles,
           (SELECT id FROM agreement) AS agreement_id,
           (SELECT version FROM agreement) AS agreement_version,
           (SELECT target_caseload_per_fte::text FROM agreement) AS target_caseload_per_fte,
           coalesce(cm.fte, 0)::text AS committed_fte,
           coalesce(cm.headcount, 0) AS committed_headcount,
           coalesce(ab.fte, 0)::text AS allocated_fte,
           coalesce(ab.headcount, 0) AS allocated_headcount,
           coalesce(pc.active_cases, 0) AS active_cases,
           ${withPeople ? sql`coalesce(pp.people, '[]'::jsonb)` : sql`'[]'::jsonb`} AS people
      FROM parties p
      LEFT JOIN committed cm ON cm.organisation_code = p.organisation_code
      LEFT JOIN allocated_by_party ab ON ab.organisation_code = p.organisation_code
      LEFT JOIN party_cases pc ON pc.organisation_code = p.organisation_code
      ${withPeople ? sql`LEFT JOIN people pp ON pp.organisation_code = p.organisation_code` : sql``}
     ORDER BY p.organisation_code`;
}

export async function findUtilisationRows(
  db: Queryable,
  areaId: string,
  on: string,
  cutoff: Date,
  options: { people?: boolean } = {},
): Promise<UtilisationPartyRow[]> {
  const result = await db.execute<UtilisationPartyRow & Record<string, unknown>>(
    utilisationQuery(areaId, on, cutoff, options),
  );
  return result.rows;
}

/** The same statement for a day alone: the end of the day in Helsinki is the team cut-off. */
export async function findUtilisationRowsOn(
  db: Queryable,
  areaId: string,
  on: string,
): Promise<UtilisationPartyRow[]> {
  return findUtilisationRows(db, areaId, on, endOfDayInHelsinki(on));
}
