import type { PartyRole, Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';
import { findAreaParties } from '../directory.js';
import { missingTeamParties } from './case-rules.js';

/** Whether a case's team holds all three parties (381/2023 §4), for the case view and caseload. */
export interface TeamCompleteness {
  teamComplete: boolean;
  /** The roles with nobody on the team: employment_authority, wellbeing_county, kela. */
  missingParties: PartyRole[];
}

/**
 * The team completeness of some cases in two reads (their teams in one query, the Kela
 * organisations of each distinct area from the directory), so the caseload stays free of N+1.
 */
export async function findTeamCompleteness(
  db: Queryable,
  caseIds: readonly string[],
): Promise<Map<string, TeamCompleteness>> {
  const result = new Map<string, TeamCompleteness>();
  if (!caseIds.length) return result;
  const rows = await db.execute<{
    id: string;
    cooperation_area_id: string;
    employment_authority_code: string;
    wellbeing_county_organiser_code: string;
    team: string[];
  }>(sql`
    SELECT c.id, c.cooperation_area_id, c.employment_authority_code, c.wellbeing_county_organiser_code,
           ARRAY(SELECT DISTINCT t.organisation_code FROM referrals.case_team_members t
                  WHERE t.case_id = c.id AND t.removed_at IS NULL) AS team
      FROM referrals.cases c
     WHERE c.id = ANY(${sql.param([...caseIds])}::uuid[])`);
  return teamCompletenessOf(
    db,
    rows.rows.map((r) => ({
      id: r.id,
      cooperationAreaId: r.cooperation_area_id,
      employmentAuthorityCode: r.employment_authority_code,
      wellbeingCountyOrganiserCode: r.wellbeing_county_organiser_code,
      teamOrganisations: r.team,
    })),
  );
}

/**
 * The team completeness of cases whose teams were already read (the caseload page reads
 * them in its own statement): only the Kela organisations of each distinct area are read.
 */
export async function teamCompletenessOf(
  db: Queryable,
  cases: ReadonlyArray<{
    id: string;
    cooperationAreaId: string;
    employmentAuthorityCode: string;
    wellbeingCountyOrganiserCode: string;
    teamOrganisations: string[];
  }>,
): Promise<Map<string, TeamCompleteness>> {
  const result = new Map<string, TeamCompleteness>();
  const kelaByArea = new Map<string, string[]>();
  for (const areaId of new Set(cases.map((c) => c.cooperationAreaId))) {
    const parties = await findAreaParties(db, areaId);
    kelaByArea.set(
      areaId,
      parties.filter((p) => p.roles.includes('kela')).map((p) => p.organisationCode),
    );
  }
  for (const c of cases) {
    const missing = missingTeamParties(
      {
        employmentAuthorityCode: c.employmentAuthorityCode,
        wellbeingCountyOrganiserCode: c.wellbeingCountyOrganiserCode,
      },
      kelaByArea.get(c.cooperationAreaId) ?? [],
      c.teamOrganisations,
    );
    result.set(c.id, { teamComplete: missing.length === 0, missingParties: missing });
  }
  return result;
}
