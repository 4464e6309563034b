import { webhookEndpoints } from '@tym/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

describe('webhook endpoints API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ allowedHosts: ['plain.kela.example'], allowPrivateAddresses: false });
  });
  afterAll(async () => {
    await h.close();
  });

  const create = (org: string, payload: Record<string, unknown>, role = 'partner', key?: string) =>
    h.t.app.inject({
      method: 'POST',
      url: '/v1/webhook-endpoints',
      headers: { ...h.auth(org, role), ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  it('creates an endpoint and shows its secret only once', async () => {
    const res = await create('kela', {
      url: 'https://hooks.kela.example/tym',
      description: 'Kela case system',
      eventTypes: ['referral.accepted', 'plan.*'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      url: 'https://hooks.kela.example/tym',
      description: 'Kela case system',
      eventTypes: ['plan.*', 'referral.accepted'],
      status: 'active',
      paused: false,
      disabledAt: null,
    });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(body.secret.slice(6), 'base64')).toHaveLength(32);

    const one = await h.t.app.inject({ url: `/v1/webhook-endpoints/${body.id}`, headers: h.auth('kela') });
    expect(one.statusCode).toBe(200);
    expect(one.json()).not.toHaveProperty('secret');
    expect(one.body).not.toContain(body.secret.slice(6));
    const list = await h.t.app.inject({ url: '/v1/webhook-endpoints', headers: h.auth('kela', 'admin') });
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(body.id);
    expect(list.body).not.toContain(body.secret.slice(6));
  });

  it('replays a creation with the same Idempotency-Key', async () => {
    const first = await create('kela', { url: 'https://a.example/h' }, 'partner', 'k-1');
    const again = await create('kela', { url: 'https://a.example/h' }, 'partner', 'k-1');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses non-https URLs and addresses inside at subscription', async () => {
    for (const url of [
      'http://hooks.kela.example/tym',
      'https://127.0.0.1/hook',
      'https://10.0.0.8/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/hook',
      'https://localhost/hook',
      'https://user:pw@hooks.kela.example/',
    ]) {
      const res = await create('kela', { url });
      expect(res.statusCode, url).toBe(422);
      expect(res.json()).toMatchObject({ code: 'WEBHOOK_URL_NOT_ALLOWED' });
      expect(res.json().errors[0].location).toBe('body.url');
    }
    // A configured host may use plain http.
    expect((await create('kela', { url: 'http://plain.kela.example/hook' })).statusCode).toBe(201);
    const bad = await create('kela', { url: 'https://x.example/', eventTypes: ['Not A Type'], extra: 1 });
    expect(bad.statusCode).toBe(400);
  });

  it('needs the partner or admin role', async () => {
    const res = await create('kela', { url: 'https://hooks.kela.example/x' }, 'caseworker');
    expect(res.statusCode).toBe(403);
    const list = await h.t.app.inject({
      url: '/v1/webhook-endpoints',
      headers: h.auth('kela', 'caseworker'),
    });
    expect(list.statusCode).toBe(403);
    const anon = await h.t.app.inject({ url: '/v1/webhook-endpoints' });
    expect(anon.statusCode).toBe(401);
  });

  it('changes, pauses, re-enables and deletes', async () => {
    const { id } = (await create('kela', { url: 'https://hooks.kela.example/p' })).json();
    const patch = (payload: Record<string, unknown>) =>
      h.t.app.inject({
        method: 'PATCH',
        url: `/v1/webhook-endpoints/${id}`,
        headers: h.auth('kela'),
        payload,
      });
    const paused = await patch({ paused: true, eventTypes: null, url: 'https://hooks2.kela.example/p' });
    expect(paused.json()).toMatchObject({
      status: 'paused',
      eventTypes: null,
      url: 'https://hooks2.kela.example/p',
    });
    expect((await patch({ url: 'http://hooks2.kela.example/p' })).statusCode).toBe(422);
    expect((await patch({})).statusCode).toBe(400);

    await h.tdb.db
      .update(webhookEndpoints)
      .set({ disabledAt: h.clock.now(), disabledReason: 'gone', paused: false })
      .where(eq(webhookEndpoints.id, id));
    const disabled = await h.t.app.inject({ url: `/v1/webhook-endpoints/${id}`, headers: h.auth('kela') });
    expect(disabled.json()).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    expect((await patch({ enabled: true })).json()).toMatchObject({ status: 'active', disabledReason: null });

    const del = await h.t.app.inject({
      method: 'DELETE',
      url: `/v1/webhook-endpoints/${id}`,
      headers: h.auth('kela'),
    });
    expect(del.statusCode).toBe(204);
    const gone = await h.t.app.inject({ url: `/v1/webhook-endpoints/${id}`, headers: h.auth('kela') });
    expect(gone.statusCode).toBe(404);
  });

  it('hides other organisations’ endpoints behind 404', async () => {
    const { id } = (await create('kela', { url: 'https://hooks.kela.example/own' })).json();
    const as = h.auth('vantaa', 'admin');
    const calls = [
      { method: 'GET' as const, url: `/v1/webhook-endpoints/${id}` },
      { method: 'PATCH' as const, url: `/v1/webhook-endpoints/${id}`, payload: { paused: true } },
      { method: 'DELETE' as const, url: `/v1/webhook-endpoints/${id}` },
      { method: 'POST' as const, url: `/v1/webhook-endpoints/${id}/rotate-secret` },
      { method: 'POST' as const, url: `/v1/webhook-endpoints/${id}/test` },
      { method: 'GET' as const, url: `/v1/webhook-endpoints/${id}/deliveries` },
      {
        method: 'POST' as const,
        url: `/v1/webhook-endpoints/${id}/recover`,
        payload: { since: '2026-01-01T00:00:00Z' },
      },
    ];
    for (const call of calls) {
      const res = await h.t.app.inject({ ...call, headers: as });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(404);
      expect(res.json().code).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    }
    const list = await h.t.app.inject({ url: '/v1/webhook-endpoints', headers: as });
    expect(list.json().items).toEqual([]);
    const still = await h.t.app.inject({ url: `/v1/webhook-endpoints/${id}`, headers: h.auth('kela') });
    expect(still.json().paused).toBe(false);
  });

  it('accepts only event types of the catalog that partners may subscribe to, naming the field', async () => {
    const count = () => h.tdb.db.$count(webhookEndpoints, eq(webhookEndpoints.organisationCode, 'kela'));
    const before = await count();
    const unknown = await create('kela', {
      url: 'https://hooks.kela.example/types',
      eventTypes: ['referral.accepted', 'plan.*', 'referral.vanished'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ location: 'body.eventTypes[2]', rule: 'event_type' }),
    ]);
    expect(unknown.json().detail).toContain('GET /v1/event-types');
    const internal = await create('kela', {
      url: 'https://hooks.kela.example/types',
      eventTypes: ['reference_data.loaded'],
    });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().errors[0]).toMatchObject({
      location: 'body.eventTypes[0]',
      rule: 'event_type_subscribable',
    });
    const noResource = await create('kela', {
      url: 'https://hooks.kela.example/types',
      eventTypes: ['deadline.*', 'payroll.*'],
    });
    expect(noResource.statusCode).toBe(400);
    expect(noResource.json().errors[0].location).toBe('body.eventTypes[1]');
    expect(await count()).toBe(before);

    const ok = await create('kela', {
      url: 'https://hooks.kela.example/types',
      eventTypes: ['deadline.*', 'meeting.scheduled', 'webhook_endpoint.disabled'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id as string;
    const patched = await h.t.app.inject({
      method: 'PATCH',
      url: `/v1/webhook-endpoints/${id}`,
      headers: h.auth('kela'),
      payload: { eventTypes: ['case.ended', 'case.closed'], url: 'https://hooks.kela.example/changed' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().errors[0].location).toBe('body.eventTypes[1]');
    const after = await h.t.app.inject({ url: `/v1/webhook-endpoints/${id}`, headers: h.auth('kela') });
    expect(after.json()).toMatchObject({
      url: 'https://hooks.kela.example/types',
      eventTypes: ['deadline.*', 'meeting.scheduled', 'webhook_endpoint.disabled'],
    });
  });
});
