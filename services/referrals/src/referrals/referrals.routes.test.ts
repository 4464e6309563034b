import { planDueOn, referralRespondBy } from '@tym/domain';
import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/** A response body without its uuids, so a code-shaped run of digits inside an id cannot match. */
const withoutIds = (body: string) =>
  body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '');

describe('referrals', () => {
  let h: ReferralsTestApp;
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw');
  const counts = async () => ({
    clients: await h.count('referrals.clients'),
    referrals: await h.count('referrals.referrals'),
    events: await h.count('platform.events'),
    deadlines: await h.count('platform.deadlines'),
    log: await h.count('referrals.access_log'),
  });
  const post = (body: unknown, headers = kela()) =>
    h.t.app.inject({ method: 'POST', url: '/v1/referrals', headers, payload: body as object });

  beforeAll(async () => {
    h = await createReferralsTestApp();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['pirkanmaa'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    await h.staff({ org: 'ea-kerava-sipoo', sub: 'ea-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('submits a referral routed by the home municipality, with a response date and deadline', async () => {
    const code = makeHetu('010190', '-', '123');
    const res = await post(referralBody(code));
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(body).toMatchObject({
      status: 'submitted',
      cooperationAreaId: h.area('vantaa-kerava'),
      homeMunicipalityCode: '245',
      employmentAuthorityCode: 'ea-kerava-sipoo',
      wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
      referringOrganisationCode: 'kela',
      grounds: ['life_management_problems', 'work_capacity_limitations'],
      submittedOn: '2026-03-19',
      respondBy: referralRespondBy('2026-03-19', 14).dueOn,
      responseDays: 14,
    });
    // Nothing personal in the creating answer (it is stored for idempotent replays).
    expect(res.body).not.toContain(code);
    expect(res.body).not.toContain('Meikäläinen');
    const deadline = await h.database.pool.query(
      `SELECT kind, due_on, status, rule FROM platform.deadlines WHERE subject_id = $1`,
      [body.id],
    );
    expect(deadline.rows).toEqual([
      { kind: 'referral.response', due_on: body.respondBy, status: 'pending', rule: 'referral.response' },
    ]);
    const events = await h.database.pool.query(
      `SELECT type, organisation_codes, payload FROM platform.events WHERE subject_id = $1 AND type LIKE 'referral.%'`,
      [body.id],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].type).toBe('referral.submitted');
    // The client's three parties; not Vantaa, another employment authority of the area.
    expect(events.rows[0].organisation_codes).toEqual(['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela']);
    expect(JSON.stringify(events.rows[0].payload)).not.toContain(code);
    // The identity code is stored only encrypted.
    const stored = await h.database.pool.query('SELECT * FROM referrals.clients WHERE id = $1', [
      body.clientId,
    ]);
    expect(JSON.stringify(stored.rows)).not.toContain(code);
    expect(stored.rows[0].identity_code_encrypted).toMatch(/^v1\.test\./);
  });

  it('replays a repeat with the same Idempotency-Key and refuses another body with it', async () => {
    const body = referralBody(makeHetu('020290', '-', '234'));
    const headers = { ...kela(), 'idempotency-key': 'ref-1' };
    const first = await post(body, headers);
    const before = await counts();
    const again = await post(body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await post({ ...body, description: 'Something else.' }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await counts()).toEqual(before);
  });

  const bad: Array<[string, unknown, number, string, string]> = [
    [
      'a wrong checksum',
      referralBody('010190-123A'),
      422,
      'IDENTITY_CODE_CHECKSUM_MISMATCH',
      'body.client.identityCode',
    ],
    [
      'an impossible date',
      referralBody('310290-123A'),
      422,
      'IDENTITY_CODE_DATE_INVALID',
      'body.client.identityCode',
    ],
    [
      'an unknown century sign',
      referralBody('010190G123A'),
      422,
      'IDENTITY_CODE_CENTURY_SIGN_UNKNOWN',
      'body.client.identityCode',
    ],
    [
      'a malformed code',
      referralBody('1234'),
      422,
      'IDENTITY_CODE_FORMAT_INVALID',
      'body.client.identityCode',
    ],
    [
      'an unknown municipality',
      referralBody(makeHetu('030390', '-', '345'), '999'),
      422,
      'CLIENT_MUNICIPALITY_UNKNOWN',
      'body.client.homeMunicipalityCode',
    ],
    [
      'an Åland municipality',
      referralBody(makeHetu('030390', '-', '345'), '478'),
      422,
      'MUNICIPALITY_OUTSIDE_TYM',
      'body.client.homeMunicipalityCode',
    ],
    [
      'empty grounds',
      referralBody(makeHetu('030390', '-', '345'), '245', { grounds: [] }),
      422,
      'REFERRAL_GROUNDS_REQUIRED',
      'body.grounds',
    ],
    [
      'an unknown ground',
      referralBody(makeHetu('030390', '-', '345'), '245', { grounds: ['laziness'] }),
      400,
      'VALIDATION_FAILED',
      'body.grounds[0]',
    ],
    [
      'an unknown field',
      referralBody(makeHetu('030390', '-', '345'), '245', { priority: 'high' }),
      400,
      'VALIDATION_FAILED',
      'body.priority',
    ],
  ];
  it.each(bad)(
    'refuses %s with a specific problem and writes nothing',
    async (_name, body, status, code, location) => {
      const before = await counts();
      const res = await post(body);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
      expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
      expect(withoutIds(res.body)).not.toMatch(/\d{6}[-+A-FU-Y]\d{3}/);
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses an unconfigured employment area', async () => {
    // Every mainland municipality has an area in the reference data; an administrator can
    // take one out (PATCH of an area's members), which this simulates for Pukkila (616).
    const pool = h.database.pool;
    await pool.query(`DELETE FROM resourcing.employment_area_municipalities WHERE municipality_code = '616'`);
    try {
      const before = await counts();
      const res = await post(referralBody(makeHetu('040490', '-', '456'), '616'));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('EMPLOYMENT_AREA_NOT_CONFIGURED');
      expect(await counts()).toEqual(before);
    } finally {
      await pool.query(`INSERT INTO resourcing.employment_area_municipalities VALUES ('616', 'porvoo')`);
    }
  });

  it('refuses a second pending referral of the client to the same area', async () => {
    const code = makeHetu('050590', '-', '567');
    const first = await post(referralBody(code));
    const before = await counts();
    const second = await post(referralBody(code), ea());
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'REFERRAL_ALREADY_PENDING',
      existingReferralId: first.json().id,
    });
    expect(await counts()).toEqual(before);
  });

  it('creates one client when two parties refer a new person at the same time', async () => {
    const code = makeHetu('151290', '-', '867');
    // Two of the client's parties: whichever is second learns of the first's referral.
    const results = await Promise.all([post(referralBody(code), hva()), post(referralBody(code), ea())]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const conflict = results.find((r) => r.statusCode === 409);
    expect(conflict?.json().code).toBe('REFERRAL_ALREADY_PENDING');
    expect(await h.count('referrals.clients', `identity_code_index = '${h.pii.blindIndex(code)}'`)).toBe(1);
  });

  it('refuses a names mismatch on an existing identity code instead of overwriting the record', async () => {
    const code = makeHetu('060690', '-', '678');
    await post(referralBody(code));
    const before = await counts();
    // By a party of the client (who may see it): Kerava–Sipoo's caseworker allocated to the area.
    const res = await post(
      {
        ...referralBody(code),
        client: { ...referralBody(code).client, firstNames: 'Kalle', lastName: 'Virtanen' },
      },
      ea(),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CLIENT_DETAILS_MISMATCH');
    expect(await counts()).toEqual(before);
  });

  it('lists the inbox of allocated areas, and the referrer’s own referrals', async () => {
    const inbox = await h.t.app.inject({
      method: 'GET',
      url: '/v1/referrals?status=submitted&limit=2',
      headers: hva(),
    });
    expect(inbox.statusCode).toBe(200);
    const page1 = inbox.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    expect(withoutIds(inbox.body)).not.toMatch(/\d{6}[-+A-FU-Y]\d{3}/);
    expect(page1.items[0]).not.toHaveProperty('description');
    const page2 = await h.t.app.inject({
      method: 'GET',
      url: `/v1/referrals?status=submitted&limit=2&cursor=${page1.nextCursor}`,
      headers: hva(),
    });
    const ids = [...page1.items, ...page2.json().items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mine = await h.t.app.inject({ method: 'GET', url: '/v1/referrals', headers: kela() });
    expect(mine.json().items.length).toBeGreaterThanOrEqual(3);
    const stranger = await h.t.app.inject({
      method: 'GET',
      url: '/v1/referrals',
      headers: h.as('hva-pirkanmaa', ['caseworker'], 'nobody'),
    });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('STAFF_RECORD_REQUIRED');
    const bad = await h.t.app.inject({ method: 'GET', url: '/v1/referrals?cursor=nonsense', headers: hva() });
    expect(bad.statusCode).toBe(400);
  });

  it('accepts once: the case starts with its plan deadline; the second accept is 409', async () => {
    const created = (await post(referralBody(makeHetu('070790', '-', '789')))).json();
    const accept = () =>
      h.t.app.inject({
        method: 'POST',
        url: `/v1/referrals/${created.id}/accept`,
        headers: hva(),
        payload: {},
      });
    const res = await accept();
    expect(res.statusCode).toBe(200);
    const { referral, case: kase } = res.json();
    expect(referral.status).toBe('accepted');
    expect(referral.caseId).toBe(kase.id);
    expect(kase).toMatchObject({
      status: 'assessment',
      assessmentStartedOn: '2026-03-19',
      planDueOn: planDueOn('2026-03-19').dueOn,
    });
    // 19 June 2026 is Midsummer Eve: the plan deadline moves to Monday 22 June (150/1930 §5).
    expect(kase.planDueOn).toBe('2026-06-22');
    const deadlines = await h.database.pool.query(
      `SELECT kind, status FROM platform.deadlines WHERE subject_id IN ($1, $2) ORDER BY kind`,
      [created.id, kase.id],
    );
    expect(deadlines.rows).toEqual([
      { kind: 'plan.due', status: 'pending' },
      { kind: 'referral.response', status: 'met' },
    ]);
    const again = await accept();
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'REFERRAL_NOT_SUBMITTED', currentStatus: 'accepted' });
    expect(referral.transitions.map((t: { toStatus: string }) => t.toStatus)).toEqual([
      'submitted',
      'accepted',
    ]);
  });

  it('lets exactly one of two concurrent accepts win', async () => {
    const created = (await post(referralBody(makeHetu('080890', '-', '890')))).json();
    const results = await Promise.all([
      h.t.app.inject({
        method: 'POST',
        url: `/v1/referrals/${created.id}/accept`,
        headers: hva(),
        payload: {},
      }),
      h.t.app.inject({
        method: 'POST',
        url: `/v1/referrals/${created.id}/accept`,
        headers: ea(),
        payload: {},
      }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await h.count('referrals.cases', `referral_id = '${created.id}'`)).toBe(1);
    expect(
      await h.count('platform.events', `type = 'referral.accepted' AND subject_id = '${created.id}'`),
    ).toBe(1);
  });

  it('refuses a referral of a client with an open case, naming the case', async () => {
    const code = makeHetu('090990', '-', '801');
    const created = (await post(referralBody(code))).json();
    const accepted = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${created.id}/accept`,
      headers: hva(),
      payload: { assessmentStartOn: '2026-03-20' },
    });
    expect(accepted.statusCode).toBe(200);
    const before = await counts();
    const again = await post(referralBody(code), ea());
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'REFERRAL_CLIENT_HAS_OPEN_CASE',
      existingCaseId: accepted.json().case.id,
    });
    expect(await counts()).toEqual(before);
  });

  it('validates the assessment start date', async () => {
    const created = (await post(referralBody(makeHetu('101090', '-', '812')))).json();
    for (const day of ['2026-03-18', '2026-06-18']) {
      const res = await h.t.app.inject({
        method: 'POST',
        url: `/v1/referrals/${created.id}/accept`,
        headers: hva(),
        payload: { assessmentStartOn: day },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'REFERRAL_ASSESSMENT_START_INVALID' });
      expect(res.json().errors[0].location).toBe('body.assessmentStartOn');
    }
    expect(await h.count('referrals.cases', `referral_id = '${created.id}'`)).toBe(0);
  });

  it('declines with a reason and keeps the transition; withdrawing then is 409', async () => {
    const created = (await post(referralBody(makeHetu('111190', '-', '823')))).json();
    const res = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${created.id}/decline`,
      headers: hva(),
      payload: {
        reasonCode: 'single_authority_sufficient',
        reasonText: 'Employment services alone suffice.',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'declined',
      declineReasonCode: 'single_authority_sufficient',
    });
    expect(res.json().transitions.at(-1)).toMatchObject({
      fromStatus: 'submitted',
      toStatus: 'declined',
      actorOrganisation: 'hva-vantaa-kerava',
      reasonCode: 'single_authority_sufficient',
    });
    const withdraw = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${created.id}/withdraw`,
      headers: kela(),
      payload: {},
    });
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json().code).toBe('REFERRAL_NOT_SUBMITTED');
  });

  it('lets only the referrer withdraw, and cancels the response deadline', async () => {
    const created = (await post(referralBody(makeHetu('121290', '-', '834')))).json();
    const byOther = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${created.id}/withdraw`,
      headers: hva(),
      payload: {},
    });
    expect(byOther.statusCode).toBe(403);
    expect(byOther.json().code).toBe('REFERRAL_WITHDRAW_NOT_REFERRER');
    const res = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${created.id}/withdraw`,
      headers: kela(),
      payload: { reasonText: 'Client moved abroad.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect(await h.count('platform.deadlines', `subject_id = '${created.id}' AND status = 'cancelled'`)).toBe(
      1,
    );
    // The referrer is not allocated to the area and may not accept.
    const created2 = (await post(referralBody(makeHetu('131290', '-', '845')))).json();
    const acceptByReferrer = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${created2.id}/accept`,
      headers: kela(),
      payload: {},
    });
    expect(acceptByReferrer.statusCode).toBe(403);
    expect(acceptByReferrer.json().code).toBe('REFERRAL_DECISION_NOT_ALLOWED');
  });

  it('answers 404 for a referral the caller may not see', async () => {
    const created = (await post(referralBody(makeHetu('141290', '-', '856')))).json();
    await h.staff({ org: 'hva-pirkanmaa', sub: 'pirkka', roles: ['caseworker'], areas: ['pirkanmaa'] });
    const res = await h.t.app.inject({
      method: 'GET',
      url: `/v1/referrals/${created.id}`,
      headers: h.as('hva-pirkanmaa', ['caseworker'], 'pirkka'),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('REFERRAL_NOT_FOUND');
    const missing = await h.t.app.inject({
      method: 'GET',
      url: '/v1/referrals/00000000-0000-4000-8000-000000000000',
      headers: hva(),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('REFERRAL_NOT_FOUND');
    const own = await h.t.app.inject({ method: 'GET', url: `/v1/referrals/${created.id}`, headers: hva() });
    expect(own.statusCode).toBe(200);
    expect(own.json().description).toContain('coordinated support');
  });
});
