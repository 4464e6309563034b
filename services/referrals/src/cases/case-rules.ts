import type { PartyRole } from '@tym/db';

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
