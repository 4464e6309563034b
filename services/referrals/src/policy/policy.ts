import type { Role } from '@tym/platform';

/**
 * Who may see and do what in the referrals service — decided only here, as pure functions
 * of facts the services read from the database (architecture.md, Auth). Token roles say
 * what kind of user calls; which areas and cases they see comes from staff allocations and
 * case teams.
 *
 * - Personal access right (381/2023 §12(4)): only staff with an active record in the
 *   directory (`staffId`) touch client data, whatever their token says.
 * - Caseworkers see the referral inbox of the cooperation areas they are allocated to, the
 *   referrals they made, and the cases whose team they are on.
 * - Coordinators see every referral and case of the areas they are allocated to, and the
 *   referrals of their own organisation.
 * - Partners (systems) see ids and statuses of cases whose parties include their
 *   organisation; nothing else.
 * - Auditors read access logs only: of clients with a referral or case their organisation
 *   is a party of.
 * - Admins manage the directory (services/resourcing), not clients: nothing here.
 * - The identity code is shown in full only to callers on one of the client's case teams.
 *
 * What a caller may not see is answered 404 by the services, never 403.
 */
export interface CallerFacts {
  org: string;
  sub: string;
  roles: readonly Role[];
  /** The caller's active staff record in the directory; null without one. */
  staffId: string | null;
  /** Cooperation areas the caller is allocated to. */
  areaIds: readonly string[];
}

export interface ReferralFacts {
  cooperationAreaId: string;
  referringOrganisationCode: string;
  referredBySub: string;
}

export interface CaseFacts {
  cooperationAreaId: string;
  partyOrganisationCodes: readonly string[];
  /** The caller is on the case's current team. */
  callerOnTeam: boolean;
}

export type CaseAccess = 'full' | 'ids' | 'none';
export type ClientAccess = 'full' | 'masked' | 'none';

const has = (c: CallerFacts, ...roles: Role[]) => roles.some((r) => c.roles.includes(r));

/** Casework roles with a personal access right. */
export function isCaseStaff(c: CallerFacts): boolean {
  return has(c, 'caseworker', 'coordinator') && c.staffId !== null;
}

/** Casework roles in the token, whether or not the person is in the directory. */
export function hasCaseworkRole(c: CallerFacts): boolean {
  return has(c, 'caseworker', 'coordinator');
}

export function isReferrer(c: CallerFacts, r: ReferralFacts): boolean {
  return (
    isCaseStaff(c) &&
    r.referringOrganisationCode === c.org &&
    (r.referredBySub === c.sub || has(c, 'coordinator'))
  );
}

export function seesReferral(c: CallerFacts, r: ReferralFacts): boolean {
  return isCaseStaff(c) && (c.areaIds.includes(r.cooperationAreaId) || isReferrer(c, r));
}

/** Accepting or declining: staff allocated to the area the referral was routed to. */
export function canDecideReferral(c: CallerFacts, r: ReferralFacts): boolean {
  return isCaseStaff(c) && c.areaIds.includes(r.cooperationAreaId);
}

/** Withdrawing: the person who referred, or a coordinator of the referring organisation. */
export function canWithdrawReferral(c: CallerFacts, r: ReferralFacts): boolean {
  return isReferrer(c, r);
}

/** What the referral inbox of a caller contains, as filters the repository applies. */
export interface ReferralListScope {
  areaIds: readonly string[];
  referrer: { organisationCode: string; sub: string | null };
}

export function referralListScope(c: CallerFacts): ReferralListScope | null {
  if (!isCaseStaff(c)) return null;
  return {
    areaIds: c.areaIds,
    referrer: { organisationCode: c.org, sub: has(c, 'coordinator') ? null : c.sub },
  };
}

export function caseAccess(c: CallerFacts, k: CaseFacts): CaseAccess {
  if (isCaseStaff(c) && k.callerOnTeam) return 'full';
  if (isCaseStaff(c) && has(c, 'coordinator') && c.areaIds.includes(k.cooperationAreaId)) return 'full';
  if (has(c, 'partner') && k.partyOrganisationCodes.includes(c.org)) return 'ids';
  return 'none';
}

/** Which cases a caseload query may return, as filters the repository ORs together. */
export interface CaseListScope {
  /** Cases whose current team includes this person. */
  team: { organisationCode: string; sub: string } | null;
  /** Every case of these areas (coordinators). */
  areaIds: readonly string[];
  /** Ids and statuses of cases whose parties include this organisation (partners). */
  partyOrganisationCode: string | null;
}

export function caseListScope(c: CallerFacts): CaseListScope | null {
  const staff = isCaseStaff(c);
  const scope: CaseListScope = {
    team: staff ? { organisationCode: c.org, sub: c.sub } : null,
    areaIds: staff && has(c, 'coordinator') ? c.areaIds : [],
    partyOrganisationCode: has(c, 'partner') ? c.org : null,
  };
  return scope.team || scope.areaIds.length || scope.partyOrganisationCode ? scope : null;
}

/** An ending is confirmed on behalf of the caller's organisation, if it is a required party. */
export function canConfirmEnding(c: CallerFacts, requiredOrganisationCodes: readonly string[]): boolean {
  return requiredOrganisationCodes.includes(c.org);
}

/**
 * The employment authority and the HVA explain the client's duties (381/2023 §7(3)); staff
 * of those two organisations record it.
 */
export function canRecordDutiesExplained(
  c: CallerFacts,
  k: { employmentAuthorityCode: string; wellbeingCountyOrganiserCode: string },
): boolean {
  return c.org === k.employmentAuthorityCode || c.org === k.wellbeingCountyOrganiserCode;
}

export interface ClientFacts {
  /** The caller is on the current team of one of the client's cases. */
  onTeam: boolean;
  /** The client has a referral the caller sees (inbox of an allocated area, or their own). */
  hasVisibleReferral: boolean;
  /** The client has a case in an area the caller is allocated to. */
  hasCaseInCallerAreas: boolean;
}

export function clientAccess(c: CallerFacts, f: ClientFacts): ClientAccess {
  if (!isCaseStaff(c)) return 'none';
  if (f.onTeam) return 'full';
  if (f.hasVisibleReferral) return 'masked';
  if (has(c, 'coordinator') && f.hasCaseInCallerAreas) return 'masked';
  return 'none';
}

/**
 * Auditors answer data-subject requests (381/2023 §13): the access log of clients with a
 * referral or case their organisation is a party of.
 */
export function canReadAccessLog(c: CallerFacts, f: { organisationInvolved: boolean }): boolean {
  return has(c, 'auditor') && f.organisationInvolved;
}

export function canSearchClients(c: CallerFacts): boolean {
  return hasCaseworkRole(c);
}
