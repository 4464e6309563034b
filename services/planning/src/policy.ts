import type { Role } from '@tym/platform';

/**
 * Who may see and do what in the planning service — decided only here, as pure functions of
 * facts read from the database (architecture.md, Auth). What a caller may not see is
 * answered 404 by the services, never 403.
 *
 * The case rules are those of services/referrals' policy module (`caseAccess`): planning
 * content is client data, so it follows the case. `caseAccess` here mirrors that module's
 * rule; once every service reads the client's parties the same way it should be replaced by
 * the import.
 *
 * - Only the client's parties (`clientPartyCodes`) see anything of the client: the
 *   employment authority and the HVA organiser of the home municipality, and Kela. Another
 *   employment authority of the same cooperation area is not a party and gets 404 like
 *   anyone else, whatever its staff's allocations, invitations or team places.
 * - Personal access right (381/2023 §12(4)): only caseworkers and coordinators with an active
 *   staff record touch client data.
 * - Full access: the parties' staff on the case team, and their coordinators allocated to the
 *   case's area.
 * - Partners (systems of a party) see ids, numbers and dates only: the plan's version list.
 * - A party's staff member invited to a meeting sees that meeting and answers for themself.
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
  /** The client's parties (`clientPartyCodes`). */
  clientPartyCodes: readonly string[];
  callerOnTeam: boolean;
}

/** A party of the case's cooperation area, with its roles there (Helsinki holds two). */
export interface AreaParty {
  organisationCode: string;
  roles: readonly string[];
}

/**
 * The client's three parties (381/2023, domain.md §1): the rule is services/referrals'
 * (`clientPartyCodes`), the one place it is written.
 */
export { clientPartyCodes } from '@tym/referrals';

export type CaseAccess = 'full' | 'ids' | 'none';

const has = (c: CallerFacts, ...roles: Role[]) => roles.some((r) => c.roles.includes(r));

export function isCaseStaff(c: CallerFacts): boolean {
  return has(c, 'caseworker', 'coordinator') && c.staffId !== null;
}

export function caseAccess(c: CallerFacts, k: CaseFacts): CaseAccess {
  if (!k.clientPartyCodes.includes(c.org)) return 'none';
  if (isCaseStaff(c) && k.callerOnTeam) return 'full';
  if (
    isCaseStaff(c) &&
    has(c, 'coordinator') &&
    k.cooperationAreaId &&
    c.areaIds.includes(k.cooperationAreaId)
  )
    return 'full';
  if (has(c, 'partner')) return 'ids';
  return 'none';
}

/**
 * Case staff with full access see every meeting of the case; an invited staff member of one
 * of the client's parties sees theirs.
 */
export function seesMeeting(
  c: CallerFacts,
  access: CaseAccess,
  invited: boolean,
  k: Pick<CaseFacts, 'clientPartyCodes'>,
): boolean {
  return access === 'full' || (isCaseStaff(c) && invited && k.clientPartyCodes.includes(c.org));
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
