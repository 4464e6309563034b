import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCaseActive } from '../cases/cases.queries.js';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * A client who moves to another area is transferred (380/2023 §17): the new area's parties
 * receive the case with its plan and clocks, the old ones lose access.
 */
describe('transfer of a case to the parties of the new home municipality', () => {
  let h: ReferralsTestApp;
  const ids: Record<string, string> = {};
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const hvaCoord = () => h.as('hva-vantaa-kerava', ['coordinator'], 'hva-coord');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw');
  const hki = () => h.as('helsinki', ['coordinator'], 'hki-coord');
  const pirkka = () => h.as('hva-pirkanmaa', ['caseworker'], 'pirkka');
  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

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
    ids.hvaCoord = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-coord',
      roles: ['coordinator'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.hki = await h.staff({
      org: 'helsinki',
      sub: 'hki-coord',
      roles: ['coordinator'],
      areas: ['helsinki'],
    });
    ids.pirkka = await h.staff({
      org: 'hva-pirkanmaa',
      sub: 'pirkka',
      roles: ['caseworker'],
      areas: ['pirkanmaa'],
    });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  /** Kela refers a client of `municipality`; `accepter` accepts; `members` join the team. */
  async function openCase(
    code: string,
    municipality: string,
    accepter: Record<string, string>,
    members: string[],
  ) {
    const referral = await inject('POST', '/v1/referrals', kela(), referralBody(code, municipality));
    expect(referral.statusCode).toBe(201);
    const accepted = await inject('POST', `/v1/referrals/${referral.json().id}/accept`, accepter, {});
    expect(accepted.statusCode).toBe(200);
    const caseId = accepted.json().case.id as string;
    for (const staffId of members) {
      const added = await inject('POST', `/v1/cases/${caseId}/team`, accepter, { staffId, role: 'member' });
      expect(added.statusCode).toBe(200);
    }
    return { caseId, referralId: referral.json().id as string, clientId: referral.json().clientId as string };
  }

  it('moves a Kerava client’s case to Helsinki with its clocks; the old parties get 404, the new ones see it', async () => {
    const { caseId, referralId, clientId } = await openCase(makeHetu('150387', '-', '321'), '245', hva(), [
      ids.ea ?? '',
      ids.kela ?? '',
    ]);
    h.clock.set('2026-04-15T09:00:00Z');
    await h.database.db.transaction((tx) =>
      setCaseActive(tx, caseId, {
        agreedOn: '2026-04-15',
        actor: { organisation: 'ea-kerava-sipoo', sub: 'ea-cw' },
        now: h.clock.now(),
      }),
    );
    const review = await inject('POST', `/v1/cases/${caseId}/review-requests`, ea(), { channel: 'phone' });
    expect(review.statusCode).toBe(201);
    const before = (await inject('GET', `/v1/cases/${caseId}`, ea())).json();
    const clocks = before.deadlines.map(
      (d: { kind: string; dueOn: string; status: string; version: number }) => ({
        kind: d.kind,
        dueOn: d.dueOn,
        status: d.status,
        version: d.version,
      }),
    );
    expect(clocks.length).toBeGreaterThan(0);

    // Kela is a party but not the client's employment authority or HVA: it cannot move the case.
    h.clock.set('2026-05-04T09:00:00Z');
    const byKela = await inject('POST', `/v1/cases/${caseId}/transfer`, kela(), {
      homeMunicipalityCode: '091',
    });
    expect(byKela.statusCode).toBe(403);
    expect(byKela.json().code).toBe('CASE_TRANSFER_NOT_AUTHORITY');
    const unknown = await inject('POST', `/v1/cases/${caseId}/transfer`, ea(), {
      homeMunicipalityCode: '999',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].location).toBe('body.homeMunicipalityCode');
    const future = await inject('POST', `/v1/cases/${caseId}/transfer`, ea(), {
      homeMunicipalityCode: '091',
      movedOn: '2026-05-05',
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].location).toBe('body.movedOn');
    expect(await h.count('referrals.case_transfers')).toBe(0);

    const moved = await inject('POST', `/v1/cases/${caseId}/transfer`, ea(), {
      homeMunicipalityCode: '091',
      movedOn: '2026-05-01',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({
      caseId,
      transferred: true,
      transfer: {
        transferredOn: '2026-05-01',
        from: {
          cooperationAreaId: h.area('vantaa-kerava'),
          employmentAuthorityCode: 'ea-kerava-sipoo',
          wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
        },
        to: {
          cooperationAreaId: h.area('helsinki'),
          employmentAuthorityCode: 'helsinki',
          wellbeingCountyOrganiserCode: 'helsinki',
        },
        at: '2026-05-04T09:00:00.000Z',
        actorOrganisation: 'ea-kerava-sipoo',
      },
    });

    // The old employment authority and HVA — team members and coordinator — see nothing.
    for (const old of [ea(), hva(), hvaCoord()]) {
      const res = await inject('GET', `/v1/cases/${caseId}`, old);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CASE_NOT_FOUND');
    }
    expect((await inject('GET', `/v1/referrals/${referralId}`, hva())).statusCode).toBe(404);
    expect((await inject('GET', `/v1/clients/${clientId}`, ea())).statusCode).toBe(404);
    const caseload = (await inject('GET', '/v1/cases?mine=true', ea())).json();
    expect(caseload.items.map((i: { id: string }) => i.id)).not.toContain(caseId);
    const theirs = (await inject('GET', '/v1/cases', hki())).json();
    expect(theirs.items.map((i: { id: string }) => i.id)).toContain(caseId);

    // Helsinki's coordinator (allocated to Helsinki) sees it with its plan's clocks; Kela stays on the team.
    const after = await inject('GET', `/v1/cases/${caseId}`, hki());
    expect(after.statusCode).toBe(200);
    const k = after.json();
    expect(k).toMatchObject({
      status: 'active',
      activatedOn: '2026-04-15',
      cooperationAreaId: h.area('helsinki'),
      employmentAuthorityCode: 'helsinki',
      wellbeingCountyOrganiserCode: 'helsinki',
      partyOrganisationCodes: ['helsinki', 'kela'],
      assessmentStartedOn: before.assessmentStartedOn,
      planDueOn: before.planDueOn,
    });
    expect(k.team.map((m: { organisationCode: string }) => m.organisationCode)).toEqual(['kela']);
    expect(
      k.deadlines.map((d: { kind: string; dueOn: string; status: string; version: number }) => ({
        kind: d.kind,
        dueOn: d.dueOn,
        status: d.status,
        version: d.version,
      })),
    ).toEqual(clocks);
    expect(k.transitions.at(-1)).toMatchObject({
      fromStatus: 'active',
      toStatus: 'active',
      reasonCode: 'transferred',
      actorOrganisation: 'ea-kerava-sipoo',
    });
    expect(k.transfers).toHaveLength(1);
    expect((await inject('GET', `/v1/cases/${caseId}`, kela())).statusCode).toBe(200);
    const client = await inject('GET', `/v1/clients/${clientId}`, hki());
    expect(client.statusCode).toBe(200);
    expect(client.json().homeMunicipalityCode).toBe('091');

    // The deadline rows belong to the new parties and area (who is told when they fire).
    const rows = await h.database.pool.query(
      'SELECT DISTINCT cooperation_area_id, organisation_codes FROM platform.deadlines WHERE case_id = $1',
      [caseId],
    );
    expect(rows.rows).toEqual([
      { cooperation_area_id: h.area('helsinki'), organisation_codes: ['helsinki', 'kela'] },
    ]);

    // Events to both sides, thin: the new parties receive it, the leaving ones hear it left.
    const events = await h.database.pool.query(
      `SELECT type, organisation_codes, cooperation_area_id, payload FROM platform.events
        WHERE case_id = $1 AND type LIKE 'case.transferred%' ORDER BY id`,
      [caseId],
    );
    expect(events.rows.map((e) => [e.type, e.organisation_codes, e.cooperation_area_id])).toEqual([
      ['case.transferred_away', ['ea-kerava-sipoo', 'hva-vantaa-kerava'], h.area('vantaa-kerava')],
      ['case.transferred', ['helsinki', 'kela'], h.area('helsinki')],
    ]);
    for (const e of events.rows) {
      expect(Object.keys(e.payload).sort()).toEqual(['caseId', 'from', 'to', 'transferId', 'transferredOn']);
      // No municipality code in the payload (ids are random UUIDs, which may contain "091"
      // by chance: the check reads the payload with the ids taken out).
      const withoutIds = JSON.stringify(e.payload).replace(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
        '<id>',
      );
      expect(withoutIds).not.toContain('091');
      expect(withoutIds).not.toContain('245');
    }
    expect(
      await h.count('referrals.access_log', `action = 'case.transfer' AND client_id = '${clientId}'`),
    ).toBe(1);
    // The old employment authority stays a joint controller of what it stored (381/2023 §13):
    // its auditor still answers the client's data-subject request from the access log.
    const audit = await inject(
      'GET',
      `/v1/clients/${clientId}/access-log`,
      h.as('ea-kerava-sipoo', ['auditor'], 'ea-aud'),
    );
    expect(audit.statusCode).toBe(200);

    // The same routing again changes nothing but the home municipality: no second transfer.
    const again = await inject('POST', `/v1/cases/${caseId}/transfer`, hki(), {
      homeMunicipalityCode: '091',
    });
    expect(again.json()).toEqual({ caseId, transferred: false, transfer: null });
    expect(await h.count('referrals.case_transfers')).toBe(1);
  });

  it('changes only the home municipality inside the same employment authority and HVA (Tampere → Kangasala)', async () => {
    const { caseId, clientId } = await openCase(makeHetu('160387', '-', '432'), '837', pirkka(), []);
    const events = await h.count('platform.events', `case_id = '${caseId}'`);
    const moved = await inject('POST', `/v1/cases/${caseId}/transfer`, pirkka(), {
      homeMunicipalityCode: '211',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({ caseId, transferred: false, transfer: null });
    const k = (await inject('GET', `/v1/cases/${caseId}`, pirkka())).json();
    expect(k).toMatchObject({
      cooperationAreaId: h.area('pirkanmaa'),
      wellbeingCountyOrganiserCode: 'hva-pirkanmaa',
    });
    expect(k.transfers).toEqual([]);
    expect((await inject('GET', `/v1/clients/${clientId}`, pirkka())).json().homeMunicipalityCode).toBe(
      '211',
    );
    expect(await h.count('platform.events', `case_id = '${caseId}'`)).toBe(events);
  });

  it('refuses an ended case, and a case with an ending proposed, and changes nothing', async () => {
    const { caseId } = await openCase(makeHetu('170387', '-', '543'), '245', hva(), [
      ids.ea ?? '',
      ids.kela ?? '',
    ]);
    await inject('POST', `/v1/cases/${caseId}/ending`, hva(), { outcome: 'employed' });
    const proposed = await inject('POST', `/v1/cases/${caseId}/transfer`, ea(), {
      homeMunicipalityCode: '091',
    });
    expect(proposed.statusCode).toBe(409);
    expect(proposed.json().code).toBe('CASE_ENDING_ALREADY_PROPOSED');
    for (const who of [ea(), hva(), kela()]) {
      await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, who, {});
    }
    const ended = await inject('POST', `/v1/cases/${caseId}/transfer`, ea(), { homeMunicipalityCode: '091' });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().code).toBe('CASE_ENDED');
    const row = await h.database.pool.query(
      'SELECT employment_authority_code FROM referrals.cases WHERE id = $1',
      [caseId],
    );
    expect(row.rows[0].employment_authority_code).toBe('ea-kerava-sipoo');
  });

  it('refuses a transfer into an area where a referral already started a case for the client (409)', async () => {
    const code = makeHetu('180387', '-', '654');
    const { caseId } = await openCase(code, '245', hva(), [ids.ea ?? '', ids.kela ?? '']);
    // Kela refers the same client giving Helsinki as home: Helsinki starts a second case.
    const referral = await inject('POST', '/v1/referrals', kela(), referralBody(code, '091'));
    expect(referral.statusCode).toBe(201);
    const accepted = await inject('POST', `/v1/referrals/${referral.json().id}/accept`, hki(), {});
    expect(accepted.statusCode).toBe(200);
    const before = await h.count('referrals.case_transfers');
    const moved = await inject('POST', `/v1/cases/${caseId}/transfer`, ea(), { homeMunicipalityCode: '091' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json()).toMatchObject({ code: 'CASE_TRANSFER_OPEN_CASE_EXISTS' });
    expect(moved.json().errors[0].location).toBe('body.homeMunicipalityCode');
    expect(await h.count('referrals.case_transfers')).toBe(before);
    expect((await inject('GET', `/v1/cases/${caseId}`, ea())).json().cooperationAreaId).toBe(
      h.area('vantaa-kerava'),
    );
  });

  it('moves the case once when its employment authority and HVA record the move at the same time', async () => {
    const { caseId } = await openCase(makeHetu('190387', '-', '765'), '245', hva(), [
      ids.ea ?? '',
      ids.kela ?? '',
    ]);
    const both = await Promise.all([
      inject('POST', `/v1/cases/${caseId}/transfer`, ea(), { homeMunicipalityCode: '091' }),
      inject('POST', `/v1/cases/${caseId}/transfer`, hva(), { homeMunicipalityCode: '091' }),
    ]);
    // The case row's lock orders them: the second finds the case gone from its parties (404).
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 404]);
    expect(await h.count('referrals.case_transfers', `case_id = '${caseId}'`)).toBe(1);
    expect(await h.count('platform.events', `case_id = '${caseId}' AND type LIKE 'case.transferred%'`)).toBe(
      2,
    );
  });
});
