import type { CaseEndingOutcome, CaseEndingReason, PartyRole } from '@tym/db';

/**
 * The organisations whose confirmation ends a client relationship (381/2023 §8): the
 * employment authority and the HVA organiser of the client's home municipality, and the
 * organisation(s) holding the Kela role in the area. One organisation holding two roles
 * (Helsinki: employment authority and HVA) confirms once for both.
 */
export function requiredEndingConfirmers(
  kase: { employmentAuthorityCode: string; wellbeingCountyOrganiserCode: string },
  parties: ReadonlyArray<{ organisationCode: string; roles: readonly PartyRole[] }>,
): string[] {
  const kela = parties.filter((p) => p.roles.includes('kela')).map((p) => p.organisationCode);
  return [...new Set([kase.employmentAuthorityCode, kase.wellbeingCountyOrganiserCode, ...kela])].sort();
}

/** The roles each required organisation confirms for, e.g. Helsinki → both roles. */
export function confirmerRoles(
  kase: { employmentAuthorityCode: string; wellbeingCountyOrganiserCode: string },
  organisationCode: string,
  parties: ReadonlyArray<{ organisationCode: string; roles: readonly PartyRole[] }>,
): PartyRole[] {
  const roles: PartyRole[] = [];
  if (organisationCode === kase.employmentAuthorityCode) roles.push('employment_authority');
  if (organisationCode === kase.wellbeingCountyOrganiserCode) roles.push('wellbeing_county');
  if (parties.some((p) => p.organisationCode === organisationCode && p.roles.includes('kela')))
    roles.push('kela');
  return roles;
}

/** Every required organisation has confirmed. */
export function endingComplete(required: readonly string[], confirmed: readonly string[]): boolean {
  return required.every((code) => confirmed.includes(code));
}

/**
 * The parties with nobody on the case team, 381/2023 §4: the need is assessed, and the plan
 * drawn up, jointly by the client's employment authority, the HVA organiser of the client's
 * home municipality and Kela (Kela's part in the plan when its services are needed, §4(2));
 * a team without one of them cannot do that joint work. The employment authority and the HVA
 * are the case's own (another authority of the area does not count); Kela is any organisation
 * holding the Kela role in the area. Helsinki, holding both roles, fills both with one member.
 * Returns the missing roles in a fixed order; empty when the team is complete.
 */
export function missingTeamParties(
  kase: { employmentAuthorityCode: string; wellbeingCountyOrganiserCode: string },
  kelaOrganisationCodes: readonly string[],
  teamOrganisationCodes: readonly string[],
): PartyRole[] {
  const on = new Set(teamOrganisationCodes);
  const missing: PartyRole[] = [];
  if (!on.has(kase.employmentAuthorityCode)) missing.push('employment_authority');
  if (!on.has(kase.wellbeingCountyOrganiserCode)) missing.push('wellbeing_county');
  if (!kelaOrganisationCodes.some((code) => on.has(code))) missing.push('kela');
  return missing;
}

/**
 * The outcome a v1 `reasonCode` stands for, while v1 bodies are still accepted (one version).
 * 381/2023 §8 has one ground — the joint assessment that the client no longer needs the
 * support — so `coordination_no_longer_needed` was the ground, not an outcome, and a move
 * (`moved_away`) is a transfer inside Finland (380/2023 §17) or `moved_abroad`: neither is
 * knowable from the old code, so both are `other`.
 */
export function legacyEndingOutcome(reason: CaseEndingReason): CaseEndingOutcome {
  switch (reason) {
    case 'employed':
    case 'education':
    case 'other':
      return reason;
    case 'coordination_no_longer_needed':
    case 'moved_away':
      return 'other';
  }
}
