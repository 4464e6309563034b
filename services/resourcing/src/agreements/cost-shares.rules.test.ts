import { describe, expect, it } from 'vitest';
import { computeCostShares, formatEuros, splitByLargestRemainder } from './cost-shares.rules.js';

describe('largest remainder split (381/2023 §10 arithmetic)', () => {
  const cents = (total: bigint, weights: number[]) =>
    splitByLargestRemainder(
      total,
      weights.map((w, i) => ({ key: `p${i}`, weight: BigInt(w) })),
    ).map((s) => Number(s.cents));

  it('rounds to cents and sums exactly to the total', () => {
    expect(cents(100n, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(cents(10000001n, [1, 1])).toEqual([5000001, 5000000]);
    expect(cents(0n, [3, 7])).toEqual([0, 0]);
    for (const total of [1n, 99n, 12345n, 999_999_999_999n]) {
      for (const weights of [[1, 2, 3], [333, 333, 334], [1000, 2500, 2000, 1], [7]]) {
        const split = cents(total, weights);
        expect(split.reduce((s, c) => s + c, 0)).toBe(Number(total));
        // No share is more than one cent off its exact value.
        const sum = weights.reduce((s, w) => s + w, 0);
        split.forEach((c, i) => {
          expect(Math.abs(c - (Number(total) * (weights[i] ?? 0)) / sum)).toBeLessThan(1);
        });
      }
    }
  });

  it('breaks ties by weight, then key', () => {
    expect(cents(1n, [1, 1])).toEqual([1, 0]);
    expect(cents(2n, [1, 2, 1])).toEqual([1, 1, 0]);
  });

  it('refuses impossible inputs', () => {
    expect(() => cents(10n, [0, 0])).toThrow(RangeError);
    expect(() => cents(-1n, [1])).toThrow(RangeError);
  });
});

describe('computeCostShares', () => {
  const parties = [
    {
      organisationCode: 'ea-a',
      roles: ['employment_authority' as const],
      fteMilli: 1000,
      shareBasisPoints: 3333,
    },
    {
      organisationCode: 'ea-b',
      roles: ['employment_authority' as const],
      fteMilli: 1000,
      shareBasisPoints: 3333,
    },
    { organisationCode: 'hva', roles: ['wellbeing_county' as const], fteMilli: 1000, shareBasisPoints: 3334 },
  ];

  it('takes Kela’s amount first and splits the rest by FTE', () => {
    const r = computeCostShares(
      {
        year: 2026,
        jointCostsCents: 100_000,
        method: 'proportional_to_fte',
        parties,
        kelaOrganisationCode: 'kela',
        kela: { kind: 'amount', amountCents: 10_000 },
      },
      'en',
    );
    expect(r.kela.cents).toBe(10_000);
    expect(r.shares.map((s) => s.cents)).toEqual([30_000, 30_000, 30_000]);
    expect(r.arithmetic[1]).toBe('Kela (kela) pays the agreed amount of €100.00.');
  });

  it('rounds Kela’s share half up and the rest by largest remainder', () => {
    const r = computeCostShares(
      {
        year: 2026,
        jointCostsCents: 1001,
        method: 'agreed_percentages',
        parties,
        kelaOrganisationCode: 'kela',
        kela: { kind: 'share', basisPoints: 1250 },
      },
      'sv',
    );
    // 1001 × 12.5 % = 125.125 → 125; 876 × 33.33/33.33/33.34 % = 291.97/291.97/292.06.
    expect(r.kela.cents).toBe(125);
    expect(r.shares.map((s) => s.cents)).toEqual([292, 292, 292]);
    expect(r.kela.cents + r.shares.reduce((s, x) => s + x.cents, 0)).toBe(1001);
    expect(r.arithmetic.at(-1)).toBe('Kontroll: 1,25 € + 8,76 € = 10,01 €.');
  });

  it('refuses a Kela amount above the joint costs and a split without staff', () => {
    expect(() =>
      computeCostShares(
        {
          year: 2026,
          jointCostsCents: 100,
          method: 'proportional_to_fte',
          parties,
          kelaOrganisationCode: 'kela',
          kela: { kind: 'amount', amountCents: 101 },
        },
        'fi',
      ),
    ).toThrow(expect.objectContaining({ code: 'KELA_AMOUNT_EXCEEDS_JOINT_COSTS' }));
    expect(() =>
      computeCostShares(
        {
          year: 2026,
          jointCostsCents: 100,
          method: 'proportional_to_fte',
          parties: parties.map((p) => ({ ...p, fteMilli: 0 })),
          kelaOrganisationCode: 'kela',
          kela: { kind: 'share', basisPoints: 0 },
        },
        'fi',
      ),
    ).toThrow(expect.objectContaining({ code: 'COST_SHARE_NO_STAFF' }));
  });

  it('splits by the number of staff by default (381/2023 §10) and by FTE only when so agreed', () => {
    // ea-a: 2 people at half time; hva: 1 person full time. By headcount 2 : 1, by FTE 1 : 1.
    const staffed = [
      {
        organisationCode: 'ea-a',
        roles: ['employment_authority' as const],
        fteMilli: 1000,
        headcount: 2,
        shareBasisPoints: null,
      },
      {
        organisationCode: 'hva',
        roles: ['wellbeing_county' as const],
        fteMilli: 1000,
        headcount: 1,
        shareBasisPoints: null,
      },
    ];
    const input = {
      year: 2026,
      jointCostsCents: 100_000,
      parties: staffed,
      kelaOrganisationCode: 'kela',
      kela: { kind: 'amount' as const, amountCents: 10_000 },
    };
    const byHeadcount = computeCostShares({ ...input, method: 'proportional_to_headcount' }, 'en');
    expect(byHeadcount.shares.map((s) => [s.organisationCode, s.headcount, s.cents])).toEqual([
      ['ea-a', 2, 60_000],
      ['hva', 1, 30_000],
    ]);
    expect(byHeadcount.arithmetic[3]).toBe(
      'Shared in proportion to the number of staff each committed in the agreement (381/2023 §10): 3 people in all.',
    );
    expect(byHeadcount.arithmetic[4]).toBe('ea-a: €900.00 × 2 / 3 = €600.00.');
    const byFte = computeCostShares({ ...input, method: 'proportional_to_fte' }, 'fi');
    expect(byFte.shares.map((s) => s.cents)).toEqual([45_000, 45_000]);
    // 1 cent over 3 people: 2/3 and 1/3 of a cent; the larger remainder gets it.
    const cent = computeCostShares(
      {
        ...input,
        jointCostsCents: 1,
        kela: { kind: 'share', basisPoints: 0 },
        method: 'proportional_to_headcount',
      },
      'sv',
    );
    expect(cent.shares.map((s) => s.cents)).toEqual([1, 0]);
    expect(() =>
      computeCostShares(
        {
          ...input,
          parties: staffed.map((p) => ({ ...p, headcount: 0 })),
          method: 'proportional_to_headcount',
        },
        'fi',
      ),
    ).toThrow(expect.objectContaining({ code: 'COST_SHARE_NO_STAFF' }));
  });

  it('formats euros per language', () => {
    expect(formatEuros(123456789n, 'fi')).toBe('1 234 567,89 €');
    expect(formatEuros(5n, 'en')).toBe('€0.05');
  });
});
