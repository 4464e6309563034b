import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  areaIds,
  createAgreementInForce,
  createStaff,
  createVantaaKeravaGroup,
} from '../testing/governance-fixtures.js';
import { insertPictureFacts } from '../testing/picture-facts.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import {
  clockFigures,
  meetingFigures,
  plansOverdueNow,
  referralFigures,
  referralSourceFigures,
  relationshipFigures,
  type Scope,
} from './situational-picture.report.js';
import type { Indicator, SituationalPicture } from './situational-picture.service.js';

let h: ResourcingTestApp;
let area = '';
let otherArea = '';
let agreementId = '';
let groupId = '';
const url = () => `/v1/cooperation-areas/${area}/situational-picture?from=2026-01-01&to=2026-03-31&by=month`;

beforeAll(async () => {
  h = await createResourcingTestApp();
  const ids = await areaIds(h);
  area = ids['vantaa-kerava'] ?? '';
  otherArea = Object.entries(ids).find(([code]) => code !== 'vantaa-kerava')?.[1] ?? '';
  const ea = await createStaff(h, 'ea-vantaa', 'ev-1', 'Veera', [{ cooperationAreaId: area, fte: 1 }]);
  await createStaff(h, 'ea-vantaa', 'ev-2', 'Ville', [{ cooperationAreaId: area, fte: 1 }]);
  const hva = await createStaff(h, 'hva-vantaa-kerava', 'hv-1', 'Hanna', [
    { cooperationAreaId: area, fte: 1 },
  ]);
  await createStaff(h, 'kela', 'ke-1', 'Kalle', [{ cooperationAreaId: area, fte: 0.5 }]);
  groupId = await createVantaaKeravaGroup(h, area);
  agreementId = await createAgreementInForce(h, groupId);
  // 2026's joint-cost budget (no actual costs yet): € 100,000.00.
  const costs = await h.t.app.inject({
    method: 'PUT',
    url: `/v1/agreements/${agreementId}/joint-costs/2026`,
    headers: h.as('ea-kerava-sipoo', ['admin']),
    payload: { budgetCents: 10_000_000 },
  });
  expect(costs.statusCode, costs.body).toBe(200);
  const targets = await h.t.app.inject({
    method: 'PUT',
    url: `/v1/management-groups/${groupId}/annual-targets/2026`,
    headers: h.as('ea-kerava-sipoo', ['admin']),
    payload: {
      targets: [
        {
          indicator: 'plans_within_3_months_percent',
          label: 'Plans within 3 months',
          targetValue: 90,
          unit: 'percent',
        },
        { indicator: 'referrals_received', label: 'Referrals received', targetValue: 100, unit: 'persons' },
      ],
    },
  });
  expect(targets.statusCode, targets.body).toBe(200);
  await insertPictureFacts(h.database.db, {
    areaId: area,
    otherAreaId: otherArea,
    eaStaffId: ea,
    hvaStaffId: hva,
  });
});

afterAll(async () => {
  await h.close();
});

const scope = (unit: Scope['unit']): Scope => ({
  areaId: area,
  from: '2026-01-01',
  to: '2026-03-31',
  unit,
  today: '2026-03-19',
});

/** The period rows of the area's unit, with the `<area id>|` prefix checked and taken off. */
function strip<T extends { bucket: string }>(rows: T[]): T[] {
  for (const r of rows) expect(r.bucket.startsWith(`${area}|`)).toBe(true);
  return rows
    .map((r) => ({ ...r, bucket: r.bucket.slice(area.length + 1) }))
    .filter((r) => r.bucket !== 'total');
}
/** The whole-period row (`<area id>|total`) of the same pass. */
function totalOf<T extends { bucket: string }>(rows: T[]): T[] {
  return rows.filter((r) => r.bucket === `${area}|total`);
}

describe('indicator queries against a hand count (facts in testing/picture-facts.ts)', () => {
  it('referrals: received, outcomes, reasons, days to answer, answered by the response day', async () => {
    const rows = strip(await referralFigures(h.database.db, scope('month')));
    expect(rows).toEqual([
      {
        bucket: '2026-01-01',
        received: 12,
        accepted: 8,
        declined: 3,
        withdrawn: 1,
        declinedByReason: {
          single_authority_sufficient: 2,
          not_unemployed: 0,
          wrong_area: 1,
          duplicate: 0,
          other: 0,
        },
        answered: 11,
        answeredByRespondBy: 8,
        // 8 × 3 days and 3 × 20 days: the 6th of 11 is 3; p90 at position 9 of 0…10 is 20.
        answerDaysMedian: 3,
        answerDaysP90: 20,
      },
      {
        bucket: '2026-02-01',
        received: 6,
        accepted: 6,
        declined: 0,
        withdrawn: 0,
        declinedByReason: {
          single_authority_sufficient: 0,
          not_unemployed: 0,
          wrong_area: 0,
          duplicate: 0,
          other: 0,
        },
        answered: 6,
        answeredByRespondBy: 6,
        answerDaysMedian: 5,
        answerDaysP90: 5,
      },
      {
        bucket: '2026-03-01',
        received: 2,
        accepted: 1,
        declined: 0,
        withdrawn: 0,
        declinedByReason: {
          single_authority_sufficient: 0,
          not_unemployed: 0,
          wrong_area: 0,
          duplicate: 0,
          other: 0,
        },
        answered: 1,
        answeredByRespondBy: 1,
        answerDaysMedian: 1,
        answerDaysP90: 1,
      },
    ]);
    const [total] = totalOf(await referralFigures(h.database.db, scope('month')));
    // 1, 3×8, 5×6, 20×3: positions 8 and 9 of 0…17 are 3 and 5 → 4; p90 at 15.3 → 20.
    expect(total).toMatchObject({
      received: 20,
      accepted: 15,
      declined: 3,
      withdrawn: 1,
      answered: 18,
      answeredByRespondBy: 15,
      answerDaysMedian: 4,
      answerDaysP90: 20,
    });
  });

  it('referrals by referring party and by ground', async () => {
    const rows = await referralSourceFigures(h.database.db, scope('month'));
    const pick = (bucket: string) =>
      Object.fromEntries(rows.filter((r) => r.bucket === `${area}|${bucket}`).map((r) => [r.source, r.n]));
    // January: accepted 1–6 by the HVA, accepted 7–8 + 3 declined + 1 withdrawn by ea-vantaa;
    // accepted 1–5 on two grounds (life management, work capacity), the rest life management.
    expect(pick('2026-01-01')).toEqual({
      'referrer:ea-vantaa': 6,
      'referrer:hva-vantaa-kerava': 6,
      'ground:life_management_problems': 12,
      'ground:work_capacity_limitations': 5,
    });
    // February: all 6 by Kela on functional and work capacity.
    expect(pick('2026-02-01')).toEqual({
      'referrer:kela': 6,
      'ground:functional_capacity_limitations': 6,
      'ground:work_capacity_limitations': 6,
    });
    expect(pick('2026-03-01')).toEqual({ 'referrer:ea-vantaa': 2, 'ground:life_management_problems': 2 });
    // Referrers add up to the 20 received; grounds (1–3 a referral) do not: 14 + 11 + 6 = 31.
    expect(pick('total')).toEqual({
      'referrer:ea-vantaa': 8,
      'referrer:hva-vantaa-kerava': 6,
      'referrer:kela': 6,
      'ground:life_management_problems': 14,
      'ground:work_capacity_limitations': 11,
      'ground:functional_capacity_limitations': 6,
    });
  });

  it('client relationships: started, active at the end, ended by outcome, duration', async () => {
    const rows = strip(await relationshipFigures(h.database.db, scope('month')));
    const zero = { employed: 0, education: 0, other_services: 0, moved_abroad: 0, deceased: 0, other: 0 };
    expect(rows).toEqual([
      // 6 old + 8 started in January.
      {
        bucket: '2026-01-01',
        started: 8,
        ended: 0,
        endedByOutcome: zero,
        activeAtEnd: 14,
        durationDaysMedian: null,
      },
      // + 6 started, − 3 ended; 2025-10-01 → 2026-02-20 is 142 days.
      {
        bucket: '2026-02-01',
        started: 6,
        ended: 3,
        endedByOutcome: { ...zero, employed: 3 },
        activeAtEnd: 17,
        durationDaysMedian: 142,
      },
      // On today (03-19): + 1 started, − 2 ended; → 2026-03-10 is 160 days.
      {
        bucket: '2026-03-01',
        started: 1,
        ended: 2,
        endedByOutcome: { ...zero, education: 2 },
        activeAtEnd: 16,
        durationDaysMedian: 160,
      },
    ]);
    const [total] = totalOf(await relationshipFigures(h.database.db, scope('month')));
    expect(total).toMatchObject({ started: 15, ended: 5, activeAtEnd: 16, durationDaysMedian: 142 });
  });

  it('statutory clocks: plans within 3 months, days to plan, reviews on time, overdue now', async () => {
    const rows = strip(await clockFigures(h.database.db, scope('month')));
    const none = {
      reviewRequests: 0,
      reviewRequestsRefused: 0,
      reviewRequestsHandledByDue: 0,
      reviewRequestsHandled: 0,
      reviewRequestHandlingDaysMedian: null,
    };
    expect(rows).toEqual([
      // 5 January cases have a plan (03-01, 45 days); the other 3 are not due until 04-15.
      {
        bucket: '2026-01-01',
        plansDue: 5,
        plansWithinThreeMonths: 5,
        daysToPlanMedian: 45,
        reviews: 5,
        reviewsOnTime: 5,
        ...none,
      },
      {
        bucket: '2026-02-01',
        plansDue: 2,
        plansWithinThreeMonths: 2,
        daysToPlanMedian: 28,
        reviews: 0,
        reviewsOnTime: 0,
        // Six requests on 02-16, due 03-02, all refused by then: 4, 4, 4, 4, 4 and 10 days.
        reviewRequests: 6,
        reviewRequestsRefused: 6,
        reviewRequestsHandledByDue: 6,
        reviewRequestsHandled: 6,
        reviewRequestHandlingDaysMedian: 4,
      },
      // The second review on 03-05 was due on 02-20.
      {
        bucket: '2026-03-01',
        plansDue: 0,
        plansWithinThreeMonths: 0,
        daysToPlanMedian: null,
        reviews: 1,
        reviewsOnTime: 0,
        ...none,
      },
    ]);
    const [total] = totalOf(await clockFigures(h.database.db, scope('month')));
    expect(total).toMatchObject({
      plansDue: 7,
      plansWithinThreeMonths: 7,
      daysToPlanMedian: 45,
      reviews: 6,
      reviewsOnTime: 5,
      reviewRequests: 6,
      reviewRequestsHandled: 6,
      reviewRequestHandlingDaysMedian: 4,
    });
    // The old open case without a plan, due 2026-01-01.
    expect(await plansOverdueNow(h.database.db, area, '2026-03-19')).toBe(1);
  });

  it('joint work: meetings held, client attendance, all three parties present', async () => {
    expect(strip(await meetingFigures(h.database.db, scope('month')))).toEqual([
      { bucket: '2026-01-01', held: 6, clientAttended: 5, jointMeetings: 6, jointMeetingsAllParties: 4 },
      { bucket: '2026-02-01', held: 1, clientAttended: 1, jointMeetings: 0, jointMeetingsAllParties: 0 },
      { bucket: '2026-03-01', held: 0, clientAttended: 0, jointMeetings: 0, jointMeetingsAllParties: 0 },
    ]);
  });

  it('quarters group the same facts', async () => {
    const [q1] = strip(await referralFigures(h.database.db, { ...scope('quarter') }));
    expect(q1).toMatchObject({ bucket: '2026-01-01', received: 20 });
  });
});

/** A row as the page reads it: "< 5" small, "×" secondary, "–" hidden rate, '' nothing. */
const read = (i: Indicator) =>
  [...i.values, i.total]
    .map((v) =>
      v.suppressed
        ? v.reason === 'small_cell'
          ? '<5'
          : v.reason === 'secondary'
            ? 'x'
            : '-'
        : v.value === null
          ? ''
          : String(v.value),
    )
    .join(' ');

describe('GET /v1/cooperation-areas/{id}/situational-picture', () => {
  it('shows every indicator by month and total with small cells suppressed, never recoverable from totals', async () => {
    const res = await h.t.app.inject({
      method: 'GET',
      url: url(),
      headers: h.as('ea-vantaa', ['coordinator']),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const p = res.json() as SituationalPicture;
    expect(p).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      by: 'month',
      periods: ['2026-01', '2026-02', '2026-03'],
    });
    const table = Object.fromEntries(p.indicators.map((i) => [i.code, read(i)]));
    // Jan Feb Mar | total. Worked by hand from the counts above with the rules of suppression.rules.ts:
    expect(table).toEqual({
      // Mar 2 is small → the smallest other month (Feb 6) goes too. January goes because of the
      // grounds below: life management is named by all 12 of January's referrals.
      referrals_received: 'x x <5 20',
      // declined total 3 is small → accepted total (answered = accepted + declined) goes; then its
      // months: Mar 1 small and the total hidden → two hidden, but Jan = 15 − 6 − 1 … Jan and Feb go.
      referrals_accepted: 'x x <5 x',
      referrals_declined: '<5 0 0 <5',
      referrals_declined_single_authority_sufficient: '<5 0 0 <5',
      referrals_declined_not_unemployed: '0 0 0 0',
      referrals_declined_wrong_area: '<5 0 0 <5',
      referrals_declined_duplicate: '0 0 0 0',
      referrals_declined_other: '0 0 0 0',
      referrals_withdrawn: '<5 0 0 <5',
      // By referring party: ea-vantaa 6 0 2 | 8, the HVA 6 0 0 | 6, Kela 0 6 0 | 6 (they add up
      // to the received, column by column). ea-vantaa Mar 2 is small → its row needs a second
      // hidden cell: Jan 6. January's column (12 = 6 + 6 + 0) then has one hidden → the HVA's Jan
      // goes, and its row (total = Jan) its total. February's column has the received hidden
      // (secondary, above) → Kela's Feb goes, and its row its total.
      'referrals_received_from_ea-vantaa': 'x 0 <5 8',
      'referrals_received_from_hva-vantaa-kerava': 'x 0 0 x',
      referrals_received_from_kela: '0 x 0 x',
      // By ground (not additive across grounds, but each a subset of the received, with a hidden
      // complement as for shares): life 12 0 2 | 14, work 5 6 0 | 11, functional 0 6 0 | 6.
      // Feb: functional 6 and work 6 equal the hidden received 6 (complement 0) → both go, and
      // functional's total (= Feb); work's row then hides Jan 5. Life: Mar small → Jan 12, which
      // equals January's received → received Jan goes; life's total then goes with its
      // complement's row (received 20 − life 14 = 6 = Jan 0 + Feb 6 + Mar 0, with Feb hidden).
      referrals_ground_work_capacity_limitations: 'x x 0 11',
      referrals_ground_functional_capacity_limitations: '0 x 0 x',
      referrals_ground_life_management_problems: 'x 0 <5 x',
      referrals_pending: '0 0 <5 <5',
      referrals_answered: '11 x <5 18',
      // 3 of 18 answered late (a hidden complement of 3) → the total goes, then January.
      referrals_answered_by_respond_by: 'x x <5 x',
      referrals_answered_by_respond_by_percent: '- - - -',
      referrals_answer_days_median: '3 - - 4',
      referrals_answer_days_p90: '20 - - 20',
      relationships_started: '8 x <5 15',
      relationships_active_at_end: '14 17 16 16',
      relationships_ended: '0 <5 <5 5',
      relationships_ended_employed: '0 <5 0 <5',
      relationships_ended_education: '0 0 <5 <5',
      relationships_ended_other_services: '0 0 0 0',
      relationships_ended_moved_abroad: '0 0 0 0',
      relationships_ended_deceased: '0 0 0 0',
      relationships_ended_other: '0 0 0 0',
      relationships_duration_days_median: ' - - 142',
      plans_due: 'x <5 0 7',
      plans_within_3_months: 'x <5 0 7',
      plans_within_3_months_percent: '- -  100',
      days_to_plan_median: '- -  45',
      reviews: 'x 0 <5 6',
      // 1 of 6 late → on time total hidden, then January.
      reviews_on_time: 'x 0 0 x',
      reviews_on_time_percent: '-  - -',
      // Six requests in February, all refused by the due day, in 4, 4, 4, 4, 4 and 10 days.
      review_requests: '0 6 0 6',
      review_requests_refused: '0 6 0 6',
      review_requests_handled_by_due: '0 6 0 6',
      review_requests_handled: '0 6 0 6',
      review_requests_handling_days_median: ' 4  4',
      meetings_held: 'x <5 0 7',
      meetings_client_attended: 'x <5 0 x',
      meetings_client_attended_percent: '- -  -',
      joint_meetings: '6 0 0 6',
      joint_meetings_all_parties: '<5 0 0 <5',
      joint_meetings_all_parties_percent: '-   -',
    });
    // No shown count is 1–4 anywhere.
    for (const i of p.indicators.filter((x) => x.unit === 'persons')) {
      for (const v of [...i.values, i.total])
        if (v.value !== null) expect(v.value === 0 || v.value >= 5).toBe(true);
    }
    expect(p.plansOverdueNow).toEqual({ value: null, suppressed: true, reason: 'small_cell' });
    expect(p.staffing).toEqual({
      on: '2026-03-19',
      targetCaseloadPerFte: 2,
      parties: [
        {
          organisationCode: 'ea-kerava-sipoo',
          committedFte: 1,
          allocatedFte: 0,
          activeClients: { value: 0, suppressed: false, reason: null },
          activeClientsPerAllocatedFte: null,
        },
        {
          organisationCode: 'ea-vantaa',
          committedFte: 2.5,
          allocatedFte: 2,
          activeClients: { value: 16, suppressed: false, reason: null },
          activeClientsPerAllocatedFte: 8,
        },
        {
          organisationCode: 'hva-vantaa-kerava',
          committedFte: 2,
          allocatedFte: 1,
          activeClients: { value: null, suppressed: true, reason: 'small_cell' },
          activeClientsPerAllocatedFte: null,
        },
        {
          organisationCode: 'kela',
          committedFte: 0.5,
          allocatedFte: 0.5,
          activeClients: { value: 0, suppressed: false, reason: null },
          activeClientsPerAllocatedFte: 0,
        },
      ],
      totals: { committedFte: 6, allocatedFte: 3.5 },
    });
    // The 2026 budget split by the agreement (committed FTE; Kela 10 %): Kela 1,000,000 cents,
    // the other 9,000,000 by FTE 1 : 2.5 : 2 of 5.5 → 1,636,363.6 / 4,090,909.1 / 3,272,727.3,
    // rounded down with the one cent left going to the largest remainder (ea-kerava-sipoo).
    expect(p.costShares).toEqual([
      {
        year: 2026,
        agreementId,
        basis: 'budget',
        jointCostsCents: 10_000_000,
        method: 'proportional_to_fte',
        parties: [
          { organisationCode: 'ea-kerava-sipoo', cents: 1_636_364, percent: 16.4 },
          { organisationCode: 'ea-vantaa', cents: 4_090_909, percent: 40.9 },
          { organisationCode: 'hva-vantaa-kerava', cents: 3_272_727, percent: 32.7 },
          { organisationCode: 'kela', cents: 1_000_000, percent: 10 },
        ],
      },
    ]);
    expect(p.targets.map((t) => [t.indicator, t.targetValue, t.actual.value])).toEqual([
      ['plans_within_3_months_percent', 90, 100],
      ['referrals_received', 100, 20],
    ]);
    expect(p.targets[1]?.trend?.map((v) => v.value)).toEqual([null, null, null]);
  });

  it('breaks the area down per employment authority, suppressed together with the area', async () => {
    const plain = await h.t.app.inject({
      method: 'GET',
      url: url(),
      headers: h.as('ea-vantaa', ['coordinator']),
    });
    const res = await h.t.app.inject({
      method: 'GET',
      url: `${url()}&breakdown=employment_authority`,
      headers: h.as('ea-vantaa', ['coordinator']),
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as SituationalPicture;
    // The area's own figures are the same with or without the breakdown.
    expect(p.indicators).toEqual((plain.json() as SituationalPicture).indicators);
    expect(plain.json().byEmploymentAuthority).toBeUndefined();
    const units = p.byEmploymentAuthority ?? [];
    expect(units.map((u) => u.organisationCode)).toEqual(['ea-kerava-sipoo', 'ea-vantaa']);
    const row = (unit: string, code: string) => {
      const i = units.find((u) => u.organisationCode === unit)?.indicators.find((x) => x.code === code);
      return i ? read(i) : '';
    };
    // Received: ea-kerava-sipoo 0 6 0 | 6, ea-vantaa 12 0 2 | 14; the area x x <5 20.
    // The area's hidden Feb = ea-kerava-sipoo's Feb + ea-vantaa's 0 → ea-kerava-sipoo's Feb
    // goes, then its total (= Feb); the area's total 20 (shown) = 6 + 14 → ea-vantaa's total
    // goes too. ea-vantaa's Mar 2 is small; its Jan equals the area's hidden Jan.
    expect(row('ea-kerava-sipoo', 'referrals_received')).toBe('0 x 0 x');
    expect(row('ea-vantaa', 'referrals_received')).toBe('x 0 <5 x');
    // Started: the area 8 x <5 15; ea-kerava-sipoo's 6 in February (the area's Feb is hidden →
    // it goes, then its total), ea-vantaa's 8 0 1 | 9: Mar is small, and its Jan 8 is the
    // area's shown Jan 8 (ea-kerava-sipoo's Jan is 0), so hiding it would protect nothing →
    // its total goes instead.
    expect(row('ea-kerava-sipoo', 'relationships_started')).toBe('0 x 0 x');
    expect(row('ea-vantaa', 'relationships_started')).toBe('8 0 <5 x');
    // No authority's shown count is 1–4.
    for (const u of units)
      for (const i of u.indicators.filter((x) => x.unit === 'persons'))
        for (const v of [...i.values, i.total])
          if (v.value !== null) expect(v.value === 0 || v.value >= 5).toBe(true);
    // Each shown authority count with the area's shown count leaves no single hidden cell.
    for (const code of ['referrals_received', 'relationships_started', 'meetings_held']) {
      const area = p.indicators.find((i) => i.code === code);
      for (let k = 0; k <= p.periods.length; k++) {
        const cellOf = (ind: Indicator | undefined) => (k < p.periods.length ? ind?.values[k] : ind?.total);
        const parts = units.map((u) => cellOf(u.indicators.find((i) => i.code === code)));
        const hidden = [cellOf(area), ...parts].filter((c) => c?.suppressed).length;
        expect(hidden === 0 || hidden >= 2, `${code} ${k}`).toBe(true);
      }
    }
  });

  it('answers CSV with one row per indicator and period', async () => {
    const res = await h.t.app.inject({
      method: 'GET',
      url: url(),
      headers: { ...h.as('ea-vantaa', ['coordinator']), accept: 'text/csv', 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('indicator,label,group,unit,period,value,suppressed');
    expect(lines).toContain('referrals_received,Referrals received,referrals,persons,2026-01,,secondary');
    expect(lines).toContain('referrals_received,Referrals received,referrals,persons,2026-02,,secondary');
    expect(lines).toContain('referrals_received,Referrals received,referrals,persons,2026-03,,small_cell');
    expect(lines).toContain('referrals_received,Referrals received,referrals,persons,total,20,');
    expect(lines).toContain('fte_committed|ea-vantaa,ea-vantaa,staffing,fte,2026-03-19,2.5,');
    // 49 indicators × (3 months + total), overdue, 4 parties × 3, 4 cost shares, 2 targets × 2,
    // and the header.
    expect(lines.length).toBe(49 * 4 + 1 + 12 + 4 + 4 + 1);
    expect(lines).toContain('cost_share|ea-vantaa,ea-vantaa,costs,eur,2026,40909.09,');
    expect(lines).toContain(
      'referrals_ground_life_management_problems,Ground: problems of life management,referrals,persons,total,,secondary',
    );
  });

  it('quarters: one period for the quarter', async () => {
    const res = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${area}/situational-picture?from=2026-02-10&to=2026-03-01&by=quarter`,
      headers: h.as('kela', ['auditor']),
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as SituationalPicture;
    expect(p).toMatchObject({ from: '2026-01-01', to: '2026-03-31', periods: ['2026-Q1'] });
    expect(p.indicators.find((i) => i.code === 'referrals_received')?.values[0]?.value).toBe(20);
  });

  it('who sees it: parties’ coordinators, admins and auditors; others get 404', async () => {
    const cases: Array<[string, string[], number]> = [
      ['ea-vantaa', ['coordinator'], 200],
      ['hva-vantaa-kerava', ['admin'], 200],
      ['kela', ['auditor'], 200],
      ['ea-vantaa', ['caseworker'], 404],
      ['ea-vantaa', ['partner'], 404],
      ['ea-helsinki', ['coordinator'], 404],
      ['ea-helsinki', ['auditor'], 404],
    ];
    for (const [org, roles, status] of cases) {
      const res = await h.t.app.inject({ method: 'GET', url: url(), headers: h.as(org, roles) });
      expect(res.statusCode, `${org} ${roles}`).toBe(status);
    }
    const unknown = await h.t.app.inject({
      method: 'GET',
      url: '/v1/cooperation-areas/00000000-0000-4000-8000-000000000000/situational-picture',
      headers: h.as('kela', ['auditor']),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('management-group members and their deputies see their area’s picture; other staff get 404', async () => {
    // Kela's member and deputy linked to staff records (neither allocated to the area, neither
    // with a role that would let them in otherwise).
    const member = await createStaff(h, 'kela', 'ke-member', 'Kalle Jäsen', []);
    const deputy = await createStaff(h, 'kela', 'ke-deputy', 'Kaisa Varajäsen', []);
    await createStaff(h, 'kela', 'ke-other', 'Kimmo Muu', []);
    const asStaff = (subject: string) => h.as('kela', ['caseworker'], subject);
    const get = (headers: Record<string, string>) => h.t.app.inject({ method: 'GET', url: url(), headers });
    expect((await get(asStaff('ke-member'))).statusCode).toBe(404);
    const linked = await h.t.app.inject({
      method: 'PATCH',
      url: `/v1/management-groups/${groupId}`,
      headers: h.as('kela', ['admin']),
      payload: {
        members: [
          {
            organisationCode: 'kela',
            position: 'member',
            name: 'Kalle Jäsen',
            staffId: member,
            deputy: { name: 'Kaisa Varajäsen', staffId: deputy },
          },
        ],
      },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const asMember = await get(asStaff('ke-member'));
    expect(asMember.statusCode, asMember.body).toBe(200);
    expect(asMember.json().cooperationAreaId).toBe(area);
    expect((await get(asStaff('ke-deputy'))).statusCode).toBe(200);
    // Staff of the same organisation who are not in the group, and the member elsewhere.
    expect((await get(asStaff('ke-other'))).statusCode).toBe(404);
    const elsewhere = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${otherArea}/situational-picture`,
      headers: asStaff('ke-member'),
    });
    expect(elsewhere.statusCode).toBe(404);
    // The page link too.
    const link = await h.t.app.inject({
      method: 'POST',
      url: `/v1/cooperation-areas/${area}/situational-picture/links`,
      headers: asStaff('ke-deputy'),
      payload: { from: '2026-01-01', to: '2026-03-31', lang: 'fi' },
    });
    expect(link.statusCode, link.body).toBe(201);
    const refused = await h.t.app.inject({
      method: 'POST',
      url: `/v1/cooperation-areas/${area}/situational-picture/links`,
      headers: asStaff('ke-other'),
      payload: { from: '2026-01-01', to: '2026-03-31', lang: 'fi' },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('rejects a bad period naming the field, and a period longer than 5 years', async () => {
    const bad = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${area}/situational-picture?from=2026-13-01`,
      headers: h.as('kela', ['auditor']),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json().errors)).toContain('query.from');
    const reversed = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${area}/situational-picture?from=2026-05-01&to=2026-01-31`,
      headers: h.as('kela', ['auditor']),
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].location).toBe('query.from');
    const long = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${area}/situational-picture?from=2025-01-01&to=2031-01-31`,
      headers: h.as('kela', ['auditor']),
    });
    expect(long.statusCode).toBe(400);
    const ancient = await h.t.app.inject({
      method: 'GET',
      url: `/v1/cooperation-areas/${area}/situational-picture?from=0000-01-01&to=2026-01-31`,
      headers: h.as('kela', ['auditor']),
    });
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().errors[0].location).toBe('query.from');
  });
});

describe('GET /v1/situational-picture/national', () => {
  it('rolls the indicators up per employment authority and per county, suppressed per unit, for admins and auditors', async () => {
    for (const groupBy of ['employment_authority', 'wellbeing_county']) {
      const res = await h.t.app.inject({
        method: 'GET',
        url: `/v1/situational-picture/national?from=2026-01-01&to=2026-03-31&groupBy=${groupBy}`,
        headers: h.as('ea-helsinki', ['auditor']),
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        periods: string[];
        units: Array<{ organisationCode: string; indicators: Indicator[] }>;
      };
      expect(body.periods).toEqual(['2026-01', '2026-02', '2026-03']);
      const received = (code: string) => {
        const i = body.units.find((u) => u.organisationCode === code)?.indicators;
        const r = i?.find((x) => x.code === 'referrals_received');
        return r ? read(r) : '';
      };
      if (groupBy === 'employment_authority') {
        // February's 6 are ea-kerava-sipoo's; ea-vantaa has this area's 12 + 2 and the other
        // area's 5 in January: 17 0 2 | 19 → Mar small, then Jan.
        expect(body.units.map((u) => u.organisationCode)).toEqual(['ea-kerava-sipoo', 'ea-vantaa']);
        expect(received('ea-kerava-sipoo')).toBe('0 6 0 6');
        expect(received('ea-vantaa')).toBe('x 0 <5 19');
      } else {
        // Every referral of the facts names hva-vantaa-kerava: this area's 20, the other's 5.
        // January's 17 goes with life management's (named by all 17).
        expect(body.units.map((u) => u.organisationCode)).toEqual(['hva-vantaa-kerava']);
        expect(received('hva-vantaa-kerava')).toBe('x x <5 25');
      }
    }
  });

  it('is refused to caseworkers and coordinators, and needs a grouping', async () => {
    for (const roles of [['caseworker'], ['coordinator']]) {
      const res = await h.t.app.inject({
        method: 'GET',
        url: '/v1/situational-picture/national?groupBy=wellbeing_county',
        headers: h.as('ea-vantaa', roles),
      });
      expect(res.statusCode).toBe(403);
    }
    const missing = await h.t.app.inject({
      method: 'GET',
      url: '/v1/situational-picture/national',
      headers: h.as('kela', ['admin']),
    });
    expect(missing.statusCode).toBe(400);
  });
});

describe('the page from a signed link', () => {
  async function link(org = 'ea-vantaa', roles = ['coordinator']) {
    return h.t.app.inject({
      method: 'POST',
      url: `/v1/cooperation-areas/${area}/situational-picture/links`,
      headers: h.as(org, roles),
      payload: { from: '2026-01-01', to: '2026-03-31', lang: 'sv' },
    });
  }

  it('creates a short-lived link that opens the page without a bearer token', async () => {
    const res = await link();
    expect(res.statusCode, res.body).toBe(201);
    const { url: pageUrl, expiresAt } = res.json() as { url: string; expiresAt: string };
    expect(pageUrl).toMatch(/^\/v1\/situational-picture\/page\?t=.+&lang=sv$/);
    expect(Date.parse(expiresAt) - h.clock.now().getTime()).toBe(15 * 60 * 1000);
    const page = await h.t.app.inject({ method: 'GET', url: pageUrl });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).toContain('Gemensam lägesbild');
    expect(page.body.match(/<svg /g)?.length).toBe(4);
    expect(page.body).toContain('<caption>');
    const fi = await h.t.app.inject({ method: 'GET', url: pageUrl.replace('lang=sv', 'lang=fi') });
    expect(fi.body).toContain('Yhteinen tilannekuva');
  });

  it('refuses an altered, a foreign or an expired token with 404, and a caller who may not read', async () => {
    const { url: pageUrl } = (await link()).json() as { url: string };
    const token = decodeURIComponent(pageUrl.split('t=')[1]?.split('&')[0] ?? '');
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, areaId: otherArea })).toString('base64url');
    for (const t of [
      `${forged}.${signature}`,
      `${payload}.${signature.slice(0, -2)}xx`,
      'not-a-token-at-all',
    ]) {
      const res = await h.t.app.inject({
        method: 'GET',
        url: `/v1/situational-picture/page?t=${encodeURIComponent(t)}`,
      });
      expect(res.statusCode, t).toBe(404);
    }
    h.clock.advance(15 * 60 * 1000 + 1000);
    try {
      const expired = await h.t.app.inject({ method: 'GET', url: pageUrl });
      expect(expired.statusCode).toBe(404);
    } finally {
      h.clock.set(new Date('2026-03-19T10:00:00Z'));
    }
    expect((await link('ea-vantaa', ['caseworker'])).statusCode).toBe(404);
    expect((await link('ea-helsinki', ['admin'])).statusCode).toBe(404);
  });
});
