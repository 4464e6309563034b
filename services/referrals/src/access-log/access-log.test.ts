import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

describe('access log', () => {
  let h: ReferralsTestApp;
  let clientId: string;
  let referralId: string;
  const code = makeHetu('211105', 'A', '111');
  const kela = (extra: Record<string, string> = {}) => h.as('kela', ['caseworker'], 'kela-cw', extra);

  beforeAll(async () => {
    h = await createReferralsTestApp();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: kela({ 'x-request-id': 'req-create-1' }),
      payload: referralBody(code),
    });
    expect(res.statusCode).toBe(201);
    clientId = res.json().clientId;
    referralId = res.json().id;
  });
  afterAll(async () => {
    await h.close();
  });

  const rows = async () =>
    (
      await h.database.pool.query(
        'SELECT action, resource_type, resource_id, client_id, actor_sub, actor_organisation, actor_roles, purpose, request_id FROM referrals.access_log ORDER BY id',
      )
    ).rows;

  it('logs every write and read of client data, with who, what, why, when and the request', async () => {
    await h.t.app.inject({
      method: 'GET',
      url: `/v1/clients/${clientId}`,
      headers: kela({ 'x-access-purpose': 'Preparing the joint meeting', 'x-request-id': 'req-read-1' }),
    });
    await h.t.app.inject({ method: 'GET', url: `/v1/referrals/${referralId}`, headers: kela() });
    const log = await rows();
    expect(log.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'client.create',
        client_id: clientId,
        actor_sub: 'kela-cw',
        actor_organisation: 'kela',
        actor_roles: ['caseworker'],
        purpose: 'TYM referral (381/2023 §3)',
        request_id: 'req-create-1',
      }),
      expect.objectContaining({ action: 'referral.create', resource_id: referralId, client_id: clientId }),
    ]);
    expect(log[2]).toMatchObject({
      action: 'client.read',
      purpose: 'Preparing the joint meeting',
      request_id: 'req-read-1',
    });
    expect(log[3]).toMatchObject({ action: 'referral.read', resource_id: referralId });
  });

  it('refuses an over-long purpose', async () => {
    const res = await h.t.app.inject({
      method: 'GET',
      url: `/v1/clients/${clientId}`,
      headers: kela({ 'x-access-purpose': 'x'.repeat(201) }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].location).toBe('header.x-access-purpose');
  });

  it('logs searches, matched or not, without the identity code', async () => {
    const miss = await h.t.app.inject({
      method: 'POST',
      url: '/v1/clients/search',
      headers: kela(),
      payload: { identityCode: makeHetu('010101', '-', '555') },
    });
    expect(miss.statusCode).toBe(404);
    const hit = await h.t.app.inject({
      method: 'POST',
      url: '/v1/clients/search',
      headers: kela(),
      payload: { identityCode: code },
    });
    expect(hit.statusCode).toBe(200);
    expect(hit.json()).toMatchObject({ id: clientId, identityCodeMasked: true, identityCode: '211105A****' });
    const log = await rows();
    expect(log.map((r) => r.action)).toContain('client.search.no_match');
    expect(JSON.stringify(log)).not.toContain('010101');
  });

  it('is append-only in the database', async () => {
    const pool = h.database.pool;
    await expect(pool.query(`UPDATE referrals.access_log SET purpose = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(pool.query('DELETE FROM referrals.access_log')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE referrals.access_log')).rejects.toThrow(/append-only/);
    expect(await h.count('referrals.access_log')).toBeGreaterThan(0);
  });

  it('shows the log to an auditor of a party, and logs that too; nobody else sees it', async () => {
    const auditor = h.as('kela', ['auditor'], 'kela-auditor');
    const res = await h.t.app.inject({
      method: 'GET',
      url: `/v1/clients/${clientId}/access-log?limit=2`,
      headers: auditor,
    });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].id).toBeGreaterThan(page.items[1].id);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await h.t.app.inject({
      method: 'GET',
      url: `/v1/clients/${clientId}/access-log?limit=100&cursor=${page.nextCursor}`,
      headers: auditor,
    });
    expect(next.json().items[0].id).toBeLessThan(page.items[1].id);
    expect(await h.count('referrals.access_log', `action = 'client.access_log.read'`)).toBe(2);
    for (const headers of [
      h.as('hva-pirkanmaa', ['auditor'], 'other-auditor'),
      h.as('kela', ['caseworker'], 'kela-cw'),
      h.as('kela', ['admin'], 'kela-admin'),
    ]) {
      const denied = await h.t.app.inject({
        method: 'GET',
        url: `/v1/clients/${clientId}/access-log`,
        headers,
      });
      expect(denied.statusCode).toBe(404);
    }
  });
});
