import type { Role } from '@tym/platform';

/**
 * Who may see and do what in the referrals service — decided only here, as pure functions
 * of facts the services read from the database (architecture.md, Auth). Token roles say
 * what kind of user calls; which areas and cases they see comes from staff allocations and
 * case teams.
 *
 * - Personal access right (381/2023 §12(4)): only staff with an active record in the
 *   directory (`staffId`) touch client data, whatever their token says.
 * - A client's parties are exactly three (`clientPartyCodes`): the employment authority and
 *   the HVA organiser of the home municipality, and Kela. Another employment authority of
 *   the same cooperation area is not a party and sees nothing of the client.
 * - Caseworkers of a party see the referral inbox of the cooperation areas they are
 *   allocated to, the referrals they made, and the cases whose team they are on.
 * - Coordinators of a party see every referral and case of the client's parties in the
 *   areas they are allocated to, and the referrals of their own organisation.
 * - A referrer who is not a party sees their referral as they sent it, nothing of the client.
 * - Partners (systems) see ids and statuses of cases their organisation is a party of;
 *   nothing else.
 * - Auditors read access logs only: of clients their organisation is a party of.
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

/** Who serves the client: the routing of the home municipality, kept on referrals and cases. */
export interface ClientRouting {
  /** The employment authority of the client's home municipality. */
  employmentAuthorityCode: string;
  /** The organiser of social and health care (HVA role) of the home municipality. */
  wellbeingCountyOrganiserCode: string;
}

export interface ReferralFacts extends ClientRouting {
  cooperationAreaId: string;
  referringOrganisationCode: string;
  referredBySub: string;
}

export interface CaseFacts extends ClientRouting {
  cooperationAreaId: string;
  /** The caller is on the case's current team. */
  callerOnTeam: boolean;
}

export type CaseAccess = 'full' | 'ids' | 'none';
export type ClientAccess = 'full' | 'masked' | 'none';

const has = (c: CallerFacts, ...roles: Role[]) => roles.some((r) => c.roles.includes(r));

/** Kela's organisation code in the directory: one national organisation, a party in every area. */
export const KELA_ORGANISATION_CODE = 'kela';

/**
 * The parties of a client (domain.md §1): the employment authority and the organiser of
 * social and health care (HVA; Helsinki holds both roles) of the client's home municipality
 * (380/2023 §17), and Kela — the three authorities that assess, plan and end the
 * multidisciplinary support together (381/2023 §4, §5, §8) and that alone may process the
 * client's data for it (§11, §12(4)). Another employment authority of the same cooperation
 * area is not a party. Sorted, one entry per organisation.
 */
export function clientPartyCodes(k: ClientRouting): string[] {
  return [
    ...new Set([k.employmentAuthorityCode, k.wellbeingCountyOrganiserCode, KELA_ORGANISATION_CODE]),
  ].sort();
}

/** The organisation is one of the client's three parties (`clientPartyCodes`). */
export function isClientParty(org: string, k: ClientRouting): boolean {
  return clientPartyCodes(k).includes(org);
}

/**
 * Who records a review of the plan, 381/2023 §6: the employment authority is responsible for
 * reviewing the plan (it "ensures" the review); the HVA and Kela take part for their own
 * services — they attend the review meeting and change their actions through the revised
 * draft and its approvals — but the review itself, and with it the 3-month review clock, is
 * the client's own employment authority's (the case's, that of the home municipality). An
 * organisation holding both roles (Helsinki) is that authority for its clients.
 */
export function mayRecordReview(
  callerOrganisationCode: string,
  kase: { employmentAuthorityCode: string },
): boolean {
  return callerOrganisationCode === kase.employmentAuthorityCode;
}

/**
 * Accepting a referral starts the joint assessment of multidisciplinary service need and
 * the client relationship (381/2023 §4(1)): the client's employment authority or HVA starts
 * it — never Kela alone (also when Kela referred), never another employment authority.
 * Declining is the same decision, by the same two.
 */
export function mayStartAssessment(org: string, k: ClientRouting): boolean {
  return org === k.employmentAuthorityCode || org === k.wellbeingCountyOrganiserCode;
}

/**
 * Staff of one of the client's parties allocated to the cooperation area (personal access
 * right, 381/2023 §12(4)): who sees a client's referral or case there.
 */
export function isClientPartyStaff(
  c: CallerFacts,
  k: ClientRouting & { cooperationAreaId: string },
): boolean {
  return isCaseStaff(c) && isClientParty(c.org, k) && c.areaIds.includes(k.cooperationAreaId);
}

/**
 * Who may change the client record from a referral or confirm the details a referral
 * brought: staff of the client's parties allocated to the client's area. A referral from
 * anyone else never changes the record; its details wait on the referral for the parties.
 */
export function mayChangeClientDetails(
  c: CallerFacts,
  k: ClientRouting & { cooperationAreaId: string },
): boolean {
  return isClientPartyStaff(c, k);
}

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

/** The client's parties' staff allocated to the area, and the referrer. */
export function seesReferral(c: CallerFacts, r: ReferralFacts): boolean {
  return isClientPartyStaff(c, r) || isReferrer(c, r);
}

/**
 * Accepting or declining: staff of the client's employment authority or HVA allocated to
 * the area the referral was routed to (`mayStartAssessment`, 381/2023 §4).
 */
export function canDecideReferral(c: CallerFacts, r: ReferralFacts): boolean {
  return isClientPartyStaff(c, r) && mayStartAssessment(c.org, r);
}

/** Withdrawing: the person who referred, or a coordinator of the referring organisation. */
export function canWithdrawReferral(c: CallerFacts, r: ReferralFacts): boolean {
  return isReferrer(c, r);
}

/** What the referral inbox of a caller contains, as filters the repository applies. */
export interface ReferralListScope {
  /** Referrals to these areas whose client parties include `partyOrganisationCode`. */
  areaIds: readonly string[];
  partyOrganisationCode: string;
  referrer: { organisationCode: string; sub: string | null };
}

export function referralListScope(c: CallerFacts): ReferralListScope | null {
  if (!isCaseStaff(c)) return null;
  return {
    areaIds: c.areaIds,
    partyOrganisationCode: c.org,
    referrer: { organisationCode: c.org, sub: has(c, 'coordinator') ? null : c.sub },
  };
}

/** Only the client's parties see a case: their team members, their area's coordinators, their systems. */
export function caseAccess(c: CallerFacts, k: CaseFacts): CaseAccess {
  if (!isClientParty(c.org, k)) return 'none';
  if (isCaseStaff(c) && k.callerOnTeam) return 'full';
  if (isCaseStaff(c) && has(c, 'coordinator') && c.areaIds.includes(k.cooperationAreaId)) return 'full';
  if (has(c, 'partner')) return 'ids';
  return 'none';
}

/** Which cases a caseload query may return, as filters the repository ORs together. */
export interface CaseListScope {
  /** Every case returned has this organisation among its client parties (`clientPartyCodes`). */
  clientPartyOrganisationCode: string;
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
    clientPartyOrganisationCode: c.org,
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

/**
 * A client's move is recorded, and the case transferred to the new home municipality's
 * parties (380/2023 §17), by staff of the client's current employment authority or HVA — the
 * authorities responsible for the client; Kela, a party everywhere, does not move the case.
 */
export function canTransferCase(
  c: CallerFacts,
  k: { employmentAuthorityCode: string; wellbeingCountyOrganiserCode: string },
): boolean {
  return c.org === k.employmentAuthorityCode || c.org === k.wellbeingCountyOrganiserCode;
}

/** Facts about one client relative to the caller; each counts only where the caller's organisation is a client party. */
export interface ClientFacts {
  /** The caller is on the current team of one of the client's cases. */
  onTeam: boolean;
  /** The client has a referral in an area the caller is allocated to. */
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
 * referral or case their organisation is a party of, or was until the case was transferred
 * away (it remains a joint controller of what it stored).
 */
export function canReadAccessLog(c: CallerFacts, f: { organisationInvolved: boolean }): boolean {
  return has(c, 'auditor') && f.organisationInvolved;
}

export function canSearchClients(c: CallerFacts): boolean {
  return hasCaseworkRole(c);
}
