import { webhookDeliveries } from '@tym/db';
import { type Receiver, startReceiver } from '@tym/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

const CASE = '00000000-0000-4000-8000-0000000000c1';
const AREA = '00000000-0000-4000-8000-0000000000a1';

describe('webhook deliveries, end to end', () => {
  let h: Harness;
  let receiver: Receiver;
  beforeAll(async () => {
    h = await createHarness();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.handler = (_req, res) => res.writeHead(200).end('ok');
  });

  async function subscribe(org = 'kela', extra: Record<string, unknown> = {}) {
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/webhook-endpoints',
      headers: h.auth(org),
      payload: { url: receiver.url, ...extra },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; secret: string };
  }
  const remove = (org: string, id: string) =>
    h.t.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${id}`, headers: h.auth(org) });

  it('a partner subscribes, receives a signed thin event and verifies it with standardwebhooks', async () => {
    const endpoint = await subscribe();
    const event = await h.addEvent({
      organisationCodes: ['kela', 'helsinki'],
      caseId: CASE,
      cooperationAreaId: AREA,
      payload: { caseId: CASE },
    });
    // An event of a case Kela is not party of never reaches it.
    await h.addEvent({ organisationCodes: ['helsinki', 'uusimaa-hva'], caseId: CASE });
    await h.runDue();

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    if (!request) throw new Error('nothing received');
    const payload = h.verify(endpoint.secret, request.body, request.headers);
    expect(payload).toEqual({
      type: 'referral.accepted',
      timestamp: h.clock.now().toISOString(),
      data: {
        eventId: event.eventId,
        subjectType: 'referral',
        subjectId: 'r-1',
        caseId: CASE,
        cooperationAreaId: AREA,
        caseSequence: 1,
        position: event.position,
      },
    });
    expect(request.headers['webhook-id']).toBe(event.eventId);
    expect(request.body).not.toContain('referralId');

    const log = await h.t.app.inject({
      url: `/v1/webhook-endpoints/${endpoint.id}/deliveries`,
      headers: h.auth('kela'),
    });
    expect(log.statusCode).toBe(200);
    expect(log.json().items).toMatchObject([
      {
        eventId: event.eventId,
        eventType: 'referral.accepted',
        status: 'succeeded',
        attemptsMade: 1,
        webhookId: event.eventId,
        attempts: [{ attempt: 1, outcome: 'succeeded', statusCode: 200, responseExcerpt: 'ok' }],
      },
    ]);
    await remove('kela', endpoint.id);
  });

  it('during a rotation both secrets verify, and after 24 hours only the new one', async () => {
    const endpoint = await subscribe();
    const rotated = await h.t.app.inject({
      method: 'POST',
      url: `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
      headers: h.auth('kela'),
    });
    expect(rotated.statusCode).toBe(200);
    const { secret, previousSecretExpiresAt } = rotated.json();
    expect(secret).not.toBe(endpoint.secret);
    expect(previousSecretExpiresAt).toBe(new Date(h.clock.now().getTime() + 86_400_000).toISOString());

    await h.addEvent({ organisationCodes: ['kela'] });
    await h.runDue();
    const [during] = receiver.requests;
    if (!during) throw new Error('nothing received');
    expect(during.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(h.verify(secret, during.body, during.headers)).toBeTruthy();
    expect(h.verify(endpoint.secret, during.body, during.headers)).toBeTruthy();

    h.clock.advance(86_400_000 + 1_000);
    await h.addEvent({ organisationCodes: ['kela'] });
    await h.runDue();
    const after = receiver.requests[1];
    if (!after) throw new Error('nothing received');
    expect(after.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(h.verify(secret, after.body, after.headers)).toBeTruthy();
    expect(() => h.verify(endpoint.secret, after.body, after.headers)).toThrow();
    await remove('kela', endpoint.id);
  });

  it('sends a ping through the same machinery, with a fresh webhook-id', async () => {
    const endpoint = await subscribe();
    const res = await h.t.app.inject({
      method: 'POST',
      url: `/v1/webhook-endpoints/${endpoint.id}/test`,
      headers: h.auth('kela', 'admin'),
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'ping', eventType: 'ping', status: 'pending', eventId: null });
    await h.runDue();
    const [request] = receiver.requests;
    if (!request) throw new Error('nothing received');
    expect(h.verify(endpoint.secret, request.body, request.headers)).toEqual({
      type: 'ping',
      timestamp: h.clock.now().toISOString(),
      data: { endpointId: endpoint.id },
    });
    expect(request.headers['webhook-id']).toBe(res.json().webhookId);
    await remove('kela', endpoint.id);
  });

  it('lists deliveries by status and type, page by page, and tells why one failed', async () => {
    const endpoint = await subscribe();
    receiver.handler = (_req, res) => res.writeHead(500).end('database down');
    for (let i = 0; i < 3; i++) await h.addEvent({ organisationCodes: ['kela'], type: 'plan.agreed' });
    await h.addEvent({ organisationCodes: ['kela'], type: 'referral.accepted' });
    await h.runDue();
    const url = `/v1/webhook-endpoints/${endpoint.id}/deliveries`;
    const first = await h.t.app.inject({ url: `${url}?type=plan.agreed&limit=2`, headers: h.auth('kela') });
    expect(first.json().items).toHaveLength(2);
    expect(first.json().items[0]).toMatchObject({
      status: 'pending',
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      attempts: [{ statusCode: 500, outcome: 'failed', responseExcerpt: 'database down' }],
    });
    const second = await h.t.app.inject({
      url: `${url}?type=plan.agreed&limit=2&cursor=${first.json().nextCursor}`,
      headers: h.auth('kela'),
    });
    expect(second.json().items).toHaveLength(1);
    expect(second.json().nextCursor).toBeNull();
    const byStatus = await h.t.app.inject({ url: `${url}?status=succeeded`, headers: h.auth('kela') });
    expect(byStatus.json().items).toEqual([]);
    const bad = await h.t.app.inject({ url: `${url}?cursor=nonsense`, headers: h.auth('kela') });
    expect(bad.statusCode).toBe(400);
    await remove('kela', endpoint.id);
  });

  it('retries one failed delivery and recovers everything failed since a time', async () => {
    const endpoint = await subscribe();
    receiver.handler = (_req, res) => res.writeHead(500).end();
    const since = h.clock.now().toISOString();
    for (let i = 0; i < 3; i++) await h.addEvent({ organisationCodes: ['kela'] });
    // Exhaust the schedule: eight attempts each.
    for (let i = 0; i < 8; i++) {
      await h.runDue();
      h.clock.advance(11 * 3_600_000);
    }
    const rows = await h.tdb.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);

    receiver.handler = (_req, res) => res.writeHead(200).end();
    receiver.requests.length = 0;
    const [one] = rows;
    const retry = await h.t.app.inject({
      method: 'POST',
      url: `/v1/webhook-deliveries/${one?.id}/retry`,
      headers: h.auth('kela'),
    });
    expect(retry.statusCode).toBe(202);
    expect(retry.json()).toMatchObject({ status: 'pending', attemptsMade: 8 });
    const busy = await h.t.app.inject({
      method: 'POST',
      url: `/v1/webhook-deliveries/${one?.id}/retry`,
      headers: h.auth('kela'),
    });
    expect(busy.statusCode).toBe(409);
    const foreign = await h.t.app.inject({
      method: 'POST',
      url: `/v1/webhook-deliveries/${one?.id}/retry`,
      headers: h.auth('vantaa'),
    });
    expect(foreign.statusCode).toBe(404);
    await h.runDue();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers['webhook-id']).toBe(one?.webhookId);

    const recover = await h.t.app.inject({
      method: 'POST',
      url: `/v1/webhook-endpoints/${endpoint.id}/recover`,
      headers: h.auth('kela'),
      payload: { since },
    });
    expect(recover.statusCode).toBe(202);
    expect(recover.json()).toEqual({ recovered: 2 });
    await h.runDue();
    expect(receiver.requests).toHaveLength(3);
    const after = await h.tdb.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(after.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    await remove('kela', endpoint.id);
  });

  it('does not deliver to paused endpoints', async () => {
    const endpoint = await subscribe();
    await h.t.app.inject({
      method: 'PATCH',
      url: `/v1/webhook-endpoints/${endpoint.id}`,
      headers: h.auth('kela'),
      payload: { paused: true },
    });
    await h.addEvent({ organisationCodes: ['kela'] });
    await h.runDue();
    expect(receiver.requests).toHaveLength(0);
    await remove('kela', endpoint.id);
  });
});
