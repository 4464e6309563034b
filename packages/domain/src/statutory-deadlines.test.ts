import { describe, expect, it } from 'vitest';
import { explainDueDate } from './deadline-arithmetic.js';
import {
  DEADLINE_KINDS,
  DEFAULT_REFERRAL_RESPONSE_DAYS,
  DEFAULT_REVIEW_REQUEST_RESPONSE_DAYS,
  erasureDueOn,
  managementGroupTermEndsOn,
  planDueOn,
  referralRespondBy,
  reviewDueOn,
  reviewRequestDueOn,
  staffingReviewDueOn,
} from './statutory-deadlines.js';

describe('statutory deadlines', () => {
  it('plan.due: 3 months from the assessment start, 381/2023 §4(2)', () => {
    expect(planDueOn('2026-03-19')).toMatchObject({
      rule: 'plan.due',
      statute: '381/2023 §4(2); 150/1930 §3, §5',
      from: '2026-03-19',
      amount: 3,
      unit: 'months',
      nominalOn: '2026-06-19',
      dueOn: '2026-06-22',
      basis: 'time_limit',
    });
    expect(planDueOn('2026-03-15').dueOn).toBe('2026-06-15');
  });

  it('plan.review: 3 months from the last agreed plan or review, 381/2023 §6', () => {
    expect(reviewDueOn('2026-09-24')).toMatchObject({
      rule: 'plan.review',
      statute: '381/2023 §6; 150/1930 §3, §5',
      nominalOn: '2026-12-24',
      dueOn: '2026-12-28',
    });
  });

  it('plan.review_requested: agreement days from the request, 381/2023 §6', () => {
    expect(DEFAULT_REVIEW_REQUEST_RESPONSE_DAYS).toBe(14);
    expect(reviewRequestDueOn('2026-12-10')).toMatchObject({
      rule: 'plan.review_requested',
      statute: '381/2023 §6; cooperation agreement; 150/1930 §2, §5',
      amount: 14,
      unit: 'days',
      nominalOn: '2026-12-24',
      dueOn: '2026-12-28',
    });
    expect(reviewRequestDueOn('2026-12-10', 7).dueOn).toBe('2026-12-17');
    expect(() => reviewRequestDueOn('2026-12-10', -1)).toThrow(RangeError);
  });

  it('referral.response: agreement days from submission (381/2023 §3 sets none)', () => {
    expect(DEFAULT_REFERRAL_RESPONSE_DAYS).toBe(14);
    expect(referralRespondBy('2026-04-01')).toMatchObject({
      rule: 'referral.response',
      statute: 'cooperation agreement (381/2023 §3 sets none); 150/1930 §2, §5',
      dueOn: '2026-04-15',
    });
    expect(referralRespondBy('2026-04-01', 30)).toMatchObject({
      nominalOn: '2026-05-01',
      dueOn: '2026-05-04',
    });
  });

  it('case.erasure: 48 months after the relationship ended, 381/2023 §12(2), not moved', () => {
    expect(erasureDueOn('2026-01-19')).toMatchObject({
      rule: 'case.erasure',
      statute: '381/2023 §12(2); 150/1930 §3',
      amount: 48,
      unit: 'months',
      nominalOn: '2030-01-19',
      dueOn: '2030-01-19', // a Saturday: erasure is not postponed
      skipped: [],
      basis: 'retention',
    });
    expect(erasureDueOn('2096-02-29')).toMatchObject({ dueOn: '2100-02-28', monthEndClamped: true });
  });

  it('management_group.term: 5 years, ends the day before the fifth anniversary, VNA 388/2024 §1', () => {
    expect(managementGroupTermEndsOn('2025-01-01')).toMatchObject({
      rule: 'management_group.term',
      statute: 'VNA 388/2024 §1',
      from: '2025-01-01',
      dueOn: '2029-12-31',
      basis: 'term',
      skipped: [],
    });
    // Ends on Independence Day, a Saturday: a term end is not moved.
    expect(managementGroupTermEndsOn('2026-12-07')).toMatchObject({
      nominalOn: '2031-12-06',
      dueOn: '2031-12-06',
    });
  });

  it('agreement.staffing_review: 12 months from the last review, VNA 388/2024 §3', () => {
    const d = staffingReviewDueOn('2026-06-25');
    expect(d).toMatchObject({
      rule: 'agreement.staffing_review',
      statute: 'VNA 388/2024 §3; 150/1930 §3, §5',
      nominalOn: '2027-06-25', // Midsummer Eve 2027
      dueOn: '2027-06-28',
    });
    expect(explainDueDate(d, 'en')).toBe(
      '12 months from 2026-06-25 is Friday 2027-06-25, Midsummer Eve; moved to the next working day, Monday 2027-06-28.',
    );
  });

  it('every function returns a kind listed in DEADLINE_KINDS', () => {
    expect(DEADLINE_KINDS).toEqual([
      'referral.response',
      'plan.due',
      'plan.review',
      'plan.review_requested',
      'plan.client_report',
      'plan.action',
      'agreement.staffing_review',
      'management_group.term',
      'case.erasure',
    ]);
    const rules = [
      planDueOn('2026-01-01'),
      reviewDueOn('2026-01-01'),
      reviewRequestDueOn('2026-01-01'),
      referralRespondBy('2026-01-01'),
      erasureDueOn('2026-01-01'),
      managementGroupTermEndsOn('2026-01-01'),
      staffingReviewDueOn('2026-01-01'),
    ].map((d) => d.rule);
    for (const rule of rules) expect(DEADLINE_KINDS).toContain(rule);
    expect(new Set(rules).size).toBe(rules.length);
  });
});
