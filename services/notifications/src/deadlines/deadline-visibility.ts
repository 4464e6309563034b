import { deadlines, type Queryable } from '@tym/db';
import { hasRole, type Principal } from '@tym/platform';
import { findCase, isClientParty, isOnCaseTeam } from '@tym/referrals';
import { findStaffBySubject, listStaffAllocations } from '@tym/resourcing';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Who sees which deadlines — like cases (services/referrals/src/policy): only staff of the
 * client's parties (domain.md §1: the employment authority and the HVA organiser of the
 * client's home municipality, and Kela; another employment authority of the same cooperation
 * area is not a party); of those, caseworkers the deadlines of cases whose team they are on,
 * coordinators those too and every such deadline of the cooperation areas they are allocated
 * to. Admins see the deadlines without a case or client (agreement staffing reviews,
 * management group terms — not a referral's response deadline) of which their organisation
 * is a party. Only staff with an active record in the directory see case deadlines (personal
 * access right, 381/2023 §12(4)). Everything else does not exist for the caller (404).
 */
export interface DeadlineScope {
  staffId: string | null;
  areaIds: string[];
  caseworker: boolean;
  coordinator: boolean;
  admin: boolean;
  org: string;
  sub: string;
}

export async function deadlineScopeOf(db: Queryable, p: Principal): Promise<DeadlineScope> {
  const staff = await findStaffBySubject(db, p.org, p.sub);
  const active = staff?.active ? staff : null;
  const areaIds =
    active && hasRole(p, 'coordinator')
      ? (await listStaffAllocations(db, active.id)).map((a) => a.cooperationAreaId)
      : [];
  return {
    staffId: active?.id ?? null,
    areaIds,
    caseworker: hasRole(p, 'caseworker'),
    coordinator: hasRole(p, 'coordinator'),
    admin: hasRole(p, 'admin'),
    org: p.org,
    sub: p.sub,
  };
}

/**
 * The scope as a `where` condition on platform.deadlines.
 *
 * TEMPORARY cross-schema read: services/referrals exports `isOnCaseTeam` for one case but
 * no list of a person's team cases; `listTeamCaseIds(db, org, sub)` is asked for. Until
 * then this subquery on referrals.case_team_members (served by its member index) is the
 * only place this service reads referrals' tables.
 */
export function deadlineScopeCondition(scope: DeadlineScope): SQL {
  const parts: SQL[] = [];
  // The caller's organisation is one of the client's parties (`isClientParty`) of the case,
  // or of the referral for a referral's deadline. TEMPORARY cross-schema read as below, of
  // the routing kept on the case or referral and of the Kela role in its area.
  const isParty = (alias: 'c' | 'r') => sql`(${scope.org} IN (${sql.raw(alias)}.employment_authority_code,
      ${sql.raw(alias)}.wellbeing_county_organiser_code)
      OR EXISTS (SELECT 1 FROM resourcing.cooperation_area_parties p
                  WHERE p.cooperation_area_id = ${sql.raw(alias)}.cooperation_area_id
                    AND p.organisation_code = ${scope.org} AND p.role = 'kela'))`;
  const party = sql`(${deadlines.caseId} IN (SELECT c.id FROM referrals.cases c WHERE ${isParty('c')})
    OR (${deadlines.caseId} IS NULL AND ${deadlines.subjectType} = 'referral' AND ${deadlines.subjectId} IN
        (SELECT r.id::text FROM referrals.referrals r WHERE ${isParty('r')})))`;
  if (scope.staffId && (scope.caseworker || scope.coordinator)) {
    parts.push(sql`${deadlines.caseId} IN (SELECT m.case_id FROM referrals.case_team_members m
      WHERE m.organisation_code = ${scope.org} AND m.subject = ${scope.sub} AND m.removed_at IS NULL)
      AND ${party}`);
  }
  if (scope.staffId && scope.coordinator && scope.areaIds.length) {
    parts.push(
      sql`(${deadlines.cooperationAreaId} = ANY (${`{${scope.areaIds.join(',')}}`}::uuid[]) AND ${party})`,
    );
  }
  if (scope.admin) {
    // Not a referral's: that deadline is about a client, and admins manage the directory.
    parts.push(
      sql`(${deadlines.caseId} IS NULL AND ${deadlines.subjectType} <> 'referral'
        AND ${deadlines.organisationCodes} @> ARRAY[${scope.org}]::text[])`,
    );
  }
  if (!parts.length) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** Whether the caller sees a case's deadlines (and may put its erasure on hold). */
export async function seesCase(db: Queryable, scope: DeadlineScope, caseId: string): Promise<boolean> {
  if (!scope.staffId || !(scope.caseworker || scope.coordinator)) return false;
  const kase = await findCase(db, caseId);
  if (!kase || !isClientParty(scope.org, kase)) return false;
  if (scope.coordinator && scope.areaIds.includes(kase.cooperationAreaId)) return true;
  return isOnCaseTeam(db, caseId, scope.org, scope.sub);
}
