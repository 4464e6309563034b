import { describe, expect, it } from 'vitest';
import { isSmallCell, showRate, suppressCells } from './suppression.rules.js';

const cells = (o: Record<string, number>) => Object.entries(o).map(([key, value]) => ({ key, value }));
const shown = (m: ReturnType<typeof suppressCells>) =>
  Object.fromEntries([...m.values()].map((c) => [c.key, c.suppressed ? '<5' : c.value]));

describe('small-cell suppression (domain.md §7)', () => {
  it('rule 1: 1–4 persons are suppressed, 0 and 5 are shown', () => {
    expect([0, 1, 4, 5].map(isSmallCell)).toEqual([false, true, true, false]);
  });

  it('rule 2: one suppressed month is not recoverable from the total — the next smallest month goes too', () => {
    const result = suppressCells(cells({ total: 30, jan: 3, feb: 12, mar: 15 }), [
      { total: 'total', parts: ['jan', 'feb', 'mar'] },
    ]);
    expect(shown(result)).toEqual({ total: 30, jan: '<5', feb: '<5', mar: 15 });
    expect(result.get('jan')?.reason).toBe('small_cell');
    expect(result.get('feb')?.reason).toBe('secondary');
    expect(result.get('mar')?.reason).toBeNull();
  });

  it('rule 2: two suppressed parts already protect each other', () => {
    const result = suppressCells(cells({ total: 20, a: 2, b: 3, c: 15 }), [
      { total: 'total', parts: ['a', 'b', 'c'] },
    ]);
    expect(shown(result)).toEqual({ total: 20, a: '<5', b: '<5', c: 15 });
  });

  it('rule 2: with no other non-zero part the total is suppressed; zeros are never suppressed', () => {
    const result = suppressCells(cells({ total: 3, a: 3, b: 0 }), [{ total: 'total', parts: ['a', 'b'] }]);
    expect(shown(result)).toEqual({ total: '<5', a: '<5', b: 0 });
  });

  it('rule 2: a suppressed total with one suppressed part … the chain reaches a fixed point over relations', () => {
    // received = accepted + declined + withdrawn; declined = reason1 + reason2.
    const result = suppressCells(
      cells({ received: 40, accepted: 30, declined: 7, withdrawn: 3, r1: 6, r2: 1 }),
      [
        { total: 'received', parts: ['accepted', 'declined', 'withdrawn'] },
        { total: 'declined', parts: ['r1', 'r2'] },
      ],
    );
    // withdrawn 3 → declined (7) goes with it; then in declined = r1 + r2 two cells are hidden
    // (declined and r2), which protects r2.
    expect(shown(result)).toEqual({
      received: 40,
      accepted: 30,
      declined: '<5',
      withdrawn: '<5',
      r1: 6,
      r2: '<5',
    });
  });

  it('published totals: a breakdown never hides them anew, and protects its parts on its own', () => {
    // The area (published: Jan 8 shown, Feb hidden, total 20 shown) broken down into A and B.
    const cells = [
      { key: 'jan', value: 8 },
      { key: 'feb', value: 12 },
      { key: 'tot', value: 20 },
      { key: 'A|jan', value: 0 },
      { key: 'A|feb', value: 9 },
      { key: 'A|tot', value: 9 },
      { key: 'B|jan', value: 8 },
      { key: 'B|feb', value: 3 },
      { key: 'B|tot', value: 11 },
    ];
    const relations = [
      { total: 'jan', parts: ['A|jan', 'B|jan'] },
      { total: 'feb', parts: ['A|feb', 'B|feb'] },
      { total: 'tot', parts: ['A|tot', 'B|tot'] },
      { total: 'A|tot', parts: ['A|jan', 'A|feb'] },
      { total: 'B|tot', parts: ['B|jan', 'B|feb'] },
    ];
    const result = suppressCells(cells, relations, {
      keys: new Set(['jan', 'feb', 'tot']),
      hidden: new Set(['feb']),
    });
    // (`shown` writes every hidden cell "<5".) B's Feb 3 is small. B's Jan 8 is the area's shown Jan (A's is 0): hiding it protects
    // nothing, so B's total goes; then the area's total 20 = A's + B's → A's total; A's row
    // (total = Jan 0 + Feb) → A's Feb. The area's cells stay as published.
    expect(shown(result)).toEqual({
      jan: 8,
      feb: '<5',
      tot: 20,
      'A|jan': 0,
      'A|feb': '<5',
      'A|tot': '<5',
      'B|jan': 8,
      'B|feb': '<5',
      'B|tot': '<5',
    });
  });

  it('rule 3: a rate is hidden when its numerator or denominator is hidden or fewer than 5', () => {
    const ok = { key: 'd', value: 10, suppressed: false, reason: null };
    const hidden = { key: 'n', value: null, suppressed: true, reason: 'small_cell' as const };
    expect(showRate(0.5, ok, { key: 'n', value: 5, suppressed: false, reason: null })).toBe(0.5);
    expect(showRate(0.5, ok, hidden)).toBeNull();
    expect(showRate(0.5, hidden)).toBeNull();
    expect(showRate(10, ok)).toBe(10);
    expect(showRate(1, { key: 'd', value: 0, suppressed: false, reason: null })).toBeNull();
  });
});
