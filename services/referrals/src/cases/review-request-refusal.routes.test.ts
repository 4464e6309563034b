import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCaseClientData } from '../erasure/case-erasure.js';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';
import { setCaseActive } from './cases.queries.js';

/**
 * A client's review request may be refused only with a reason (381/2023 §6(1): the plan is
 * reviewed when the client asks, unless that is clearly unnecessary), and only by the
 * employment authority, which owns the review clock (§6).
 */
describe('cases: refusing a client’s review request (381/2023 §6(1))', () => {
  let h: ReferralsTestApp;
  let serial = 0;
  const staffIds = new Map<string, string>();
  const kela = () => h.as('kela', ['caseworker'], 'rr-kela');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'rr-hva');
  const ea = () => h.as('ea-kerava-sipoo', ['caseworker'], 'rr-ea');
  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const refusal = {
    reasonCode: 'recently_reviewed',
    reason: 'Suunnitelma tarkistettiin kaksi viikkoa sitten, eikä tilanteesi ole muuttunut.',
  };
  const deadline = async (caseId: string) =>
    (
      await h.database.pool.query(
        `SELECT status, closed_reason FROM platform.deadlines WHERE kind = 'plan.review_requested' AND case_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [caseId],
      )
    ).rows[0] as { status: string; closed_reason: string | null } | undefined;

  /** An active case (a plan agreed on 15.4.2026) with the EA, HVA and Kela on the team. */
  async function activeCase(): Promise<string> {
    h.clock.set('2026-04-15T09:00:00Z');
    serial += 1;
    const code = makeHetu(`${String(10 + serial).padStart(2, '0')}0385`, '-', String(200 + serial));
    const referral = await inject('POST', '/v1/referrals', kela(), referralBody(code));
    expect(referral.statusCode, referral.body).toBe(201);
    const accepted = await inject('POST', `/v1/referrals/${referral.json().id}/accept`, hva(), {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const caseId = accepted.json().case.id as string;
    for (const sub of ['rr-ea', 'rr-kela']) {
      const staffId = staffIds.get(sub) as string;
      const added = await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId, role: 'member' });
      expect(added.statusCode, added.body).toBe(200);
    }
    await h.database.db.transaction((tx) =>
      setCaseActive(tx, caseId, {
        agreedOn: '2026-04-15',
        actor: { organisation: 'ea-kerava-sipoo', sub: 'rr-ea' },
        now: h.clock.now(),
      }),
    );
    return caseId;
  }

  beforeAll(async () => {
    h = await createReferralsTestApp();
    h.clock.set('2026-04-15T09:00:00Z');
    for (const [org, sub] of [
      ['kela', 'rr-kela'],
      ['hva-vantaa-kerava', 'rr-hva'],
      ['ea-kerava-sipoo', 'rr-ea'],
    ] as const) {
      staffIds.set(sub, await h.staff({ org, sub, roles: ['caseworker'], areas: ['vantaa-kerava'] }));
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('the employment authority refuses with a reason: the deadline is cancelled, the client is to be told', async () => {
    const caseId = await activeCase();
    h.clock.set('2026-04-20T09:00:00Z');
    const request = await inject('POST', `/v1/cases/${caseId}/review-requests`, hva(), { channel: 'phone' });
    expect(request.statusCode, request.body).toBe(201);
    const requestId = request.json().id as string;
    expect(request.json().status).toBe('open');
    expect((await deadline(caseId))?.status).toBe('pending');

    h.clock.set('2026-04-22T09:00:00Z');
    const refused = await inject(
      'POST',
      `/v1/cases/${caseId}/review-requests/${requestId}/refusal`,
      ea(),
      refusal,
    );
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.headers['content-type']).toContain('application/json');
    expect(refused.json()).toMatchObject({
      id: requestId,
      status: 'refused',
      refusal: {
        refusedOn: '2026-04-22',
        reasonCode: 'recently_reviewed',
        reason: refusal.reason,
        refusedByOrganisation: 'ea-kerava-sipoo',
      },
    });
    expect(await deadline(caseId)).toEqual({
      status: 'cancelled',
      closed_reason: 'case.review_request_refused',
    });

    const kase = await inject('GET', `/v1/cases/${caseId}`, hva());
    expect(kase.json().reviewRequests).toEqual([
      expect.objectContaining({ id: requestId, status: 'refused', refusal: expect.any(Object) }),
    ]);
    // The event for the client's message: ids, codes and dates, never the written reason.
    const { rows } = await h.database.pool.query(
      `SELECT payload FROM platform.events WHERE type = 'case.review_request_refused' AND case_id = $1`,
      [caseId],
    );
    expect(rows).toEqual([
      {
        payload: {
          caseId,
          reviewRequestId: requestId,
          requestedOn: '2026-04-20',
          refusedOn: '2026-04-22',
          reasonCode: 'recently_reviewed',
        },
      },
    ]);
    expect(
      await h.count(
        'referrals.access_log',
        `resource_id = '${caseId}' AND action = 'case.review_request.refuse'`,
      ),
    ).toBe(1);

    // Refused once: a second refusal is a conflict.
    const again = await inject(
      'POST',
      `/v1/cases/${caseId}/review-requests/${requestId}/refusal`,
      ea(),
      refusal,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CASE_REVIEW_REQUEST_NOT_OPEN');
  });

  it('keeps the deadline while another request of the client is still open', async () => {
    const caseId = await activeCase();
    h.clock.set('2026-04-20T09:00:00Z');
    const first = await inject('POST', `/v1/cases/${caseId}/review-requests`, hva(), { channel: 'phone' });
    const second = await inject('POST', `/v1/cases/${caseId}/review-requests`, hva(), { channel: 'written' });
    const refused = await inject(
      'POST',
      `/v1/cases/${caseId}/review-requests/${first.json().id}/refusal`,
      ea(),
      refusal,
    );
    expect(refused.statusCode, refused.body).toBe(201);
    expect((await deadline(caseId))?.status).toBe('pending');
    const last = await inject(
      'POST',
      `/v1/cases/${caseId}/review-requests/${second.json().id}/refusal`,
      ea(),
      refusal,
    );
    expect(last.statusCode, last.body).toBe(201);
    expect((await deadline(caseId))?.status).toBe('cancelled');
  });

  it('refuses a refusal without a reason, by another party, or of a request already met — and changes nothing', async () => {
    const caseId = await activeCase();
    h.clock.set('2026-04-20T09:00:00Z');
    const request = await inject('POST', `/v1/cases/${caseId}/review-requests`, hva(), { channel: 'phone' });
    const url = `/v1/cases/${caseId}/review-requests/${request.json().id}/refusal`;
    const bad: Array<[object, number, string, string | null]> = [
      [{ reasonCode: 'recently_reviewed' }, 400, 'VALIDATION_FAILED', 'body.reason'],
      [
        { reasonCode: 'recently_reviewed', reason: '   ' },
        422,
        'CASE_REVIEW_REFUSAL_REASON_REQUIRED',
        'body.reason',
      ],
      [
        { reasonCode: 'recently_reviewed', reason: 'x'.repeat(2001) },
        400,
        'VALIDATION_FAILED',
        'body.reason',
      ],
      [{ reasonCode: 'does_not_want', reason: 'x' }, 400, 'VALIDATION_FAILED', 'body.reasonCode'],
      [{ reason: 'x' }, 400, 'VALIDATION_FAILED', 'body.reasonCode'],
    ];
    for (const [body, status, code, location] of bad) {
      const r = await inject('POST', url, ea(), body);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe(code);
      if (location) expect(r.json().errors.map((e: { location: string }) => e.location)).toContain(location);
    }
    // The HVA and Kela take part in reviews, but the review clock is the employment authority's.
    for (const who of [hva(), kela()]) {
      const r = await inject('POST', url, who, refusal);
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().code).toBe('CASE_REVIEW_REFUSAL_NOT_EMPLOYMENT_AUTHORITY');
    }
    // Not a party of the client: 404, as a missing case.
    const other = h.as('ea-vantaa', ['coordinator'], 'rr-vantaa');
    expect((await inject('POST', url, other, refusal)).statusCode).toBe(404);
    // An unknown request of a case the caller sees: 404.
    const unknown = await inject(
      'POST',
      `/v1/cases/${caseId}/review-requests/00000000-0000-4000-8000-000000000000/refusal`,
      ea(),
      refusal,
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CASE_REVIEW_REQUEST_NOT_FOUND');
    expect(
      await h.count('referrals.case_review_requests', `refused_on IS NOT NULL AND case_id = '${caseId}'`),
    ).toBe(0);
    expect((await deadline(caseId))?.status).toBe('pending');

    // Met by a review (planning meets the deadline): no longer open.
    await h.database.pool.query(
      `UPDATE platform.deadlines SET status = 'met', met_on = '2026-04-21' WHERE kind = 'plan.review_requested' AND case_id = $1 AND status = 'pending'`,
      [caseId],
    );
    const met = await inject('POST', url, ea(), refusal);
    expect(met.statusCode).toBe(409);
    expect(met.json().code).toBe('CASE_REVIEW_REQUEST_NOT_OPEN');
    expect(
      await h.count('platform.events', `type = 'case.review_request_refused' AND case_id = '${caseId}'`),
    ).toBe(0);
  });

  it('erases the written reason with the case’s other free texts (381/2023 §12(2)); the code stays', async () => {
    const caseId = await activeCase();
    h.clock.set('2026-04-20T09:00:00Z');
    const request = await inject('POST', `/v1/cases/${caseId}/review-requests`, hva(), { channel: 'phone' });
    const refused = await inject(
      'POST',
      `/v1/cases/${caseId}/review-requests/${request.json().id}/refusal`,
      ea(),
      refusal,
    );
    expect(refused.statusCode, refused.body).toBe(201);
    expect(
      (await inject('POST', `/v1/cases/${caseId}/ending`, ea(), { reasonCode: 'employed' })).statusCode,
    ).toBe(201);
    for (const who of [ea(), hva(), kela()])
      expect((await inject('POST', `/v1/cases/${caseId}/ending/confirmations`, who, {})).statusCode).toBe(
        200,
      );
    const erased = await h.database.db.transaction((tx) =>
      eraseCaseClientData(tx, caseId, { now: h.clock.now(), requestId: 'test-erasure' }),
    );
    expect(erased.erased).toBe(true);
    const { rows } = await h.database.pool.query(
      'SELECT refusal_reason, refusal_reason_code FROM referrals.case_review_requests WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toEqual([{ refusal_reason: null, refusal_reason_code: 'recently_reviewed' }]);
  });
});
