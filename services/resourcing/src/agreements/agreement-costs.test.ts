import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementContent, areaIds, createVantaaKeravaGroup } from '../testing/governance-fixtures.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

/**
 * The cost split of 381/2023 §10: by the number of staff unless agreed otherwise, with the
 * year's joint-cost budget and actual costs kept beside it and split the same way.
 */
describe('agreement joint costs: headcount by default, budget and actual costs', () => {
  let h: ResourcingTestApp;
  let agreementId = '';
  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
    h.t.app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const admin = (org = 'ea-kerava-sipoo') => h.as(org, ['admin'], `${org}-admin`);

  beforeAll(async () => {
    h = await createResourcingTestApp();
    const areas = await areaIds(h);
    const groupId = await createVantaaKeravaGroup(h, areas['vantaa-kerava'] ?? '');
    const { costSharing: _omitted, ...content } = agreementContent();
    const res = await inject('POST', '/v1/agreements', admin(), { managementGroupId: groupId, ...content });
    expect(res.statusCode, res.body).toBe(201);
    agreementId = res.json().id;
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('splits by headcount when the agreement says nothing else', async () => {
    const a = await inject('GET', `/v1/agreements/${agreementId}`, admin());
    expect(a.json().costSharing).toEqual({
      method: 'proportional_to_headcount',
      costShareBasis: 'headcount',
    });
    // Headcount: ea-kerava-sipoo 1, ea-vantaa 3, hva 2 (= 6); Kela 10 %.
    const res = await inject(
      'GET',
      `/v1/agreements/${agreementId}/cost-shares?year=2026&jointCosts=10000000`,
      admin(),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().method).toBe('proportional_to_headcount');
    expect(
      res
        .json()
        .shares.map((s: { organisationCode: string; headcount: number; cents: number }) => [
          s.organisationCode,
          s.headcount,
          s.cents,
        ]),
    ).toEqual([
      ['ea-kerava-sipoo', 1, 1_500_000],
      ['ea-vantaa', 3, 4_500_000],
      ['hva-vantaa-kerava', 2, 3_000_000],
    ]);
    expect(res.json()).toMatchObject({ budget: null, actual: null });
  });

  it('keeps the year’s budget and actual costs and splits both', async () => {
    const url = `/v1/agreements/${agreementId}/joint-costs/2026`;
    const outsider = await inject('PUT', url, h.as('hva-lappi', ['admin']), { budgetCents: 1 });
    expect(outsider.statusCode).toBe(404);
    const negative = await inject('PUT', url, admin(), { budgetCents: -1 });
    expect(negative.statusCode).toBe(400);
    expect(await h.count('resourcing.agreement_joint_costs')).toBe(0);

    const put = await inject('PUT', url, admin(), { budgetCents: 10_000_000, actualCents: 9_000_001 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ year: 2026, budgetCents: 10_000_000, actualCents: 9_000_001 });
    const list = await inject('GET', `/v1/agreements/${agreementId}/joint-costs`, admin('hva-vantaa-kerava'));
    expect(list.json().items).toEqual([expect.objectContaining({ year: 2026, budgetCents: 10_000_000 })]);

    // Without jointCosts the actual costs are split; the budget beside them.
    const res = await inject('GET', `/v1/agreements/${agreementId}/cost-shares?year=2026`, admin());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.jointCostsCents).toBe(9_000_001);
    expect(body.budget.jointCostsCents).toBe(10_000_000);
    expect(body.budget.shares.map((s: { cents: number }) => s.cents)).toEqual([
      1_500_000, 4_500_000, 3_000_000,
    ]);
    // 9 000 001 − Kela 900 000 = 8 100 001 by 1 : 3 : 2; the cent left over goes to ea-vantaa (½).
    expect(body.actual.kela.cents).toBe(900_000);
    expect(body.actual.shares.map((s: { cents: number }) => s.cents)).toEqual([
      1_350_000, 4_050_001, 2_700_000,
    ]);
    expect(body.shares).toEqual(body.actual.shares);

    const none = await inject('GET', `/v1/agreements/${agreementId}/cost-shares?year=2027`, admin());
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({
      code: 'JOINT_COSTS_NOT_RECORDED',
      errors: [{ location: 'query.jointCosts' }],
    });
  });
  it('splits by FTE only when the parties agree so, and refuses percentages under a proportional rule', async () => {
    const { costSharing: _omitted, ...content } = agreementContent();
    const percentages = await inject(
      'PUT',
      `/v1/agreements/${agreementId}`,
      { ...admin(), 'if-match': '"1"' },
      { ...content, parties: content.parties.map((p) => ({ ...p, costSharePercent: 25 })) },
    );
    expect(percentages.statusCode, percentages.body).toBe(422);
    expect(percentages.json().code).toBe('COST_SHARES_INVALID');
    const fte = await inject(
      'PUT',
      `/v1/agreements/${agreementId}`,
      { ...admin(), 'if-match': '"1"' },
      { ...content, costSharing: { method: 'proportional_to_fte' } },
    );
    expect(fte.statusCode, fte.body).toBe(200);
    expect(fte.json().costSharing).toEqual({ method: 'proportional_to_fte', costShareBasis: 'fte' });
    // FTE: ea-kerava-sipoo 1, ea-vantaa 2.5, hva 2 (= 5.5); the recorded budget, split again.
    const res = await inject('GET', `/v1/agreements/${agreementId}/cost-shares?year=2026`, admin());
    expect(res.json().method).toBe('proportional_to_fte');
    expect(res.json().budget.shares.map((s: { cents: number }) => s.cents)).toEqual([
      1_636_364, 4_090_909, 3_272_727,
    ]);
  });
});
