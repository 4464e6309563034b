import { describe, expect, it } from 'vitest';
import { leadingPersonTermViolations, mayNameLeadingPerson } from './management-groups.rules.js';

describe('the leading person (VNA 388/2024 §4)', () => {
  const group = {
    employmentAuthorityCode: 'ea-kerava-sipoo',
    termStartOn: '2025-01-01',
    termEndOn: '2029-12-31',
  };

  it('is named by the employment authority of the group’s clients, not by the HVA, Kela or another authority', () => {
    expect(mayNameLeadingPerson('ea-kerava-sipoo', group)).toBe(true);
    expect(mayNameLeadingPerson('hva-vantaa-kerava', group)).toBe(false);
    expect(mayNameLeadingPerson('kela', group)).toBe(false);
    expect(mayNameLeadingPerson('ea-vantaa', group)).toBe(false);
  });

  it('is named during the group’s term, for at most that term', () => {
    expect(leadingPersonTermViolations({ approvedOn: '2025-02-01', termEndOn: '2029-12-31' }, group)).toEqual(
      [],
    );
    expect(leadingPersonTermViolations({ approvedOn: '2025-02-01', termEndOn: '2027-06-30' }, group)).toEqual(
      [],
    );
    expect(
      leadingPersonTermViolations({ approvedOn: '2025-02-01', termEndOn: '2030-01-01' }, group).map((e) => [
        e.location,
        e.rule,
      ]),
    ).toEqual([['body.leadingPerson.termEndOn', 'within_group_term']]);
    expect(
      leadingPersonTermViolations({ approvedOn: '2024-12-31', termEndOn: '2029-12-31' }, group).map((e) => [
        e.location,
        e.rule,
      ]),
    ).toEqual([['body.leadingPerson.approvedOn', 'date_order']]);
    expect(
      leadingPersonTermViolations({ approvedOn: '2026-02-01', termEndOn: '2026-01-31' }, group).map((e) => [
        e.location,
        e.rule,
      ]),
    ).toEqual([['body.leadingPerson.termEndOn', 'date_order']]);
    expect(
      leadingPersonTermViolations({ approvedOn: '2030-01-01', termEndOn: '2030-01-01' }, group).map(
        (e) => e.location,
      ),
    ).toEqual(['body.leadingPerson.approvedOn', 'body.leadingPerson.termEndOn']);
  });
});
