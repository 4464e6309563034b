import { describe, expect, it } from 'vitest';
import { partiesLeaving, transferKind } from './transfer-rules.js';

const kerava = {
  cooperationAreaId: 'a-vantaa-kerava',
  employmentAuthorityCode: 'ea-kerava-sipoo',
  wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
};
const vantaa = { ...kerava, employmentAuthorityCode: 'ea-vantaa' };
const helsinki = {
  cooperationAreaId: 'a-helsinki',
  employmentAuthorityCode: 'helsinki',
  wellbeingCountyOrganiserCode: 'helsinki',
};

describe('transferKind (380/2023 §17)', () => {
  it('is a transfer when the employment authority, the HVA or the area changes', () => {
    expect(transferKind(kerava, helsinki)).toBe('transfer');
    // Another employment authority of the same cooperation area: still another party.
    expect(transferKind(kerava, vantaa)).toBe('transfer');
    expect(transferKind(kerava, { ...kerava, cooperationAreaId: 'other' })).toBe('transfer');
  });
  it('changes only the home municipality inside the same authority, HVA and area', () => {
    expect(transferKind(kerava, { ...kerava })).toBe('municipality_only');
  });
});

describe('partiesLeaving', () => {
  it('names the old employment authority and HVA; Kela stays', () => {
    expect(partiesLeaving(kerava, helsinki)).toEqual(['ea-kerava-sipoo', 'hva-vantaa-kerava']);
    expect(partiesLeaving(kerava, vantaa)).toEqual(['ea-kerava-sipoo']);
    expect(partiesLeaving(helsinki, kerava)).toEqual(['helsinki']);
  });
});
