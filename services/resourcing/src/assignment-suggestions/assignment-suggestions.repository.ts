import type { ClientSpecialArrangements, Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

/**
 * Reads across the referrals schema. The referrals service owns cases, teams and clients, and
 * its exported query functions (`findCase`, `findCaseTeam`) carry no client language, special
 * arrangements or team history; importing it would also make a package cycle
 * (@tym/referrals depends on @tym/resourcing). Until referrals exports such a read (see the
 * README), the read is here, and every call writes an access-log row in the same
 * transaction (`insertClientAccessLogRow`), so no client data is read unlogged.
 */
export interface CaseFactsRow {
  case_id: string;
  client_id: string;
  cooperation_area_id: string;
  status: string;
  party_organisation_codes: string[];
  preferred_language: string;
  special_arrangements: ClientSpecialArrangements;
}

export async function findCaseFacts(db: Queryable, caseId: string): Promise<CaseFactsRow | null> {
  const result = await db.execute<CaseFactsRow & Record<string, unknown>>(sql`
    SELECT c.id AS case_id, c.client_id, c.cooperation_area_id, c.status, c.party_organisation_codes,
           cl.preferred_language, cl.special_arrangements
      FROM referrals.cases c
      JOIN referrals.clients cl ON cl.id = c.client_id
     WHERE c.id = ${caseId}`);
  return result.rows[0] ?? null;
}

export interface CandidateRow {
  staff_id: string;
  display_name: string;
  fte: string;
  languages: string[];
  competences: string[];
  /** Open cases of the area on whose team the person is now. */
  caseload: number;
  /** Team memberships with this client in other cases, or earlier in this one. */
  earlier_memberships: number;
  on_team: boolean;
}

/** The organisation's active staff allocated to the case's area, with caseload and history. */
export async function findCandidates(
  db: Queryable,
  organisationCode: string,
  facts: Pick<CaseFactsRow, 'case_id' | 'client_id' | 'cooperation_area_id'>,
): Promise<CandidateRow[]> {
  const result = await db.execute<CandidateRow & Record<string, unknown>>(sql`
    SELECT s.id AS staff_id, s.display_name, sa.fte::text AS fte,
           ARRAY(SELECT DISTINCT unnest(s.languages || sa.languages) ORDER BY 1) AS languages,
           sa.competences,
           (SELECT count(DISTINCT m.case_id)::int
              FROM referrals.case_team_members m
              JOIN referrals.cases c ON c.id = m.case_id
             WHERE m.staff_id = s.id AND m.removed_at IS NULL
               AND c.cooperation_area_id = ${facts.cooperation_area_id} AND c.status <> 'ended') AS caseload,
           (SELECT count(*)::int
              FROM referrals.case_team_members m
              JOIN referrals.cases c ON c.id = m.case_id
             WHERE m.staff_id = s.id AND c.client_id = ${facts.client_id}
               AND (c.id <> ${facts.case_id} OR m.removed_at IS NOT NULL)) AS earlier_memberships,
           EXISTS (SELECT 1 FROM referrals.case_team_members m
                    WHERE m.case_id = ${facts.case_id} AND m.staff_id = s.id AND m.removed_at IS NULL) AS on_team
      FROM resourcing.staff_allocations sa
      JOIN resourcing.staff s ON s.id = sa.staff_id
     WHERE sa.cooperation_area_id = ${facts.cooperation_area_id}
       AND s.organisation_code = ${organisationCode}
       AND s.active`);
  return result.rows;
}

/**
 * One access-log row (906/2019 §17) in the referrals service's append-only log, with the
 * columns its own `logAccess` writes. A stopgap until referrals exports a writer (README).
 */
export async function insertClientAccessLogRow(
  db: Queryable,
  row: {
    occurredAt: Date;
    requestId: string;
    actorSub: string;
    actorOrganisation: string;
    actorRoles: string[];
    action: string;
    resourceType: string;
    resourceId: string;
    clientId: string;
    purpose: string;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO referrals.access_log
           (occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action, resource_type,
            resource_id, client_id, purpose)
    VALUES (${row.occurredAt}, ${row.requestId}, ${row.actorSub}, ${row.actorOrganisation},
            ${`{${[...row.actorRoles].sort().join(',')}}`}::text[], ${row.action}, ${row.resourceType},
            ${row.resourceId}, ${row.clientId}, ${row.purpose})`);
}
