import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * 381/2023 §8 has one ending ground — the joint assessment that the client no longer needs
 * the multidisciplinary support — kept apart from the outcome (employed, education, …).
 */
describe('ending: the §8 ground and the outcome', () => {
  let h: ReferralsTestApp;
  const ids: Record<string, string> = {};
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-cw');
  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  /** A Kerava client's case with the three parties on the team. */
  async function openCase(code: string): Promise<string> {
    const referral = await inject('POST', '/v1/referrals', kela(), referralBody(code));
    expect(referral.statusCode).toBe(201);
    const accepted = await inject('POST', `/v1/referrals/${referral.json().id}/accept`, hva(), {});
    const caseId = accepted.json().case.id as string;
    for (const staffId of [ids.ea, ids.kela]) {
      const added = await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId, role: 'member' });
      expect(added.statusCode).toBe(200);
    }
    return caseId;
  }

  async function confirmAll(caseId: string) {
    for (const who of [ea(), hva(), kela()]) {
      const res = await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, who, {});
      expect(res.statusCode).toBe(200);
    }
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
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('records the ground and the outcome on the proposal, the case, the transition and the events', async () => {
    const caseId = await openCase(makeHetu('150386', '-', '321'));
    const proposed = await inject('POST', `/v1/cases/${caseId}/ending`, hva(), {
      ground: 'support_no_longer_needed',
      outcome: 'deceased',
    });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({
      ground: 'support_no_longer_needed',
      outcome: 'deceased',
      reasonCode: 'deceased',
    });
    await confirmAll(caseId);
    const kase = (await inject('GET', `/v1/cases/${caseId}`, hva())).json();
    expect(kase).toMatchObject({
      status: 'ended',
      endGround: 'support_no_longer_needed',
      endOutcome: 'deceased',
      endReasonCode: 'deceased',
    });
    expect(kase.transitions.at(-1)).toMatchObject({
      toStatus: 'ended',
      reasonCode: 'support_no_longer_needed',
    });
    const events = await h.database.pool.query(
      `SELECT type, payload FROM platform.events WHERE case_id = $1 AND type IN ('case.ending_proposed', 'case.ended') ORDER BY id`,
      [caseId],
    );
    for (const e of events.rows) {
      expect(e.payload).toMatchObject({ ground: 'support_no_longer_needed', outcome: 'deceased' });
    }
    const row = await h.database.pool.query(
      'SELECT end_ground, end_reason_code FROM referrals.cases WHERE id = $1',
      [caseId],
    );
    expect(row.rows[0]).toEqual({ end_ground: 'support_no_longer_needed', end_reason_code: 'deceased' });
  });

  it('takes the ground by default and the v1 reasonCode as an outcome, for one version', async () => {
    const a = await openCase(makeHetu('160386', '-', '432'));
    const byOutcome = await inject('POST', `/v1/cases/${a}/ending`, ea(), { outcome: 'other_services' });
    expect(byOutcome.json()).toMatchObject({ ground: 'support_no_longer_needed', outcome: 'other_services' });
    const b = await openCase(makeHetu('170386', '-', '543'));
    // The v1 code that was the ground itself is an unknown outcome: `other`.
    const legacy = await inject('POST', `/v1/cases/${b}/ending`, ea(), {
      reasonCode: 'coordination_no_longer_needed',
    });
    expect(legacy.statusCode).toBe(201);
    expect(legacy.json()).toMatchObject({ ground: 'support_no_longer_needed', outcome: 'other' });
    const c = await openCase(makeHetu('180386', '-', '654'));
    const employed = await inject('POST', `/v1/cases/${c}/ending`, ea(), { reasonCode: 'employed' });
    expect(employed.json()).toMatchObject({ outcome: 'employed', reasonCode: 'employed' });
  });

  it('refuses another ground, a missing or doubled outcome, and changes nothing', async () => {
    const caseId = await openCase(makeHetu('190386', '-', '765'));
    const before = await h.count('referrals.case_ending_proposals');
    const transferred = await inject('POST', `/v1/cases/${caseId}/ending`, ea(), {
      ground: 'transferred',
      outcome: 'other',
    });
    expect(transferred.statusCode).toBe(400);
    expect(transferred.json().errors[0].location).toBe('body.ground');
    const none = await inject('POST', `/v1/cases/${caseId}/ending`, ea(), {});
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'CASE_ENDING_OUTCOME_REQUIRED' });
    expect(none.json().errors[0].location).toBe('body.outcome');
    const both = await inject('POST', `/v1/cases/${caseId}/ending`, ea(), {
      outcome: 'employed',
      reasonCode: 'education',
    });
    expect(both.statusCode).toBe(422);
    expect(both.json()).toMatchObject({ code: 'CASE_ENDING_OUTCOME_AMBIGUOUS' });
    expect(both.json().errors[0].location).toBe('body.reasonCode');
    expect(await h.count('referrals.case_ending_proposals')).toBe(before);
  });
});
