import { AppError, hasRole, type Principal } from '@tym/platform';

/**
 * Who may do what in the directory. Which token roles exist is the platform's business;
 * what they allow here is decided only in this module (architecture.md, Auth).
 *
 * - Any authenticated caller reads the directory (organisations, areas, municipalities).
 * - An admin changes only their own organisation's record and staff.
 * - An employment area is created or changed only by an admin of its employment authority.
 * - Coordinators and admins see their own organisation's staff; anyone sees their own record.
 * - Staff of other organisations do not exist for the caller (404, never 403).
 */
export const directoryPolicy = {
  readDirectory: (_p: Principal): boolean => true,
  manageOrganisation: (p: Principal, organisationCode: string): boolean =>
    hasRole(p, 'admin') && p.org === organisationCode,
  manageEmploymentArea: (p: Principal, areaOrganisationCode: string): boolean =>
    hasRole(p, 'admin') && p.org === areaOrganisationCode,
  listStaff: (p: Principal): boolean => hasRole(p, 'coordinator', 'admin'),
  readStaff: (p: Principal, member: { organisationCode: string; subject: string }): boolean =>
    p.org === member.organisationCode && (hasRole(p, 'coordinator', 'admin') || p.sub === member.subject),
  manageStaff: (p: Principal): boolean => hasRole(p, 'admin'),
  /**
   * National reference data (employment-area membership over time) is loaded by an admin of
   * Kela, the one party present in every cooperation area [decision of this service; no
   * statute names the keeper of the directory].
   */
  loadReferenceData: (p: Principal): boolean => hasRole(p, 'admin') && p.org === 'kela',
  /**
   * The division of an HVA area into cooperation areas is negotiated by the HVA and the
   * employment authorities of the area (381/2023 §9(1)); an admin of any of them records it.
   */
  arrangeCooperation: (p: Principal, organiserCode: string, authorityCodes: string[]): boolean =>
    hasRole(p, 'admin') && (p.org === organiserCode || authorityCodes.includes(p.org)),
};

export function forbidden(detail: string): AppError {
  return new AppError('FORBIDDEN', { detail });
}

export function assertCanManageOrganisation(p: Principal, organisationCode: string): void {
  if (!hasRole(p, 'admin')) throw forbidden('Only an admin may change an organisation.');
  if (!directoryPolicy.manageOrganisation(p, organisationCode)) {
    throw forbidden(`An admin of ${p.org} may change only the organisation ${p.org}.`);
  }
}

export function assertCanManageEmploymentArea(p: Principal, areaOrganisationCode: string): void {
  if (!hasRole(p, 'admin')) throw forbidden('Only an admin may create or change an employment area.');
  if (!directoryPolicy.manageEmploymentArea(p, areaOrganisationCode)) {
    throw forbidden(
      `Only an admin of the area's employment authority (${areaOrganisationCode}) may create or change it.`,
    );
  }
}

export function assertCanLoadReferenceData(p: Principal): void {
  if (!directoryPolicy.loadReferenceData(p))
    throw forbidden('Only an admin of Kela may load reference data.');
}

export function assertCanArrangeCooperation(
  p: Principal,
  organiserCode: string,
  authorityCodes: string[],
): void {
  if (!hasRole(p, 'admin')) throw forbidden('Only an admin may record the cooperation arrangement.');
  if (!directoryPolicy.arrangeCooperation(p, organiserCode, authorityCodes)) {
    throw forbidden(
      'Only the HVA or an employment authority of the region may record its cooperation arrangement.',
    );
  }
}

export function assertCanListStaff(p: Principal): void {
  if (!directoryPolicy.listStaff(p)) throw forbidden('Listing staff needs the coordinator or admin role.');
}

export function assertCanManageStaff(p: Principal): void {
  if (!directoryPolicy.manageStaff(p)) throw forbidden('Managing staff needs the admin role.');
}

/**
 * Who may see and change the governance of a cooperation area: management groups,
 * cooperation agreements, cost shares, utilisation and assignment suggestions (issue 5).
 *
 * - Admins change groups, agreements and allocations of their own organisation, in areas
 *   their organisation is a party of.
 * - Coordinators and admins of a party, and the members and deputies of the area's
 *   management group, read everything of the area.
 * - Caseworkers read the utilisation of the areas they are allocated to.
 * - Anyone else gets 404: an area's governance does not exist for them.
 */
export const governancePolicy = {
  readGovernance: (p: Principal, f: AreaAccess): boolean =>
    (f.isParty && hasRole(p, 'coordinator', 'admin')) || f.groupMember,
  readUtilisation: (p: Principal, f: AreaAccess): boolean =>
    governancePolicy.readGovernance(p, f) || (f.isParty && f.allocated && hasRole(p, 'caseworker')),
  manageGovernance: (p: Principal, f: AreaAccess): boolean => hasRole(p, 'admin') && f.isParty,
  /** Suggestions list the caller's own organisation's staff, for its coordinators and admins. */
  suggestAssignments: (
    p: Pick<Principal, 'org' | 'roles'>,
    f: AreaAccess,
    organisationCode: string,
  ): boolean =>
    (p.roles.includes('coordinator') || p.roles.includes('admin')) && f.isParty && p.org === organisationCode,
};

export interface AreaAccess {
  isParty: boolean;
  allocated: boolean;
  groupMember: boolean;
}

export function assertAdmin(p: Principal, what: string): void {
  if (!hasRole(p, 'admin')) throw forbidden(`Only an admin may ${what}.`);
}

/**
 * Who sees an area's situational picture (issue 13): whoever reads its governance (members and
 * deputies of the management group, coordinators and admins of its parties), and auditors of
 * any of its parties, read-only. Anyone else gets 404. No one sees a person-level row: the
 * picture holds suppressed counts only.
 */
export const situationalPicturePolicy = {
  read: (p: Principal, f: AreaAccess): boolean =>
    governancePolicy.readGovernance(p, f) || (f.isParty && hasRole(p, 'auditor')),
  /** The national roll-up (suppressed figures of every area): admins and auditors of any organisation. */
  readNational: (p: Principal): boolean => hasRole(p, 'admin', 'auditor'),
  /** A signed link for the page is created by the same people who may read the picture. */
  createLink: (p: Principal, f: AreaAccess): boolean => situationalPicturePolicy.read(p, f),
};
