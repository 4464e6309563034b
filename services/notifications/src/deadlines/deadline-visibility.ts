import { deadlines, type Queryable } from '@tym/db';
import { hasRole, type Principal } from '@tym/platform';
import {
  clientPartyCaseIdsSql,
  clientPartyReferralIdsSql,
  findCase,
  isClientParty,
  isOnCaseTeam,
  teamCaseIdsSql,
} from '@tym/referrals';
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
 * The scope as a `where` condition on platform.deadlines. Which cases and referrals have the
 * caller's organisation among the client's parties, and which cases the caller's team holds,
 * are services/referrals' subqueries (`clientPartyCaseIdsSql`, `clientPartyReferralIdsSql`,
 * `teamCaseIdsSql`): the rule and the tables stay with their owner.
 */
export function deadlineScopeCondition(scope: DeadlineScope): SQL {
  const parts: SQL[] = [];
  const party = sql`(${deadlines.caseId} IN ${clientPartyCaseIdsSql(scope.org)}
    OR (${deadlines.caseId} IS NULL AND ${deadlines.subjectType} = 'referral'
        AND ${deadlines.subjectId} IN ${clientPartyReferralIdsSql(scope.org)}))`;
  if (scope.staffId && (scope.caseworker || scope.coordinator)) {
    parts.push(sql`${deadlines.caseId} IN ${teamCaseIdsSql(scope.org, scope.sub)} AND ${party}`);
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
