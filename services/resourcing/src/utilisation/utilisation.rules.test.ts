import { describe, expect, it } from 'vitest';
import { capacityOf, crossingEventType, quotaStatus, utilisationPercent } from './utilisation.rules.js';

describe('quota rules', () => {
  const f = (committed: number, allocated: number, cases: number) => ({
    committedFteMilli: committed * 1000,
    allocatedFteMilli: allocated * 1000,
    activeCases: cases,
    targetCaseloadPerFte: 30,
  });

  it('computes capacity and utilisation', () => {
    expect(capacityOf(2500, 30)).toBe(75);
    expect(capacityOf(333, 30)).toBe(10);
    expect(utilisationPercent(80, 75)).toBe(106.7);
    expect(utilisationPercent(3, 0)).toBeNull();
  });

  it('gives over_capacity precedence, then below_commitment', () => {
    expect(quotaStatus(f(0, 1, 10))).toBe('no_commitment');
    expect(quotaStatus(f(2, 2, 60))).toBe('ok');
    expect(quotaStatus(f(2, 2, 61))).toBe('over_capacity');
    expect(quotaStatus(f(2, 1.5, 61))).toBe('over_capacity');
    expect(quotaStatus(f(2, 1.999, 10))).toBe('below_commitment');
  });

  it('writes an event only when a limit is crossed or left', () => {
    expect(crossingEventType('ok', 'ok')).toBeNull();
    expect(crossingEventType('ok', 'over_capacity')).toBe('quota.exceeded');
    expect(crossingEventType('below_commitment', 'over_capacity')).toBe('quota.exceeded');
    expect(crossingEventType('no_commitment', 'below_commitment')).toBe('staffing.below_commitment');
    expect(crossingEventType('over_capacity', 'ok')).toBe('quota.restored');
    expect(crossingEventType('below_commitment', 'no_commitment')).toBe('quota.restored');
    expect(crossingEventType('ok', 'no_commitment')).toBeNull();
  });
});
