import type { Role } from '@tym/platform';

/**
 * Who may see and do what in the planning service — decided only here, as pure functions of
 * facts read from the database (architecture.md, Auth). What a caller may not see is
 * answered 404 by the services, never 403.
 *
 * The case rules are those of services/referrals' policy module (`caseAccess`): planning
 * content is client data, so it follows the case. That module is not exported from
 * @tym/referrals yet; `caseAccess` here mirrors it line for line and should be replaced by
 * the import once referrals exports it.
 *
 * - Personal access right (381/2023 §12(4)): only caseworkers and coordinators with an active
 *   staff record touch client data.
 * - Full access: staff on the case team, and coordinators allocated to the case's area.
 * - Partners (systems of a party) see ids, numbers and dates only: the plan's version list.
 * - A staff member invited to a meeting sees that meeting and answers for themself.
 * - A party approves the plan only for its own organisation; the client's approval is
 *   recorded by case staff together with the method.
 * - Only the owner organisation of a plan action changes its status.
 * - Admins and auditors see nothing here.
 */
export interface CallerFacts {
  org: string;
  sub: string;
  roles: readonly Role[];
  /** Active staff record in the directory; null without one. */
  staffId: string | null;
  areaIds: readonly string[];
}

export interface CaseFacts {
  cooperationAreaId: string;
  partyOrganisationCodes: readonly string[];
  callerOnTeam: boolean;
}

export type CaseAccess = 'full' | 'ids' | 'none';

const has = (c: CallerFacts, ...roles: Role[]) => roles.some((r) => c.roles.includes(r));

export function isCaseStaff(c: CallerFacts): boolean {
  return has(c, 'caseworker', 'coordinator') && c.staffId !== null;
}

export function caseAccess(c: CallerFacts, k: CaseFacts): CaseAccess {
  if (isCaseStaff(c) && k.callerOnTeam) return 'full';
  if (
    isCaseStaff(c) &&
    has(c, 'coordinator') &&
    k.cooperationAreaId &&
    c.areaIds.includes(k.cooperationAreaId)
  )
    return 'full';
  if (has(c, 'partner') && k.partyOrganisationCodes.includes(c.org)) return 'ids';
  return 'none';
}

/** Case staff with full access see every meeting of the case; an invited staff member sees theirs. */
export function seesMeeting(c: CallerFacts, access: CaseAccess, invited: boolean): boolean {
  return access === 'full' || (isCaseStaff(c) && invited);
}

/** Scheduling, rescheduling, cancelling, attendance, minutes: case staff with full access. */
export function canManageMeeting(access: CaseAccess): boolean {
  return access === 'full';
}

/**
 * A staff participant answers for themself; the answers of the client and guests (who have
 * no accounts) are recorded by case staff.
 */
export function canRecordResponse(
  c: CallerFacts,
  access: CaseAccess,
  participant: { kind: string; organisationCode: string | null; subject: string | null },
): boolean {
  if (participant.kind === 'staff')
    return participant.organisationCode === c.org && participant.subject === c.sub;
  return access === 'full';
}

/** The client's approval is recorded by case staff; an organisation approves for itself only. */
export function canRecordApproval(c: CallerFacts, access: CaseAccess, approver: string): boolean {
  if (access !== 'full') return false;
  return approver === 'client' || approver === c.org;
}

export function canUpdateActionStatus(c: CallerFacts, ownerOrganisationCode: string): boolean {
  return c.org === ownerOrganisationCode;
}

/** "My calendar" is for case staff. */
export function canReadCalendar(c: CallerFacts): boolean {
  return isCaseStaff(c);
}

export function hasCaseworkRole(c: CallerFacts): boolean {
  return has(c, 'caseworker', 'coordinator');
}
