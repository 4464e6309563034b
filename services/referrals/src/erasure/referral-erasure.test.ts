import { describe, expect, it } from 'vitest';
import { DEFAULT_PRE_RELATIONSHIP_RETENTION_DAYS, lastErasableDecisionDay } from './referral-erasure.js';

describe('lastErasableDecisionDay (381/2023 §12(2), before a relationship)', () => {
  it('keeps the details to the end of the 30th day after the decision', () => {
    expect(DEFAULT_PRE_RELATIONSHIP_RETENTION_DAYS).toBe(30);
    // Decided on 19 March: kept through 18 April, erased from 19 April on.
    expect(lastErasableDecisionDay('2026-04-18', 30)).toBe('2026-03-18');
    expect(lastErasableDecisionDay('2026-04-19', 30)).toBe('2026-03-19');
    // Across a year and a leap day.
    expect(lastErasableDecisionDay('2028-03-01', 1)).toBe('2028-02-28');
    expect(lastErasableDecisionDay('2027-01-05', 7)).toBe('2026-12-28');
  });

  it('refuses a period that is not a positive whole number of days', () => {
    for (const days of [0, -1, 1.5, Number.NaN])
      expect(() => lastErasableDecisionDay('2026-04-19', days)).toThrow(RangeError);
  });
});
