import type { PartyRole } from '@tym/db';
import type { InvalidField } from '@tym/platform';

/**
 * The composition of a management group (monialaisen tuen johtoryhmä), 381/2023 §9(1) and
 * VNA 388/2024 §1: members from every HVA, employment authority and Kela of the area, each
 * with a personal deputy; the chair named by the employment authority that set the group up,
 * the vice-chair by the HVA. Pure: returns the first broken rule, or null.
 */
export interface MemberInput {
  organisationCode: string;
  position: 'chair' | 'vice_chair' | 'member';
  /** Where the entry is in the request, e.g. `body.members[2]`. */
  location: string;
}

export interface CompositionViolation {
  code:
    | 'NOT_A_PARTY_OF_AREA'
    | 'MANAGEMENT_GROUP_CHAIR_INVALID'
    | 'MANAGEMENT_GROUP_VICE_CHAIR_INVALID'
    | 'MANAGEMENT_GROUP_PARTY_UNREPRESENTED';
  detail: string;
  errors: InvalidField[];
  extensions?: Record<string, unknown>;
}

export function checkComposition(
  members: MemberInput[],
  parties: Map<string, PartyRole[]>,
  employmentAuthorityCode: string,
  membersLocation = 'body.members',
): CompositionViolation | null {
  const outside = members.filter((m) => !parties.has(m.organisationCode));
  if (outside.length) {
    return {
      code: 'NOT_A_PARTY_OF_AREA',
      detail: `Members come from the parties of the area: ${[...parties.keys()].sort().join(', ')}.`,
      errors: outside.map((m) => ({
        location: `${m.location}.organisationCode`,
        message: `${m.organisationCode} is not a party of the cooperation area`,
        rule: 'party',
      })),
    };
  }
  const chairs = members.filter((m) => m.position === 'chair');
  if (chairs.length !== 1 || chairs[0]?.organisationCode !== employmentAuthorityCode) {
    return {
      code: 'MANAGEMENT_GROUP_CHAIR_INVALID',
      detail: `The chair is named by the employment authority that set the group up (${employmentAuthorityCode}), VNA 388/2024 §1; the group has ${chairs.length} chair(s).`,
      errors: chairs.length
        ? chairs.map((m) => ({
            location: `${m.location}.position`,
            message:
              chairs.length > 1
                ? 'only one member may be chair'
                : `the chair must be of ${employmentAuthorityCode}`,
            rule: 'chair',
          }))
        : [{ location: membersLocation, message: 'has no chair', rule: 'chair' }],
    };
  }
  const viceChairs = members.filter((m) => m.position === 'vice_chair');
  const isHva = (code: string | undefined) =>
    code ? parties.get(code)?.includes('wellbeing_county') : false;
  if (viceChairs.length !== 1 || !isHva(viceChairs[0]?.organisationCode)) {
    return {
      code: 'MANAGEMENT_GROUP_VICE_CHAIR_INVALID',
      detail: `The vice-chair is named by the wellbeing services county, VNA 388/2024 §1; the group has ${viceChairs.length} vice-chair(s).`,
      errors: viceChairs.length
        ? viceChairs.map((m) => ({
            location: `${m.location}.position`,
            message:
              viceChairs.length > 1
                ? 'only one member may be vice-chair'
                : 'the vice-chair must be of the wellbeing services county',
            rule: 'vice_chair',
          }))
        : [{ location: membersLocation, message: 'has no vice-chair', rule: 'vice_chair' }],
    };
  }
  const represented = new Set(members.map((m) => m.organisationCode));
  const missing = [...parties.keys()].filter((code) => !represented.has(code)).sort();
  if (missing.length) {
    return {
      code: 'MANAGEMENT_GROUP_PARTY_UNREPRESENTED',
      detail: `Members come from every party of the area, 381/2023 §9(1); missing: ${missing.join(', ')}.`,
      errors: [
        { location: membersLocation, message: `has no member of ${missing.join(', ')}`, rule: 'every_party' },
      ],
      extensions: { missingOrganisationCodes: missing },
    };
  }
  return null;
}

/**
 * Who names the leading person (johtava henkilö) of the multidisciplinary model and deputy,
 * VNA 388/2024 §4: the employment authority whose clients the group's cooperation area serves
 * — the one that set the group up (381/2023 §9(1)) — names them, after the group has approved
 * them; not the HVA, Kela or another employment authority of the area.
 */
export function mayNameLeadingPerson(
  organisationCode: string,
  group: { employmentAuthorityCode: string },
): boolean {
  return organisationCode === group.employmentAuthorityCode;
}

/**
 * The leading person's term, VNA 388/2024 §4: named during the group's term (approved on or
 * after it starts) and for at most that term — their term ends no later than the group's
 * (381/2023 §9: a 5-year term). Returns the broken rules with their locations; empty when fine.
 */
export function leadingPersonTermViolations(
  leading: { approvedOn: string; termEndOn: string },
  group: { termStartOn: string; termEndOn: string },
  location = 'body.leadingPerson',
): InvalidField[] {
  const errors: InvalidField[] = [];
  if (leading.approvedOn < group.termStartOn || leading.approvedOn > group.termEndOn) {
    errors.push({
      location: `${location}.approvedOn`,
      message: `is outside the group’s term (${group.termStartOn}–${group.termEndOn})`,
      rule: 'date_order',
    });
  }
  if (leading.termEndOn > group.termEndOn) {
    errors.push({
      location: `${location}.termEndOn`,
      message: `is after the group’s term ends (${group.termEndOn}); the leading person is named for at most the group’s term`,
      rule: 'within_group_term',
    });
  } else if (leading.termEndOn < leading.approvedOn) {
    errors.push({
      location: `${location}.termEndOn`,
      message: `is before the approval (${leading.approvedOn})`,
      rule: 'date_order',
    });
  }
  return errors;
}
