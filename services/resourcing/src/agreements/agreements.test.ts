import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementContent,
  areaIds,
  createVantaaKeravaGroup,
  PARTIES,
} from '../testing/governance-fixtures.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import { findAgreementSettings } from './agreements.service.js';

describe('cooperation agreements', () => {
  let h: ResourcingTestApp;
  let areas: Record<string, string>;
  let groupId: string;
  let agreementId: string;
  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
    h.t.app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const admin = (org = 'ea-kerava-sipoo') => h.as(org, ['admin'], `${org}-admin`);
  const snapshot = async () => ({
    agreements: await h.count('resourcing.agreements'),
    versions: await h.count('resourcing.agreement_versions'),
    parties: await h.count('resourcing.agreement_parties'),
    commitments: await h.count('resourcing.agreement_commitments'),
    approvals: await h.count('resourcing.agreement_approvals'),
    reviews: await h.count('resourcing.agreement_staffing_reviews'),
    deadlines: await h.count('platform.deadlines'),
    events: await h.count('platform.events'),
  });
  const create = (overrides: Record<string, unknown> = {}, headers: object = admin()) =>
    inject('POST', '/v1/agreements', headers, { managementGroupId: groupId, ...agreementContent(overrides) });

  beforeAll(async () => {
    h = await createResourcingTestApp();
    areas = await areaIds(h);
    groupId = await createVantaaKeravaGroup(h, areas['vantaa-kerava'] ?? '');
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses bad input with a specific code and location each, writing nothing', async () => {
    const base = agreementContent();
    const before = await snapshot();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { staffingCommitments: [{ organisationCode: 'kela', taskTitle: 'x', headcount: 1, fte: -0.5 }] },
        'COMMITMENT_FTE_INVALID',
        'body.staffingCommitments[0].fte',
      ],
      [
        { staffingCommitments: [{ organisationCode: 'kela', taskTitle: 'x', headcount: 2, fte: 2.5 }] },
        'COMMITMENT_FTE_INVALID',
        'body.staffingCommitments[0].fte',
      ],
      [
        {
          costSharing: { method: 'agreed_percentages' },
          parties: [
            { organisationCode: 'ea-kerava-sipoo', costSharePercent: 30 },
            { organisationCode: 'ea-vantaa', costSharePercent: 30 },
            { organisationCode: 'hva-vantaa-kerava', costSharePercent: 39.99 },
            { organisationCode: 'kela' },
          ],
        },
        'COST_SHARES_NOT_100',
        'body.parties',
      ],
      [
        { parties: [...base.parties, { organisationCode: 'hva-lappi' }] },
        'NOT_A_PARTY_OF_AREA',
        'body.parties[4].organisationCode',
      ],
      [
        {
          parties: base.parties.filter((p) => p.organisationCode !== 'kela'),
          staffingCommitments: [],
        },
        'AGREEMENT_KELA_MISSING',
        'body.parties',
      ],
      [
        {
          parties: base.parties.filter((p) => p.organisationCode !== 'hva-vantaa-kerava'),
          staffingCommitments: [],
        },
        'AGREEMENT_PARTY_MISSING',
        'body.parties',
      ],
      [{ validFrom: '2026-06-01', validTo: '2026-05-31' }, 'AGREEMENT_DATES_OUT_OF_ORDER', 'body.validTo'],
      [
        { staffingCommitments: [{ organisationCode: 'ea-porvoo', taskTitle: 'x', headcount: 1, fte: 1 }] },
        'AGREEMENT_COMMITMENT_PARTY_UNKNOWN',
        'body.staffingCommitments[0].organisationCode',
      ],
      [
        { kelaContribution: { kind: 'share', percent: 120 } },
        'KELA_CONTRIBUTION_INVALID',
        'body.kelaContribution.percent',
      ],
      [
        { parties: base.parties.map((p) => ({ ...p, costSharePercent: 25 })) },
        'COST_SHARES_INVALID',
        'body.parties[0].costSharePercent',
      ],
    ];
    for (const [overrides, code, location] of cases) {
      const res = await create(overrides, { ...admin(), 'accept-language': 'fi' });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code,
        errors: expect.arrayContaining([expect.objectContaining({ location })]),
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('drafts version 1 with an ETag and the staffing-review deadline', async () => {
    const before = await snapshot();
    const res = await create();
    expect(res.statusCode, res.body).toBe(201);
    agreementId = res.json().id;
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      version: 1,
      currentVersion: 1,
      approvedVersion: null,
      inForce: false,
      settings: {
        referralResponseDays: 10,
        reviewRequestResponseDays: 14,
        reminderLeadDays: [14, 3],
        targetCaseloadPerFte: 2,
      },
      kelaContribution: { kind: 'share', percent: 10, amountCents: null },
      // 1 Jan 2027 is New Year's Day: the deadline moves to Monday 4 Jan (150/1930 §5).
      nextStaffingReviewDueOn: '2027-01-04',
    });
    const after = await snapshot();
    expect(after).toMatchObject({
      agreements: before.agreements + 1,
      versions: before.versions + 1,
      deadlines: before.deadlines + 1,
    });
    // Not in force yet: the defaults apply.
    expect(await findAgreementSettings(h.database.db, areas['vantaa-kerava'] ?? '', '2026-03-19')).toEqual({
      referralResponseDays: 14,
      reviewRequestResponseDays: 14,
      reminderLeadDays: [14, 3],
      targetCaseloadPerFte: 40,
      preRelationshipRetentionDays: null,
      source: 'default',
      agreementId: null,
      agreementVersion: null,
    });
  });

  it('refuses an overlapping agreement for the same area (409)', async () => {
    const before = await snapshot();
    const res = await create({ validFrom: '2027-06-01', validTo: null });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'AGREEMENT_VALIDITY_OVERLAP',
      overlappingAgreementIds: [agreementId],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('comes into force when every party has approved the current version', async () => {
    const missing = await inject('POST', `/v1/agreements/${agreementId}/approvals`, admin('kela'), {
      approvedOn: '2026-01-02',
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().errors[0].location).toBe('header.if-match');
    const stale = await inject(
      'POST',
      `/v1/agreements/${agreementId}/approvals`,
      { ...admin('kela'), 'if-match': '"7"' },
      {
        approvedOn: '2026-01-02',
      },
    );
    expect(stale.statusCode).toBe(412);
    for (const [i, org] of PARTIES.entries()) {
      const res = await inject(
        'POST',
        `/v1/agreements/${agreementId}/approvals`,
        { ...admin(org), 'if-match': '"1"' },
        {
          approvedOn: '2026-01-02',
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().inForce).toBe(i === PARTIES.length - 1);
    }
    const events = (
      await h.database.pool.query('SELECT type FROM platform.events WHERE subject_id = $1 ORDER BY id', [
        agreementId,
      ])
    ).rows.map((r) => r.type);
    expect(events).toEqual([
      'agreement.created',
      ...PARTIES.map(() => 'agreement.party_approved'),
      'agreement.approved',
    ]);
    const settings = await findAgreementSettings(h.database.db, areas['vantaa-kerava'] ?? '', '2026-03-19');
    expect(settings).toMatchObject({
      source: 'agreement',
      agreementId,
      agreementVersion: 1,
      referralResponseDays: 10,
      targetCaseloadPerFte: 2,
    });
    // Again: no new row, no event.
    const before = await snapshot();
    await inject(
      'POST',
      `/v1/agreements/${agreementId}/approvals`,
      { ...admin('kela'), 'if-match': '"1"' },
      { approvedOn: '2026-01-02' },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('writes a new version on PUT with If-Match; stale and missing ETags are refused', async () => {
    const url = `/v1/agreements/${agreementId}`;
    const content = agreementContent({ settings: { referralResponseDays: 7, targetCaseloadPerFte: 2 } });
    const before = await snapshot();
    expect((await inject('PUT', url, admin(), content)).statusCode).toBe(428);
    expect((await inject('PUT', url, { ...admin(), 'if-match': '"2"' }, content)).statusCode).toBe(412);
    expect(await snapshot()).toEqual(before);
    const same = await inject('PUT', url, { ...admin(), 'if-match': '"1"' }, agreementContent());
    expect(same.statusCode).toBe(200);
    expect(same.json().currentVersion).toBe(1);
    expect(await snapshot()).toEqual(before);
    const res = await inject('PUT', url, { ...admin('hva-vantaa-kerava'), 'if-match': 'W/"1"' }, content);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      version: 2,
      approvedVersion: 1,
      inForce: false,
      settings: { referralResponseDays: 7 },
    });
    const replay = await inject('PUT', url, { ...admin(), 'if-match': '"1"' }, content);
    expect(replay.statusCode).toBe(412);
    const versions = await inject('GET', `${url}/versions`, h.as('ea-vantaa', ['coordinator']));
    expect(
      versions
        .json()
        .items.map((v: { version: number; settings: { referralResponseDays: number } }) => [
          v.version,
          v.settings.referralResponseDays,
        ]),
    ).toEqual([
      [2, 7],
      [1, 10],
    ]);
    const v1 = await inject('GET', `${url}/versions/1`, h.as('kela', ['coordinator']));
    expect(v1.json().parties.every((p: { approval: unknown }) => p.approval !== null)).toBe(true);
    // Out of force until every party approves version 2.
    expect(
      (await findAgreementSettings(h.database.db, areas['vantaa-kerava'] ?? '', '2026-03-19')).source,
    ).toBe('default');
    for (const org of PARTIES) {
      await inject(
        'POST',
        `${url}/approvals`,
        { ...admin(org), 'if-match': '"2"' },
        { approvedOn: '2026-03-18' },
      );
    }
    expect(
      (await findAgreementSettings(h.database.db, areas['vantaa-kerava'] ?? '', '2026-03-19'))
        .referralResponseDays,
    ).toBe(7);
    expect(
      (await findAgreementSettings(h.database.db, areas['vantaa-kerava'] ?? '', '2028-01-01')).source,
    ).toBe('default');
  });

  it('takes every If-Match form of the one ETag format and answers 428/412 as problem+json', async () => {
    const url = `/v1/agreements/${agreementId}`;
    const current = agreementContent({ settings: { referralResponseDays: 7, targetCaseloadPerFte: 2 } });
    const before = await snapshot();
    for (const tag of ['"2"', '"r2"', 'W/"2"', '*', '"1", "2"']) {
      const res = await inject('PUT', url, { ...admin(), 'if-match': tag }, current);
      expect(res.statusCode, tag).toBe(200);
      expect(res.headers.etag).toBe('"2"');
    }
    const missing = await inject('PUT', url, admin(), current);
    expect(missing.statusCode).toBe(428);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({
      code: 'PRECONDITION_REQUIRED',
      errors: [{ location: 'header.if-match', rule: 'required' }],
    });
    const stale = await inject('PUT', url, { ...admin(), 'if-match': '"r1"' }, current);
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.json()).toMatchObject({
      code: 'PRECONDITION_FAILED',
      currentETag: '"2"',
      currentVersion: 2,
      errors: [{ location: 'header.if-match', rule: 'etag' }],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('records staffing reviews: the deadline is met and the next one due 12 months later', async () => {
    const url = `/v1/agreements/${agreementId}/staffing-reviews`;
    const future = await inject('POST', url, admin('hva-vantaa-kerava'), {
      reviewedOn: '2026-04-01',
      adequate: true,
      conclusion: 'x',
    });
    expect(future.json().code).toBe('STAFFING_REVIEW_IN_FUTURE');
    const res = await inject('POST', url, admin('hva-vantaa-kerava'), {
      reviewedOn: '2026-03-16',
      adequate: false,
      conclusion: 'Kela’s share of staff is short by 0.5 FTE; to be added in the next version.',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ nextReviewDueOn: '2027-03-16', adequate: false, agreementVersion: 2 });
    const rows = (
      await h.database.pool.query(
        "SELECT status, due_on, met_on FROM platform.deadlines WHERE kind = 'agreement.staffing_review' AND subject_id = $1 ORDER BY status",
        [agreementId],
      )
    ).rows;
    expect(rows).toEqual([
      { status: 'met', due_on: '2027-01-04', met_on: '2026-03-16' },
      { status: 'pending', due_on: '2027-03-16', met_on: null },
    ]);
    const list = await inject('GET', url, h.as('kela', ['coordinator']));
    expect(list.json().items).toHaveLength(1);
    expect(
      (await inject('GET', `/v1/agreements/${agreementId}`, admin())).json().nextStaffingReviewDueOn,
    ).toBe('2027-03-16');
  });

  it('splits joint costs to the cent with the arithmetic in words', async () => {
    // FTE: ea-kerava-sipoo 1, ea-vantaa 2.5, hva 2 (= 5.5); Kela 10 %.
    const res = await inject(
      'GET',
      `/v1/agreements/${agreementId}/cost-shares?year=2026&jointCosts=10000001`,
      {
        ...h.as('ea-vantaa', ['coordinator']),
        'accept-language': 'en',
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kela).toMatchObject({ organisationCode: 'kela', cents: 1000000, percent: 10 });
    expect(body.sharedCents).toBe(9000001);
    const cents = Object.fromEntries(
      body.shares.map((s: { organisationCode: string; cents: number }) => [s.organisationCode, s.cents]),
    );
    // 9000001 × 1/5.5 = 1636363.8…, × 2.5/5.5 = 4090909.5…, × 2/5.5 = 3272727.6…: floors sum to 8999999.
    expect(cents).toEqual({ 'ea-kerava-sipoo': 1636364, 'ea-vantaa': 4090909, 'hva-vantaa-kerava': 3272728 });
    expect(body.kela.cents + body.shares.reduce((s: number, x: { cents: number }) => s + x.cents, 0)).toBe(
      10000001,
    );
    expect(body.arithmetic.join('\n')).toContain(
      'largest remainders (ea-kerava-sipoo and hva-vantaa-kerava)',
    );
    const fi = await inject(
      'GET',
      `/v1/agreements/${agreementId}/cost-shares?year=2026&jointCosts=10000001`,
      {
        ...admin(),
        'accept-language': 'fi',
      },
    );
    expect(fi.json().arithmetic[0]).toBe('Yhteiset kustannukset vuonna 2026: 100 000,01 €.');
    const outside = await inject(
      'GET',
      `/v1/agreements/${agreementId}/cost-shares?year=2029&jointCosts=100`,
      admin(),
    );
    expect(outside.json().code).toBe('COST_SHARE_YEAR_OUTSIDE_VALIDITY');
    const hidden = await inject(
      'GET',
      `/v1/agreements/${agreementId}/cost-shares?year=2026&jointCosts=100`,
      h.as('hva-lappi', ['admin']),
    );
    expect(hidden.statusCode).toBe(404);
  });
});
