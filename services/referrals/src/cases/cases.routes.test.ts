import { erasureDueOn, planDueOn, reviewRequestDueOn } from '@tym/domain';
import { makeHetu } from '@tym/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';
import {
  findCase,
  findCaseParties,
  findCaseTeam,
  findOpenCasesByArea,
  setCaseActive,
} from './cases.queries.js';

describe('cases', () => {
  let h: ReferralsTestApp;
  const ids: Record<string, string> = {};
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw');
  const inject = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  /** Kela refers a client of `municipality`; the HVA caseworker accepts. */
  async function openCase(code: string, municipality = '245', accepter = hva()) {
    const referral = await inject('POST', '/v1/referrals', kela(), referralBody(code, municipality));
    expect(referral.statusCode).toBe(201);
    const accepted = await inject('POST', `/v1/referrals/${referral.json().id}/accept`, accepter, {});
    expect(accepted.statusCode).toBe(200);
    return { referral: referral.json(), caseId: accepted.json().case.id as string };
  }

  beforeAll(async () => {
    h = await createReferralsTestApp();
    ids.kela = await h.staff({
      org: 'kela',
      sub: 'kela-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.pirkka = await h.staff({
      org: 'hva-pirkanmaa',
      sub: 'pirkka',
      roles: ['caseworker'],
      areas: ['pirkanmaa'],
    });
    ids.helsinki = await h.staff({
      org: 'helsinki',
      sub: 'hki-cw',
      roles: ['caseworker'],
      areas: ['helsinki'],
    });
    ids.kelaHki = await h.staff({ org: 'kela', sub: 'kela-hki', roles: ['caseworker'], areas: ['helsinki'] });
    ids.inactive = await h.staff({ org: 'ea-vantaa', sub: 'gone', roles: ['caseworker'], active: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs the whole path as caseworkers of three organisations', async () => {
    const code = makeHetu('150385', '-', '321');
    // Kela refers a Kerava client; it lands in the Vantaa–Kerava HVA area's inbox.
    const { referral, caseId } = await openCase(code);
    expect(referral.cooperationAreaId).toBe(h.area('vantaa-kerava'));

    // On the team, the HVA caseworker sees the identity code in full; Kela (referrer) masked.
    const full = await inject('GET', `/v1/clients/${referral.clientId}`, hva());
    expect(full.json()).toMatchObject({ identityCode: code, identityCodeMasked: false });
    const masked = await inject('GET', `/v1/clients/${referral.clientId}`, kela());
    expect(masked.json()).toMatchObject({
      identityCode: `${code.slice(0, 7)}****`,
      identityCodeMasked: true,
    });

    // The team: the employment authority and Kela join.
    const addEa = await inject('POST', `/v1/cases/${caseId}/team`, hva(), {
      staffId: ids.ea,
      role: 'member',
    });
    expect(addEa.statusCode).toBe(200);
    const addKela = await inject('POST', `/v1/cases/${caseId}/team`, ea(), {
      staffId: ids.kela,
      role: 'member',
    });
    expect(
      addKela
        .json()
        .items.map((m: { organisationCode: string }) => m.organisationCode)
        .sort(),
    ).toEqual(['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela']);

    // The employment authority explains the client's duties (381/2023 §7(3)).
    const duties = await inject('POST', `/v1/cases/${caseId}/duties-explained`, ea(), {});
    expect(duties.statusCode).toBe(201);
    expect(duties.json().items[0]).toMatchObject({
      explainedOn: '2026-03-19',
      explainedByOrganisation: 'ea-kerava-sipoo',
    });
    const kelaDuties = await inject('POST', `/v1/cases/${caseId}/duties-explained`, kela(), {});
    expect(kelaDuties.statusCode).toBe(403);
    expect(kelaDuties.json().code).toBe('CASE_DUTIES_NOT_AUTHORITY');

    // The caseload shows the case with its next deadline: the plan.
    const load = await inject('GET', '/v1/cases?mine=true', ea());
    expect(load.statusCode).toBe(200);
    expect(load.json().items).toEqual([
      expect.objectContaining({
        id: caseId,
        status: 'assessment',
        nextDeadline: { kind: 'plan.due', dueOn: planDueOn('2026-03-19').dueOn },
        myRole: 'member',
      }),
    ]);

    // Before a plan is agreed, a review cannot be requested.
    const early = await inject('POST', `/v1/cases/${caseId}/review-requests`, ea(), { channel: 'phone' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('CASE_NOT_ACTIVE');

    // The planning service agrees a plan (through the exported function).
    h.clock.set('2026-04-15T09:00:00Z');
    const active = await h.database.db.transaction((tx) =>
      setCaseActive(tx, caseId, {
        agreedOn: '2026-04-15',
        actor: { organisation: 'ea-kerava-sipoo', sub: 'ea-cw' },
        now: h.clock.now(),
      }),
    );
    expect(active?.status).toBe('active');
    const review = await inject('POST', `/v1/cases/${caseId}/review-requests`, ea(), { channel: 'phone' });
    expect(review.statusCode).toBe(201);
    expect(review.json()).toMatchObject({
      requestedOn: '2026-04-15',
      dueOn: reviewRequestDueOn('2026-04-15').dueOn,
    });

    // Ending: proposed by the HVA, confirmed by all three; a second confirmation is refused.
    h.clock.set('2026-09-01T09:00:00Z');
    const proposed = await inject('POST', `/v1/cases/${caseId}/ending`, hva(), { reasonCode: 'employed' });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({
      status: 'open',
      requiredOrganisationCodes: ['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'],
      confirmedOrganisationCodes: [],
    });
    const twice = await inject('POST', `/v1/cases/${caseId}/ending`, ea(), { reasonCode: 'employed' });
    expect(twice.json().code).toBe('CASE_ENDING_ALREADY_PROPOSED');
    const c1 = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, ea(), {});
    expect(c1.json()).toMatchObject({ caseStatus: 'active', endedOn: null });
    const again = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, ea(), {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CASE_ENDING_ALREADY_CONFIRMED');
    await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, hva(), {});
    const last = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, kela(), {});
    expect(last.statusCode).toBe(200);
    expect(last.json()).toMatchObject({
      caseStatus: 'ended',
      endedOn: '2026-09-01',
      erasureDueOn: erasureDueOn('2026-09-01').dueOn,
      ending: {
        status: 'completed',
        confirmedOrganisationCodes: ['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'],
      },
    });

    // The case: ended, pending deadlines cancelled, erasure 4 years later with its statute.
    const kase = (await inject('GET', `/v1/cases/${caseId}`, hva())).json();
    expect(kase).toMatchObject({ status: 'ended', endedOn: '2026-09-01', endReasonCode: 'employed' });
    expect(kase.transitions.map((t: { toStatus: string }) => t.toStatus)).toEqual([
      'assessment',
      'active',
      'ended',
    ]);
    const byKind = Object.fromEntries(kase.deadlines.map((d: { kind: string }) => [d.kind, d]));
    expect(byKind['plan.due']).toMatchObject({ status: 'met', metOn: '2026-04-15' });
    expect(byKind['plan.review_requested']).toMatchObject({ status: 'cancelled' });
    expect(byKind['case.erasure']).toMatchObject({
      status: 'pending',
      dueOn: '2030-09-01',
      rule: 'case.erasure',
      statute: '381/2023 §12(2); 150/1930 §3',
    });
    expect(kase.team).toHaveLength(3);

    // Every state change wrote its event, with the area's parties and the case id.
    const events = await h.database.pool.query(
      `SELECT type, organisation_codes, case_id FROM platform.events
        WHERE (case_id = $1 OR subject_id = $2) AND type NOT LIKE 'deadline.%' ORDER BY id`,
      [caseId, referral.id],
    );
    expect(events.rows.map((e) => e.type)).toEqual([
      'referral.submitted',
      'referral.accepted',
      'case.assessment_started',
      'case.team_changed',
      'case.team_changed',
      'case.review_requested',
      'case.ending_proposed',
      'case.ended',
    ]);
    for (const e of events.rows.slice(2)) {
      expect(e.case_id).toBe(caseId);
      // The client's three parties; not Vantaa, another employment authority of the area.
      expect(e.organisation_codes).toEqual(['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela']);
    }
    const eventText = JSON.stringify(
      (await h.database.pool.query('SELECT payload FROM platform.events')).rows,
    );
    expect(eventText).not.toContain(code);
    expect(eventText).not.toContain('Meikäläinen');

    // The timeline tells it from the event log and the transitions.
    const timeline = (await inject('GET', `/v1/cases/${caseId}/timeline`, ea())).json();
    const types = timeline.items.map((i: { type: string }) => i.type);
    expect(types).toEqual(
      expect.arrayContaining(['referral.submitted', 'case.assessment_started', 'case.ended']),
    );

    // Nothing changes an ended case; a new referral starts a new one.
    const late = await inject('POST', `/v1/cases/${caseId}/team`, hva(), {
      staffId: ids.kela,
      role: 'member',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CASE_ENDED');
    const next = await openCase(code);
    expect(next.caseId).not.toBe(caseId);
  });

  it('counts one Helsinki confirmation for both of its roles', async () => {
    const kelaHki = () => h.as('kela', ['caseworker'], 'kela-hki');
    const referral = await inject(
      'POST',
      '/v1/referrals',
      kelaHki(),
      referralBody(makeHetu('160385', '-', '432'), '091'),
    );
    const accepted = await inject(
      'POST',
      `/v1/referrals/${referral.json().id}/accept`,
      h.as('helsinki', ['caseworker'], 'hki-cw'),
      {},
    );
    const caseId = accepted.json().case.id;
    await inject('POST', `/v1/cases/${caseId}/team`, h.as('helsinki', ['caseworker'], 'hki-cw'), {
      staffId: ids.kelaHki,
      role: 'member',
    });
    const proposed = await inject('POST', `/v1/cases/${caseId}/ending`, kelaHki(), {
      reasonCode: 'education',
    });
    expect(proposed.json().requiredOrganisationCodes).toEqual(['helsinki', 'kela']);
    await inject(
      'POST',
      `/v1/cases/${caseId}/ending/confirmations`,
      h.as('helsinki', ['caseworker'], 'hki-cw'),
      {},
    );
    const done = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, kelaHki(), {});
    expect(done.json()).toMatchObject({ caseStatus: 'ended' });
  });

  it('cancels a proposal when a party objects; confirming then is 409', async () => {
    const { caseId } = await openCase(makeHetu('170385', '-', '543'));
    await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.ea, role: 'member' });
    await inject('POST', `/v1/cases/${caseId}/ending`, hva(), { reasonCode: 'moved_away' });
    const objected = await inject('POST', `/v1/cases/${caseId}/ending/objections`, ea(), {
      reasonText: 'The client still needs rehabilitation.',
    });
    expect(objected.statusCode).toBe(200);
    expect(objected.json()).toMatchObject({ status: 'objected', objectedByOrganisation: 'ea-kerava-sipoo' });
    const confirm = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, hva(), {});
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().code).toBe('CASE_ENDING_NOT_PROPOSED');
    // Kela is not on the team: the case does not exist for it.
    const kelaConfirm = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, kela(), {});
    expect(kelaConfirm.statusCode).toBe(404);
    // A new proposal may follow.
    const again = await inject('POST', `/v1/cases/${caseId}/ending`, ea(), { reasonCode: 'employed' });
    expect(again.statusCode).toBe(201);
    const vantaa = await h.staff({
      org: 'ea-vantaa',
      sub: 'vantaa-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
    });
    expect(vantaa).toBeTruthy();
    const notRequired = await inject(
      'POST',
      `/v1/cases/${caseId}/ending/confirmations`,
      h.as('ea-vantaa', ['coordinator'], 'vantaa-coord'),
      {},
    );
    // Vantaa is not one of the client's parties: the case does not exist for it.
    expect(notRequired.statusCode).toBe(404);
    expect(notRequired.json().code).toBe('CASE_NOT_FOUND');
  });

  it('keeps the team to staff of the client’s parties', async () => {
    const { caseId } = await openCase(makeHetu('180385', '-', '654'));
    const before = await h.count('referrals.case_team_members');
    const cases: Array<[string, string, number, string]> = [
      ['unrelated organisation', ids.pirkka ?? '', 422, 'CASE_TEAM_NOT_A_PARTY'],
      ['inactive person', ids.inactive ?? '', 422, 'CASE_TEAM_STAFF_INACTIVE'],
      ['unknown person', '00000000-0000-4000-8000-000000000000', 422, 'CASE_TEAM_STAFF_NOT_FOUND'],
      ['member already', ids.hva ?? '', 409, 'CASE_TEAM_ALREADY_MEMBER'],
    ];
    for (const [name, staffId, status, code] of cases) {
      const res = await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId, role: 'member' });
      expect([name, res.statusCode, res.json().code]).toEqual([name, status, code]);
    }
    expect(await h.count('referrals.case_team_members')).toBe(before);
    const last = await inject('DELETE', `/v1/cases/${caseId}/team?staffId=${ids.hva}`, hva());
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('CASE_TEAM_LAST_MEMBER');
    const notMember = await inject('DELETE', `/v1/cases/${caseId}/team?staffId=${ids.kela}`, hva());
    expect(notMember.json().code).toBe('CASE_TEAM_NOT_MEMBER');
    await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.ea, role: 'responsible' });
    const removed = await inject('DELETE', `/v1/cases/${caseId}/team?staffId=${ids.hva}`, ea());
    expect(removed.statusCode).toBe(200);
    expect(removed.json().items.map((m: { staffId: string }) => m.staffId)).toEqual([ids.ea]);
    // Off the team, the case no longer exists for the HVA caseworker.
    expect((await inject('GET', `/v1/cases/${caseId}`, hva())).statusCode).toBe(404);
    expect(await h.count('referrals.case_team_members', `case_id = '${caseId}'`)).toBe(2);
  });

  it('validates dates of duties explained', async () => {
    const { caseId } = await openCase(makeHetu('190385', '-', '765'));
    for (const explainedOn of ['2026-01-01', '2099-01-01']) {
      const res = await inject('POST', `/v1/cases/${caseId}/duties-explained`, hva(), { explainedOn });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'CASE_DATE_INVALID',
        errors: [{ location: 'body.explainedOn' }],
      });
    }
  });

  it('logs one access-log row per listed case before answering the caseload', async () => {
    await openCase(makeHetu('200385', '-', '811'));
    const coord = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-coord-log',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
    });
    expect(coord).toBeTruthy();
    const res = await inject(
      'GET',
      '/v1/cases?limit=5',
      h.as('hva-vantaa-kerava', ['coordinator'], 'hva-coord-log'),
    );
    expect(res.statusCode).toBe(200);
    const listed = res.json().items.map((c: { id: string }) => c.id);
    expect(listed.length).toBeGreaterThan(0);
    const logged = await h.database.db.execute<{ resource_id: string; action: string }>(
      sql`SELECT resource_id, action FROM referrals.access_log
           WHERE actor_sub = 'hva-coord-log' AND request_id = ${String(res.headers['x-request-id'] ?? '')}
           ORDER BY id`,
    );
    expect(logged.rows.map((r) => r.resource_id)).toEqual(listed);
    expect(new Set(logged.rows.map((r) => r.action))).toEqual(new Set(['case.list']));
  });

  it('filters and pages the caseload in one query, newest first', async () => {
    for (const n of ['801', '802', '803']) await openCase(makeHetu('200385', '-', n));
    const coordinator = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
    });
    expect(coordinator).toBeTruthy();
    const coord = () => h.as('hva-vantaa-kerava', ['coordinator'], 'hva-coord');
    const all = (await inject('GET', '/v1/cases?status=assessment', coord())).json().items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const dues = all.map(
      (c: { nextDeadline: { dueOn: string } | null }) => c.nextDeadline?.dueOn ?? '9999-12-31',
    );
    expect([...dues].sort()).toEqual(dues);
    // Paging returns every case once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await inject(
        'GET',
        `/v1/cases?status=assessment&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        coord(),
      );
      const body = res.json();
      seen.push(...body.items.map((c: { id: string }) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((c: { id: string }) => c.id));
    // Filters.
    const mine = (await inject('GET', '/v1/cases?mine=true', coord())).json().items;
    expect(mine).toEqual([]);
    const byOrg = (
      await inject('GET', '/v1/cases?organisation=ea-kerava-sipoo&status=assessment', coord())
    ).json().items;
    expect(byOrg.every((c: { id: string }) => all.some((a: { id: string }) => a.id === c.id))).toBe(true);
    const soon = (await inject('GET', '/v1/cases?deadlineBefore=2026-04-01', coord())).json().items;
    expect(soon).toEqual([]);
    const later = (
      await inject('GET', '/v1/cases?deadlineBefore=2027-01-01&status=assessment', coord())
    ).json().items;
    expect(later.map((c: { id: string }) => c.id).sort()).toEqual(
      all.map((c: { id: string }) => c.id).sort(),
    );
    const area = (await inject('GET', `/v1/cases?cooperationArea=${h.area('pirkanmaa')}`, coord())).json()
      .items;
    expect(area).toEqual([]);
    // A partner of a party sees ids and statuses only.
    const partner = await inject(
      'GET',
      '/v1/cases?status=assessment',
      h.as('ea-kerava-sipoo', ['partner'], 'kerava-system'),
    );
    expect(partner.statusCode).toBe(200);
    expect(partner.json().items[0]).toEqual({ id: expect.any(String), status: 'assessment' });
    // Another employment authority of the area is not a party of these clients.
    const vantaa = await inject(
      'GET',
      '/v1/cases?status=assessment',
      h.as('ea-vantaa', ['partner'], 'vantaa-system'),
    );
    expect(vantaa.json().items).toEqual([]);
    // The exported query functions.
    const open = await findOpenCasesByArea(h.database.db, h.area('vantaa-kerava'));
    expect(open.length).toBeGreaterThanOrEqual(3);
    const first = open[0];
    if (!first) throw new Error('no open case');
    expect(await findCase(h.database.db, first.id)).toMatchObject({ id: first.id });
    expect((await findCaseParties(h.database.db, first.id)).map((p) => p.organisationCode)).toEqual([
      'ea-kerava-sipoo',
      'hva-vantaa-kerava',
      'kela',
    ]);
    expect((await findCaseTeam(h.database.db, first.id)).length).toBeGreaterThanOrEqual(1);
    expect(await findCase(h.database.db, 'not-a-uuid')).toBeNull();
  });
});
