import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCaseClientData } from '../erasure/case-erasure.js';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * Issue 10, items 1–4: who may see, accept and change a client. A Kerava resident
 * (municipality 245) has three parties — Kerava–Sipoo employment area, the Vantaa–Kerava
 * HVA and Kela. Vantaa's employment authority shares the cooperation area but is not a
 * party; Lahti's (another area) even less.
 */
describe('the client’s own parties', () => {
  let h: ReferralsTestApp;
  const ids: Record<string, string> = {};
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw');
  const eaCoord = () => h.as('ea-kerava-sipoo', ['coordinator'], 'ea-coord');
  const vantaa = () => h.as('ea-vantaa', ['caseworker'], 'vantaa-cw');
  const vantaaCoord = () => h.as('ea-vantaa', ['coordinator'], 'vantaa-coord');
  const lahti = () => h.as('ea-lahti', ['caseworker'], 'lahti-cw');
  const inject = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

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
    ids.eaCoord = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
    });
    ids.vantaa = await h.staff({
      org: 'ea-vantaa',
      sub: 'vantaa-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.vantaaCoord = await h.staff({
      org: 'ea-vantaa',
      sub: 'vantaa-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
    });
    ids.lahti = await h.staff({
      org: 'ea-lahti',
      sub: 'lahti-cw',
      roles: ['caseworker'],
      areas: ['paijat-hame'],
    });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('hides a referral from another employment authority of the same area exactly like a missing one', async () => {
    const referral = await inject(
      'POST',
      '/v1/referrals',
      kela(),
      referralBody(makeHetu('010190', '-', '123')),
    );
    expect(referral.statusCode).toBe(201);
    const id = referral.json().id as string;
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const caller of [vantaa(), vantaaCoord()]) {
      for (const [method, path, payload] of [
        ['GET', '', undefined],
        ['POST', '/accept', {}],
        ['POST', '/decline', { reasonCode: 'other' }],
        ['POST', '/withdraw', {}],
        ['POST', '/client-details', { decision: 'apply' }],
      ] as const) {
        const hidden = await inject(method, `/v1/referrals/${id}${path}`, caller, payload);
        const absent = await inject(method, `/v1/referrals/${missing}${path}`, caller, payload);
        expect([path, hidden.statusCode, hidden.json().code]).toEqual([path, 404, 'REFERRAL_NOT_FOUND']);
        expect([path, absent.statusCode, absent.json().code]).toEqual([path, 404, 'REFERRAL_NOT_FOUND']);
      }
      const inbox = await inject('GET', '/v1/referrals?limit=200', caller);
      expect(inbox.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    }
    expect(await h.count('referrals.referrals', `id = '${id}' AND status = 'submitted'`)).toBe(1);

    // Kela, a party and the referrer, sees it but does not start the assessment alone (§4).
    expect((await inject('GET', `/v1/referrals/${id}`, kela())).statusCode).toBe(200);
    const byKela = await inject('POST', `/v1/referrals/${id}/accept`, kela(), {});
    expect([byKela.statusCode, byKela.json().code]).toEqual([403, 'REFERRAL_DECISION_NOT_ALLOWED']);

    // The client's employment authority accepts; the case is the client's parties' only.
    const accepted = await inject('POST', `/v1/referrals/${id}/accept`, ea(), {});
    expect(accepted.statusCode).toBe(200);
    const caseId = accepted.json().case.id as string;
    expect((await inject('GET', `/v1/cases/${caseId}`, eaCoord())).statusCode).toBe(200);
    for (const caller of [vantaa(), vantaaCoord(), h.as('ea-vantaa', ['partner'], 'vantaa-system')]) {
      const res = await inject('GET', `/v1/cases/${caseId}`, caller);
      expect([res.statusCode, res.json().code]).toEqual([404, 'CASE_NOT_FOUND']);
    }
    const client = await inject('GET', `/v1/clients/${referral.json().clientId}`, vantaaCoord());
    expect(client.statusCode).toBe(404);
    const caseload = await inject('GET', '/v1/cases?limit=200', vantaaCoord());
    expect(caseload.json().items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    // Vantaa's staff cannot be put on the team either.
    const add = await inject('POST', `/v1/cases/${caseId}/team`, ea(), {
      staffId: ids.vantaa,
      role: 'member',
    });
    expect([add.statusCode, add.json().code]).toEqual([422, 'CASE_TEAM_NOT_A_PARTY']);
  });

  it('never lets a referral from outside the client’s parties change the client record', async () => {
    const code = makeHetu('020290', '-', '234');
    const first = await inject('POST', '/v1/referrals', ea(), {
      ...referralBody(code),
      client: {
        ...referralBody(code).client,
        contactDetails: { phone: '+358 40 111 1111', email: 'maija@example.fi' },
      },
    });
    expect(first.statusCode).toBe(201);
    const clientId = first.json().clientId as string;
    const record = async () => (await inject('GET', `/v1/clients/${clientId}`, hva())).json();
    const before = await record();
    expect(before).toMatchObject({ firstNames: 'Maija Liisa', homeMunicipalityCode: '245' });

    // A Lahti caseworker who knows the code and the last name "moves" the client to Lahti.
    const attack = {
      ...referralBody(code, '398'),
      client: {
        identityCode: code,
        firstNames: 'Mallory',
        lastName: 'Meikäläinen',
        homeMunicipalityCode: '398',
        contactDetails: { phone: '+358 50 666 6666', email: 'attacker@example.com' },
      },
    };
    const res = await inject('POST', '/v1/referrals', lahti(), attack);
    expect(res.statusCode).toBe(201);
    expect(await record()).toEqual(before);
    // Lahti never sees the record, nor the Kerava parties' routing of the person.
    expect((await inject('GET', `/v1/clients/${clientId}`, lahti())).statusCode).toBe(404);
    const asLahti = (await inject('GET', `/v1/referrals/${res.json().id}`, lahti())).json();
    expect(asLahti).toMatchObject({
      homeMunicipalityCode: '398',
      employmentAuthorityCode: 'ea-lahti',
      client: { firstNames: 'Mallory', homeMunicipalityCode: '398' },
      clientDetailsStatus: null,
      submittedClient: null,
    });
    expect(JSON.stringify(asLahti)).not.toContain('maija@example.fi');
    expect(JSON.stringify(asLahti)).not.toContain('Maija');

    // The details wait on the referral, with the client's own parties, encrypted at rest.
    const stored = await h.database.pool.query('SELECT * FROM referrals.referrals WHERE id = $1', [
      res.json().id,
    ]);
    expect(stored.rows[0]).toMatchObject({
      employment_authority_code: 'ea-kerava-sipoo',
      client_details_status: 'pending',
    });
    expect(JSON.stringify(stored.rows)).not.toContain('attacker@example.com');
    // Its events go to the client's parties only: nothing tells Lahti where the person lives.
    const events = await h.database.pool.query(
      'SELECT organisation_codes, payload FROM platform.events WHERE subject_id = $1',
      [res.json().id],
    );
    expect(events.rows.map((e) => e.organisation_codes)).toEqual([
      ['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'],
    ]);
    expect(JSON.stringify(events.rows)).not.toContain('attacker');
    const asKerava = (await inject('GET', `/v1/referrals/${res.json().id}`, ea())).json();
    expect(asKerava).toMatchObject({
      client: { firstNames: 'Maija Liisa', homeMunicipalityCode: '245' },
      clientDetailsStatus: 'pending',
      submittedClient: {
        firstNames: 'Mallory',
        homeMunicipalityCode: '398',
        contactDetails: { email: 'attacker@example.com' },
      },
    });
    // Only the client's parties decide on them; dismissing keeps the record.
    const byLahti = await inject('POST', `/v1/referrals/${res.json().id}/client-details`, lahti(), {
      decision: 'apply',
    });
    expect([byLahti.statusCode, byLahti.json().code]).toEqual([403, 'REFERRAL_CLIENT_DETAILS_NOT_ALLOWED']);
    const dismissed = await inject('POST', `/v1/referrals/${res.json().id}/client-details`, ea(), {
      decision: 'dismiss',
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ clientDetailsStatus: 'dismissed', submittedClient: null });
    expect(await record()).toEqual(before);
    const again = await inject('POST', `/v1/referrals/${res.json().id}/client-details`, ea(), {
      decision: 'apply',
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'REFERRAL_CLIENT_DETAILS_NOT_PENDING']);
    // Lahti learns the answer to its referral, not who of the client's parties gave it.
    const declined = await inject('POST', `/v1/referrals/${res.json().id}/decline`, ea(), {
      reasonCode: 'other',
    });
    expect(declined.statusCode).toBe(200);
    const seen = (await inject('GET', `/v1/referrals/${res.json().id}`, lahti())).json();
    expect(seen).toMatchObject({ status: 'declined', decidedByOrganisation: null });
    expect(seen.transitions.map((t: { actorOrganisation: string | null }) => t.actorOrganisation)).toEqual([
      'ea-lahti',
      null,
    ]);
    expect(JSON.stringify(seen)).not.toContain('kerava');
  });

  it('lets a party apply the details a referral brought', async () => {
    const code = makeHetu('030390', '-', '345');
    const first = await inject('POST', '/v1/referrals', hva(), referralBody(code));
    const clientId = first.json().clientId as string;
    // Vantaa (not a party) knows a new phone number; the HVA applies it.
    const res = await inject('POST', '/v1/referrals', vantaa(), {
      ...referralBody(code),
      client: { ...referralBody(code).client, contactDetails: { phone: '+358 40 999 9999' } },
    });
    expect(res.statusCode).toBe(201);
    const applied = await inject('POST', `/v1/referrals/${res.json().id}/client-details`, hva(), {
      decision: 'apply',
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ clientDetailsStatus: 'applied' });
    const client = (await inject('GET', `/v1/clients/${clientId}`, hva())).json();
    expect(client).toMatchObject({
      contactDetails: { phone: '+358 40 999 9999' },
      firstNames: 'Maija Liisa',
    });
    expect(
      await h.count(
        'referrals.access_log',
        `client_id = '${clientId}' AND action IN ('client.update', 'referral.client_details.apply') AND actor_organisation = 'hva-vantaa-kerava'`,
      ),
    ).toBe(2);
  });

  it('answers an unrelated caller the same whether or not the person is known', async () => {
    // Known: a client with an open case, another with a pending referral, one living in Helsinki.
    const withCase = makeHetu('040490', '-', '456');
    const r1 = await inject('POST', '/v1/referrals', kela(), referralBody(withCase));
    expect((await inject('POST', `/v1/referrals/${r1.json().id}/accept`, hva(), {})).statusCode).toBe(200);
    const pending = makeHetu('050590', '-', '567');
    expect((await inject('POST', '/v1/referrals', kela(), referralBody(pending))).statusCode).toBe(201);
    const helsinki = makeHetu('060690', '-', '678');
    const hki = await inject('POST', '/v1/referrals', kela(), referralBody(helsinki, '091'));
    expect(hki.statusCode).toBe(201);

    const shape = (res: Awaited<ReturnType<typeof inject>>) => {
      const body = res.json();
      const { id, clientId, submittedAt, ...rest } = body;
      const { 'x-request-id': _r, date: _d, 'content-length': _l, ...headers } = res.headers;
      return {
        status: res.statusCode,
        keys: Object.keys(body).sort(),
        rest,
        headers: Object.keys(headers).sort(),
        contentType: res.headers['content-type'],
        ids: [typeof id, typeof clientId, typeof submittedAt],
      };
    };
    const ask = (
      caller: Record<string, string>,
      code: string,
      names: { firstNames: string; lastName: string },
    ) =>
      inject('POST', '/v1/referrals', caller, {
        ...referralBody(code),
        client: { ...referralBody(code).client, ...names },
      });
    let n = 700;
    for (const caller of [vantaa(), lahti()]) {
      for (const known of [withCase, pending, helsinki]) {
        n += 1;
        const unknown = makeHetu('070790', '-', String(n));
        // The same names as the record, or other names entirely (a different person's).
        const names = {
          firstNames: n % 2 ? 'Maija Liisa' : 'Kalle',
          lastName: n % 2 ? 'Meikäläinen' : 'Virtanen',
        };
        const k = await ask(caller, known, names);
        const u = await ask(caller, unknown, names);
        expect(shape(k)).toEqual(shape(u));
        expect(k.statusCode).toBe(201);
        // Reading it back tells no more: the referral as sent, in both cases.
        const read = async (id: string) => {
          const res = await inject('GET', `/v1/referrals/${id}`, caller);
          const { id: _i, clientId: _c, submittedAt: _s, client, transitions, ...rest } = res.json();
          return {
            status: res.statusCode,
            rest,
            client: { ...client, id: typeof client.id },
            transitions: transitions.map((t: { at: string }) => ({ ...t, at: typeof t.at })),
          };
        };
        expect(await read(k.json().id)).toEqual(await read(u.json().id));
        // Asking again: the caller's own pending referral, whether or not the person was known.
        const k2 = await ask(caller, known, names);
        const u2 = await ask(caller, unknown, names);
        expect([k2.statusCode, k2.json().code]).toEqual([409, 'REFERRAL_ALREADY_PENDING']);
        expect([u2.statusCode, u2.json().code]).toEqual([409, 'REFERRAL_ALREADY_PENDING']);
        expect(k2.json().existingReferralId).toBe(k.json().id);
        expect(u2.json().existingReferralId).toBe(u.json().id);
      }
    }
  });

  it('shows the parties of a case each other’s names, organisations and roles', async () => {
    const r = await inject('POST', '/v1/referrals', kela(), referralBody(makeHetu('080890', '-', '789')));
    const accepted = await inject('POST', `/v1/referrals/${r.json().id}/accept`, hva(), {});
    const caseId = accepted.json().case.id as string;
    await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.ea, role: 'member' });
    await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.kela, role: 'member' });
    const res = await inject('GET', `/v1/cases/${caseId}`, ea());
    expect(res.statusCode).toBe(200);
    const team = res.json().team as Array<Record<string, unknown>>;
    expect(team).toHaveLength(3);
    const hvaMember = team.find((m) => m.staffId === ids.hva);
    expect(hvaMember).toMatchObject({
      staffId: ids.hva,
      organisationCode: 'hva-vantaa-kerava',
      role: 'responsible',
      displayName: 'Staff hva-cw',
      staffRoles: ['caseworker'],
      organisation: {
        code: 'hva-vantaa-kerava',
        name: { fi: expect.any(String), sv: expect.any(String), en: expect.any(String) },
      },
    });
    // Nothing else of the staff register (e-mail, languages, allocations, subject).
    expect(Object.keys(hvaMember ?? {}).sort()).toEqual(
      ['addedAt', 'displayName', 'organisation', 'organisationCode', 'role', 'staffId', 'staffRoles'].sort(),
    );
    expect(team.find((m) => m.staffId === ids.kela)).toMatchObject({ displayName: 'Staff kela-cw' });
  });

  it('erases the client details a referral brought with the rest of the client’s data', async () => {
    const code = makeHetu('090990', '-', '890');
    const first = await inject('POST', '/v1/referrals', hva(), referralBody(code));
    const outside = await inject('POST', '/v1/referrals', lahti(), {
      ...referralBody(code),
      client: { ...referralBody(code).client, contactDetails: { email: 'other@example.com' } },
    });
    expect(outside.statusCode).toBe(201);
    const accepted = await inject('POST', `/v1/referrals/${outside.json().id}/accept`, hva(), {});
    expect(accepted.statusCode).toBe(200);
    const caseId = accepted.json().case.id as string;
    await inject('POST', `/v1/referrals/${first.json().id}/withdraw`, hva(), {});
    expect(
      (await inject('POST', `/v1/cases/${caseId}/ending`, hva(), { reasonCode: 'employed' })).statusCode,
    ).toBe(201);
    for (const caller of [hva(), ea(), kela()]) {
      if ((await inject('GET', `/v1/cases/${caseId}`, caller)).statusCode === 404) {
        const staffId =
          caller === hva() ? ids.hva : caller.authorization?.includes('kela') ? ids.kela : ids.ea;
        expect(staffId).toBeTruthy();
      }
    }
    await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.ea, role: 'member' });
    await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.kela, role: 'member' });
    for (const caller of [hva(), ea(), kela()]) {
      const res = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, caller, {});
      expect(res.statusCode).toBe(200);
    }
    const result = await h.database.db.transaction((tx) =>
      eraseCaseClientData(tx, caseId, { now: h.clock.now(), requestId: 'erasure-test' }),
    );
    expect(result.erased).toBe(true);
    const rows = await h.database.pool.query(
      'SELECT id, submitted_details FROM referrals.referrals WHERE client_id = $1 ORDER BY submitted_at',
      [first.json().clientId],
    );
    expect(rows.rows.map((r) => r.submitted_details)).toEqual([null, null]);
  });
});
