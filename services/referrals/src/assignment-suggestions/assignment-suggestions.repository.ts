import type { ClientSpecialArrangements, Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

/** The case and the client facts that suggestions rank by (this service's own tables). */
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

export interface TeamHistoryRow {
  staff_id: string;
  /** Open cases of the area on whose team the person is now. */
  caseload: number;
  /** Team memberships with this client in other cases, or earlier in this one. */
  earlier_memberships: number;
  on_team: boolean;
}

/** Caseload, history with the client and current membership of each of `staffIds`. */
export async function findTeamHistory(
  db: Queryable,
  staffIds: readonly string[],
  facts: Pick<CaseFactsRow, 'case_id' | 'client_id' | 'cooperation_area_id'>,
): Promise<Map<string, TeamHistoryRow>> {
  if (!staffIds.length) return new Map();
  const result = await db.execute<TeamHistoryRow & Record<string, unknown>>(sql`
    SELECT s.staff_id,
           (SELECT count(DISTINCT m.case_id)::int
              FROM referrals.case_team_members m
              JOIN referrals.cases c ON c.id = m.case_id
             WHERE m.staff_id = s.staff_id AND m.removed_at IS NULL
               AND c.cooperation_area_id = ${facts.cooperation_area_id} AND c.status <> 'ended') AS caseload,
           (SELECT count(*)::int
              FROM referrals.case_team_members m
              JOIN referrals.cases c ON c.id = m.case_id
             WHERE m.staff_id = s.staff_id AND c.client_id = ${facts.client_id}
               AND (c.id <> ${facts.case_id} OR m.removed_at IS NOT NULL)) AS earlier_memberships,
           EXISTS (SELECT 1 FROM referrals.case_team_members m
                    WHERE m.case_id = ${facts.case_id} AND m.staff_id = s.staff_id
                      AND m.removed_at IS NULL) AS on_team
      FROM unnest(${`{${staffIds.join(',')}}`}::uuid[]) AS s(staff_id)`);
  return new Map(result.rows.map((r) => [r.staff_id, r]));
}
