import { randomBytes } from 'node:crypto';
import {
  createDb,
  type DbHandle,
  events,
  type Transaction,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
} from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import type { ProcessorMap } from '@tym/jobs';
import { assignPositions, createJobProducer, exampleEvent, type JobProducer, recordEvent } from '@tym/jobs';
import { createRequestRedis, fixedClock, waitForRedis } from '@tym/platform';
import { testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { closedPort, type Receiver, startReceiver } from '@tym/testing';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProcessors, type ProcessorDeps } from '../testing/jobs-harness.js';
import { fanOutEvent, fanOutEvents, sweepWebhookDeliveries } from './webhook-deliveries.jobs.js';
import { claimAttempt } from './webhook-deliveries.repository.js';

const log = pino({ level: 'silent' });
const ctx = { jobId: 't', attemptsMade: 0 };
const secretOf = () => `whsec_${randomBytes(32).toString('base64')}`;
const CASE = '00000000-0000-4000-8000-00000000c001';
const AREA = '00000000-0000-4000-8000-00000000a001';

/** standardwebhooks checks the timestamp against the real clock: let it see the test clock. */
function verifyAt(at: Date, secret: string, body: string, headers: Record<string, string>) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return new Webhook(secret).verify(body, headers);
  } finally {
    vi.useRealTimers();
  }
}

describe('webhook delivery (worker)', () => {
  let tdb: TestDatabase;
  let receiver: Receiver;
  const clock = fixedClock(new Date());
  let processors: ProcessorMap;
  const options: ProcessorDeps['webhooks'] = {
    allowedHosts: ['127.0.0.1'],
    allowPrivateAddresses: true,
    timeoutMs: 400,
    random: () => 0.5,
  };

  beforeAll(async () => {
    tdb = await createTestDatabase();
    receiver = await startReceiver();
    processors = createProcessors({ db: tdb.db, clock, log, webhooks: options });
  });
  afterAll(async () => {
    await receiver.close();
    await tdb.destroy();
  });
  beforeEach(async () => {
    receiver.requests.length = 0;
    receiver.handler = (_req, res) => res.writeHead(200).end('ok');
    await tdb.db.delete(webhookEndpoints);
  });

  async function addEndpoint(values: Partial<typeof webhookEndpoints.$inferInsert> = {}) {
    const secret = secretOf();
    const [row] = await tdb.db
      .insert(webhookEndpoints)
      .values({ organisationCode: 'kela', url: receiver.url, secret, createdBy: 'test', ...values })
      .returning();
    if (!row) throw new Error('no endpoint');
    return { ...row, secret: values.secret ?? secret };
  }

  /** Records an event as a service would, positions it, and runs event.dispatch. */
  async function addEvent(organisationCodes = ['kela', 'helsinki']) {
    const recorded = await tdb.db.transaction((tx) =>
      recordEvent(
        tx,
        exampleEvent('referral.accepted', {
          occurredAt: clock.now(),
          organisationCodes,
          caseId: CASE,
          cooperationAreaId: AREA,
          subjectId: 'r-1',
          payload: { caseId: CASE },
        }),
      ),
    );
    await assignPositions(tdb.db);
    const [row] = await tdb.db.select().from(events).where(eq(events.id, recorded.id));
    await processors['event.dispatch']({ eventId: recorded.id, position: row?.position as number }, ctx);
    return recorded;
  }

  /** What the BullMQ worker would do at this moment of the test clock. */
  async function runDue(p: ProcessorMap = processors, deps: Partial<ProcessorDeps> = {}) {
    const swept = await sweepWebhookDeliveries({
      db: tdb.db,
      clock,
      log,
      options: { ...options, ...deps.webhooks },
    });
    for (const job of swept.due) await p['webhook.deliver'](job, ctx);
    return swept;
  }

  const deliveriesOf = (endpointId: string) =>
    tdb.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  const attemptsOf = (deliveryId: string) =>
    tdb.db
      .select()
      .from(webhookDeliveryAttempts)
      .where(eq(webhookDeliveryAttempts.deliveryId, deliveryId))
      .orderBy(asc(webhookDeliveryAttempts.attempt));

  it('never delivers a type the event catalog keeps from partners, whatever the filter', async () => {
    await addEndpoint();
    await addEndpoint({ eventTypes: ['reference_data.*'] });
    const fanOut = (type: 'reference_data.loaded' | 'organisation.updated') =>
      tdb.db.transaction(async (tx) => {
        const { id } = await recordEvent(
          tx,
          exampleEvent(type, {
            occurredAt: clock.now(),
            organisationCodes: ['kela'],
            subjectId: 'resourcing',
          }),
        );
        const [row] = await tx.select().from(events).where(eq(events.id, id));
        if (!row) throw new Error('no event');
        return fanOutEvent(tx, row, clock.now());
      });
    expect(await fanOut('reference_data.loaded')).toBe(0);
    // A subscribable type reaches the endpoint that takes every type.
    expect(await fanOut('organisation.updated')).toBe(1);
  });

  it('a batch fans out in one statement the same deliveries as event by event, once per event', async () => {
    await addEndpoint();
    await addEndpoint({ organisationCode: 'vantaa' });
    await addEndpoint({ eventTypes: ['plan.*'] });
    await addEndpoint({ eventTypes: ['referral.*', 'organisation.updated'] });
    await addEndpoint({ paused: true });
    await addEndpoint({ disabledAt: clock.now(), disabledReason: 'gone' });
    const types = [
      'referral.accepted',
      'reference_data.loaded',
      'organisation.updated',
      'staff.created',
    ] as const;
    const ids = await tdb.db.transaction(async (tx) => {
      const out: number[] = [];
      for (const [i, type] of types.entries()) {
        const { id } = await recordEvent(
          tx,
          exampleEvent(type, {
            occurredAt: clock.now(),
            organisationCodes: i === 2 ? ['helsinki', 'kela', 'vantaa'] : ['kela'],
            subjectId: `batch-${i}`,
          }),
        );
        out.push(id);
      }
      return out;
    });
    await assignPositions(tdb.db);
    const batch = await tdb.db
      .select()
      .from(events)
      .where(inArray(events.id, ids))
      .orderBy(asc(events.position));
    // What each way writes, in a transaction rolled back afterwards.
    class Written extends Error {
      constructor(readonly rows: unknown[]) {
        super('rolled back');
      }
    }
    const written = async (fanOut: (tx: Transaction) => Promise<number[]>) => {
      const error = await tdb.db
        .transaction(async (tx) => {
          const counts = await fanOut(tx);
          const rows = await tx
            .select()
            .from(webhookDeliveries)
            .where(
              inArray(
                webhookDeliveries.eventPosition,
                batch.map((e) => e.position as number),
              ),
            );
          throw new Written([
            counts,
            rows
              .map(({ id: _id, ...rest }) => rest)
              .sort((a, b) => `${a.eventId}${a.endpointId}`.localeCompare(`${b.eventId}${b.endpointId}`)),
          ]);
        })
        .catch((e: unknown) => e);
      return (error as Written).rows;
    };
    const one = await written(async (tx) => {
      const counts: number[] = [];
      for (const e of batch) counts.push(await fanOutEvent(tx, e, clock.now()));
      return counts;
    });
    const many = await written((tx) => fanOutEvents(tx, batch, clock.now()));
    expect(many).toEqual(one);
    expect(many[0]).toEqual([2, 0, 3, 1]);

    // Through the batch's dispatch job, twice: the deliveries once.
    const first = batch[0]?.position as number;
    const last = batch[batch.length - 1]?.position as number;
    expect(
      await processors['event.dispatch']({ firstPosition: first, lastPosition: last }, ctx),
    ).toMatchObject({
      events: 4,
      dispatched: 4,
      webhookDeliveries: 6,
    });
    expect(
      await processors['event.dispatch']({ firstPosition: first, lastPosition: last }, ctx),
    ).toMatchObject({
      dispatched: 0,
      webhookDeliveries: 0,
    });
    const rows = await tdb.db
      .select()
      .from(webhookDeliveries)
      .where(
        inArray(
          webhookDeliveries.eventPosition,
          batch.map((e) => e.position as number),
        ),
      );
    expect(rows).toHaveLength(6);
  });

  it('delivers a thin, signed event that the standardwebhooks package verifies', async () => {
    const endpoint = await addEndpoint();
    const other = await addEndpoint({ organisationCode: 'vantaa' });
    const filtered = await addEndpoint({ eventTypes: ['plan.*'] });
    const wildcard = await addEndpoint({ eventTypes: ['referral.*'] });
    const event = await addEvent();
    await runDue();

    expect(receiver.requests).toHaveLength(2);
    const request = receiver.requests[0];
    if (!request) throw new Error('nothing received');
    expect(request.headers['webhook-id']).toBe(event.eventId);
    expect(request.headers['webhook-timestamp']).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    const payload = verifyAt(clock.now(), endpoint.secret, request.body, request.headers);
    const [row] = await tdb.db.select().from(events).where(eq(events.id, event.id));
    expect(payload).toEqual({
      type: 'referral.accepted',
      timestamp: clock.now().toISOString(),
      data: {
        eventId: event.eventId,
        subjectType: 'referral',
        subjectId: 'r-1',
        caseId: CASE,
        cooperationAreaId: AREA,
        caseSequence: event.caseSequence,
        position: row?.position,
      },
    });
    // The other receiver verifies with its own secret only.
    const second = receiver.requests[1];
    expect(() => verifyAt(clock.now(), endpoint.secret, second?.body ?? '', second?.headers ?? {})).toThrow();
    expect(verifyAt(clock.now(), wildcard.secret, second?.body ?? '', second?.headers ?? {})).toBeTruthy();

    expect(await deliveriesOf(other.id)).toHaveLength(0);
    expect(await deliveriesOf(filtered.id)).toHaveLength(0);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempt: 1, lastStatusCode: 200 });
    const attempts = await attemptsOf(delivery?.id ?? '');
    expect(attempts).toMatchObject([
      { attempt: 1, outcome: 'succeeded', statusCode: 200, responseExcerpt: 'ok' },
    ]);

    // A second dispatch of the same event adds no delivery.
    await processors['event.dispatch']({ eventId: event.id, position: 1 }, ctx);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    const [ep] = await tdb.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep?.lastSuccessAt).not.toBeNull();
  });

  it('webhook.fanout makes the first attempt of every delivery of an event once, over kept-alive connections', async () => {
    const ok = await addEndpoint();
    const failing = await addEndpoint({ url: `${receiver.url}fail` });
    const raced = await addEndpoint({ eventTypes: ['referral.*'] });
    const ports: number[] = [];
    receiver.handler = (req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      res.writeHead(req.url?.endsWith('fail') ? 500 : 200).end('ok');
    };
    const event = await addEvent();
    // The sweep's `webhook.deliver` job took one attempt first: the fan-out leaves it alone.
    const [racedRow] = await deliveriesOf(raced.id);
    if (!racedRow) throw new Error('no delivery');
    expect(await claimAttempt(tdb.db, racedRow.id, 1, clock.now())).toBeTruthy();

    expect(await processors['webhook.fanout']({ eventId: event.eventId }, ctx)).toEqual({
      attempted: 2,
      succeeded: 1,
      deferred: 0,
    });
    // A repeated job (BullMQ retry, a second worker) sends nothing again.
    expect(await processors['webhook.fanout']({ eventId: event.eventId }, ctx)).toEqual({
      attempted: 0,
      succeeded: 0,
      deferred: 0,
    });
    expect(receiver.requests).toHaveLength(2);
    const [okRow] = await deliveriesOf(ok.id);
    expect(okRow).toMatchObject({ status: 'succeeded', attempt: 1, lastStatusCode: 200 });
    expect(await attemptsOf(okRow?.id ?? '')).toMatchObject([
      { attempt: 1, outcome: 'succeeded', statusCode: 200, responseExcerpt: 'ok' },
    ]);
    const [okEndpoint] = await tdb.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, ok.id));
    expect(okEndpoint?.lastSuccessAt).toEqual(clock.now());
    expect(okRow?.deliveredAt).toEqual(clock.now());
    // The failure waits for its second attempt (a delayed webhook.deliver job), signed alike.
    const [failedRow] = await deliveriesOf(failing.id);
    expect(failedRow).toMatchObject({ status: 'pending', attempt: 2, lastStatusCode: 500 });
    expect(await attemptsOf(failedRow?.id ?? '')).toMatchObject([{ attempt: 1, outcome: 'failed' }]);
    expect((await deliveriesOf(raced.id))[0]?.status).toBe('delivering');
    for (const r of receiver.requests) expect(r.headers['webhook-id']).toBe(event.eventId);

    // The next event to the same endpoint goes over a connection already open.
    await tdb.db.update(webhookEndpoints).set({ paused: true }).where(eq(webhookEndpoints.id, failing.id));
    const next = await addEvent();
    await processors['webhook.fanout']({ eventId: next.eventId }, ctx);
    expect(ports).toHaveLength(4);
    expect(ports.slice(0, 2)).toContain(ports[2]);
  });

  it('retries a 500 on the schedule with the same webhook-id, then succeeds', async () => {
    const endpoint = await addEndpoint();
    receiver.handler = (_req, res) => res.writeHead(500).end('x'.repeat(10_000));
    await addEvent();
    await runDue();
    let [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({
      status: 'pending',
      attempt: 2,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    expect(delivery?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + 5_000);

    // Not due yet: nothing is sent.
    clock.advance(4_000);
    expect((await runDue()).due).toHaveLength(0);
    clock.advance(1_000);
    await runDue();
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempt: 3 });
    expect(delivery?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + 300_000);

    receiver.handler = (_req, res) => res.writeHead(204).end();
    clock.advance(300_000);
    await runDue();
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempt: 3, lastStatusCode: 204 });
    const ids = new Set(receiver.requests.map((r) => r.headers['webhook-id']));
    expect(receiver.requests).toHaveLength(3);
    expect(ids.size).toBe(1);
    const attempts = await attemptsOf(delivery?.id ?? '');
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 500, 'failed'],
      [2, 500, 'failed'],
      [3, 204, 'succeeded'],
    ]);
    // The answer is cut at 4 KiB.
    expect(attempts[0]?.responseExcerpt).toHaveLength(4096);
    const [ep] = await tdb.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep?.failingSince).toBeNull();
  });

  it('logs why: a receiver that is down, slow, closes the connection or redirects', async () => {
    const down = await addEndpoint({ url: `http://127.0.0.1:${await closedPort()}/hook` });
    await addEvent();
    await runDue();
    const [d1] = await deliveriesOf(down.id);
    expect(d1).toMatchObject({ status: 'pending', lastError: 'connection refused', lastStatusCode: null });
    await tdb.db.delete(webhookEndpoints);

    const slow = await addEndpoint();
    receiver.handler = (_req, res) => {
      setTimeout(() => res.writeHead(200).end('late'), 2_000).unref();
    };
    await addEvent();
    const started = Date.now();
    await runDue();
    expect(Date.now() - started).toBeLessThan(1_500);
    const [d2] = await deliveriesOf(slow.id);
    expect(d2).toMatchObject({ status: 'pending', lastError: 'timed out after 400 ms' });
    await tdb.db.delete(webhookEndpoints);

    const closing = await addEndpoint();
    receiver.handler = (req) => req.socket.destroy();
    await addEvent();
    await runDue();
    const [d3] = await deliveriesOf(closing.id);
    expect(d3?.status).toBe('pending');
    expect(d3?.lastError).toMatch(/closed the connection|reset/);
    await tdb.db.delete(webhookEndpoints);

    const redirecting = await addEndpoint();
    receiver.handler = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    await addEvent();
    await runDue();
    const [d4] = await deliveriesOf(redirecting.id);
    expect(d4).toMatchObject({ status: 'pending', lastStatusCode: 302 });
    expect(d4?.lastError).toMatch(/redirects are not followed/);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const endpoint = await addEndpoint();
    receiver.handler = (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end();
    await addEvent();
    await runDue();
    let [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + 120_000);

    clock.advance(120_000);
    const at = new Date(clock.now().getTime() + 3_600_000);
    receiver.handler = (_req, res) => res.writeHead(429, { 'retry-after': at.toUTCString() }).end();
    await runDue();
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.attempt).toBe(3);
    expect(Math.abs((delivery?.nextAttemptAt?.getTime() ?? 0) - at.getTime())).toBeLessThan(1_000);
  });

  it('gives up after the eighth attempt', async () => {
    const endpoint = await addEndpoint();
    receiver.handler = (_req, res) => res.writeHead(500).end();
    await addEvent();
    for (let i = 0; i < 8; i++) {
      await runDue();
      clock.advance(11 * 3_600_000);
    }
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', attempt: 8, maxAttempt: 8, nextAttemptAt: null });
    expect(receiver.requests).toHaveLength(8);
    expect(await runDue()).toMatchObject({ due: [] });
  });

  it('disables an endpoint at once on 410 and records webhook_endpoint.disabled', async () => {
    const endpoint = await addEndpoint();
    receiver.handler = (_req, res) => res.writeHead(410).end('gone');
    await addEvent();
    await addEvent();
    const swept = await sweepWebhookDeliveries({ db: tdb.db, clock, log, options });
    const [first] = swept.due;
    if (!first) throw new Error('nothing due');
    await processors['webhook.deliver'](first, ctx);

    const [ep] = await tdb.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep).toMatchObject({ disabledReason: 'gone' });
    const statuses = (await deliveriesOf(endpoint.id)).map((d) => d.status).sort();
    expect(statuses).toEqual(['failed', 'failed']);
    const disabled = await tdb.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'webhook_endpoint.disabled'), eq(events.subjectId, endpoint.id)));
    expect(disabled).toMatchObject([
      { organisationCodes: ['kela'], payload: { endpointId: endpoint.id, reason: 'gone' } },
    ]);
    // A disabled endpoint gets no new deliveries.
    await addEvent();
    expect(await deliveriesOf(endpoint.id)).toHaveLength(2);
    expect(receiver.requests).toHaveLength(1);
  });

  it('disables an endpoint that has failed without one success for 5 days', async () => {
    const endpoint = await addEndpoint();
    receiver.handler = (_req, res) => res.writeHead(500).end();
    const start = clock.now().getTime();
    await addEvent();
    await runDue();
    const failing = async () =>
      (await tdb.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)))[0];
    expect((await failing())?.failingSince?.getTime()).toBe(start);

    // A success in between starts the count again.
    clock.advance(24 * 3_600_000);
    receiver.handler = (_req, res) => res.writeHead(200).end();
    await addEvent();
    await runDue();
    expect((await failing())?.failingSince).toBeNull();

    receiver.handler = (_req, res) => res.writeHead(500).end();
    const failStart = clock.now().getTime();
    for (let day = 0; day < 5; day++) {
      await addEvent();
      await runDue();
      clock.advance(24 * 3_600_000 - 60_000);
      await runDue();
      expect((await failing())?.disabledAt, `day ${day}`).toBeNull();
    }
    clock.set(new Date(failStart + 5 * 24 * 3_600_000));
    await addEvent();
    await runDue();
    const ep = await failing();
    expect(ep).toMatchObject({ disabledReason: 'failing' });
    expect(ep?.disabledAt?.getTime()).toBe(clock.now().getTime());
    const disabled = await tdb.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'webhook_endpoint.disabled'), eq(events.subjectId, endpoint.id)));
    expect(disabled).toHaveLength(1);
    expect(
      (await deliveriesOf(endpoint.id)).filter((d) => d.status === 'pending' || d.status === 'delivering'),
    ).toHaveLength(0);
  });

  it('two workers racing on the same attempt deliver it once', async () => {
    const endpoint = await addEndpoint();
    receiver.handler = (_req, res) => setTimeout(() => res.writeHead(200).end('ok'), 50);
    const second: DbHandle = createDb({ url: tdb.url, max: 2 });
    try {
      const other = createProcessors({ db: second.db, clock, log, webhooks: options });
      for (let i = 0; i < 5; i++) await addEvent();
      const { due } = await sweepWebhookDeliveries({ db: tdb.db, clock, log, options });
      expect(due).toHaveLength(5);
      const results = await Promise.all(
        due.flatMap((job) => [processors['webhook.deliver'](job, ctx), other['webhook.deliver'](job, ctx)]),
      );
      expect(results.filter((r) => (r as { status: string }).status === 'succeeded')).toHaveLength(5);
      expect(results.filter((r) => (r as { status: string }).status === 'skipped')).toHaveLength(5);
      expect(receiver.requests).toHaveLength(5);
      expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(5);
      expect((await deliveriesOf(endpoint.id)).every((d) => d.status === 'succeeded')).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('a worker that dies after claiming causes at most one duplicate with the same webhook-id', async () => {
    const endpoint = await addEndpoint();
    await addEvent();
    const [delivery] = await deliveriesOf(endpoint.id);
    if (!delivery) throw new Error('no delivery');
    // The dead worker claimed attempt 1 (and may have sent it) but never recorded it.
    expect(await claimAttempt(tdb.db, delivery.id, 1, clock.now())).toBeTruthy();
    expect(await processors['webhook.deliver']({ deliveryId: delivery.id, attempt: 1 }, ctx)).toEqual({
      status: 'skipped',
    });
    clock.advance(60_000);
    expect((await runDue()).released).toBe(0);
    clock.advance(61_000);
    const swept = await runDue();
    expect(swept.released).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers['webhook-id']).toBe(delivery.webhookId);
    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'interrupted'],
      [2, 'succeeded'],
    ]);
  });

  it('refuses private addresses at delivery time unless allowed, and plain http to other hosts', async () => {
    const strict = createProcessors({
      db: tdb.db,
      clock,
      log,
      webhooks: { ...options, allowPrivateAddresses: false },
    });
    const endpoint = await addEndpoint();
    await addEvent();
    await runDue(strict);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.lastError).toBe('address refused: 127.0.0.1 is a loopback address');
    expect(receiver.requests).toHaveLength(0);
    const [ep] = await tdb.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    // A refused address is the endpoint's failure (its name may be fixed; else it is disabled in time).
    expect(delivery?.status).toBe('pending');
    expect(ep?.failingSince).not.toBeNull();
    await tdb.db.delete(webhookEndpoints);

    const plain = await addEndpoint({ url: receiver.url.replace('127.0.0.1', 'localhost') });
    await addEvent();
    await runDue();
    const [d2] = await deliveriesOf(plain.id);
    expect(d2).toMatchObject({ status: 'failed', lastError: 'only https URLs are delivered to' });
    expect(receiver.requests).toHaveLength(0);
  });

  /** Records `n` events in one transaction and positions them (one dispatch batch). */
  async function addEvents(n: number, organisationCodes = ['kela']) {
    const ids = await tdb.db.transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const { id } = await recordEvent(
          tx,
          exampleEvent('referral.accepted', {
            occurredAt: clock.now(),
            organisationCodes,
            caseId: CASE,
            cooperationAreaId: AREA,
            subjectId: `r-${i}`,
            payload: { caseId: CASE },
          }),
        );
        out.push(id);
      }
      return out;
    });
    await assignPositions(tdb.db);
    return tdb.db.select().from(events).where(inArray(events.id, ids)).orderBy(asc(events.position));
  }

  it('webhook.fanout of a batch: every first attempt once, one endpoint failing holds none of the others', async () => {
    const a = await addEndpoint();
    const b = await addEndpoint({ url: `${receiver.url}b` });
    const failing = await addEndpoint({ url: `${receiver.url}fail` });
    const slow = await addEndpoint({ url: `${receiver.url}slow` });
    const seen: string[] = [];
    receiver.handler = (req, res) => {
      seen.push(`${req.url} ${req.headers['webhook-id']}`);
      if (req.url?.endsWith('slow')) return void setTimeout(() => res.writeHead(200).end('ok'), 50);
      res.writeHead(req.url?.endsWith('fail') ? 503 : 200).end('ok');
    };
    const batch = await addEvents(5);
    for (const e of batch)
      await processors['event.dispatch']({ eventId: e.id, position: e.position as number }, ctx);
    const eventIds = batch.map((e) => e.eventId);

    expect(await processors['webhook.fanout']({ eventIds }, ctx)).toEqual({
      attempted: 20,
      succeeded: 15,
      deferred: 0,
    });
    // A repeated job (BullMQ retry, a second worker, the old per-event job) sends nothing again.
    expect(await processors['webhook.fanout']({ eventIds }, ctx)).toEqual({
      attempted: 0,
      succeeded: 0,
      deferred: 0,
    });
    expect(await processors['webhook.fanout']({ eventId: eventIds[0] as string }, ctx)).toEqual({
      attempted: 0,
      succeeded: 0,
      deferred: 0,
    });
    expect(receiver.requests).toHaveLength(20);
    // Each (endpoint, event) once, signed with the event's id.
    expect(new Set(seen).size).toBe(20);
    for (const endpoint of [a, b, slow]) {
      const rows = await deliveriesOf(endpoint.id);
      expect(rows.map((r) => r.status)).toEqual(Array(5).fill('succeeded'));
      for (const r of rows)
        expect(await attemptsOf(r.id)).toMatchObject([{ attempt: 1, outcome: 'succeeded' }]);
    }
    // Only the failures wait for their second attempt.
    const failed = await deliveriesOf(failing.id);
    expect(failed.map((r) => [r.status, r.attempt, r.lastStatusCode])).toEqual(
      Array(5).fill(['pending', 2, 503]),
    );
  });

  it('webhook.fanout: an endpoint that does not answer gets one attempt per lane; its other deliveries wait, not the job', async () => {
    const ok = await addEndpoint();
    const down = await addEndpoint({ url: `http://127.0.0.1:${await closedPort()}/hook` });
    const oneLane = createProcessors({
      db: tdb.db,
      clock,
      log,
      webhooks: { ...options, fanoutPerEndpoint: 1 },
    });
    const batch = await addEvents(4);
    for (const e of batch)
      await oneLane['event.dispatch']({ eventId: e.id, position: e.position as number }, ctx);
    expect(await oneLane['webhook.fanout']({ eventIds: batch.map((e) => e.eventId) }, ctx)).toEqual({
      attempted: 5,
      succeeded: 4,
      deferred: 3,
    });
    expect((await deliveriesOf(ok.id)).map((r) => r.status)).toEqual(Array(4).fill('succeeded'));
    // The first (in position order) failed and waits for its second attempt; the others were
    // not sent: they wait for their first, as long, without an attempt counted.
    const rows = await deliveriesOf(down.id);
    const first = rows.find((r) => r.eventPosition === batch[0]?.position);
    expect(first).toMatchObject({ status: 'pending', attempt: 2 });
    const rest = rows.filter((r) => r !== first);
    expect(rest.map((r) => [r.status, r.attempt, r.claimedAt])).toEqual(Array(3).fill(['pending', 1, null]));
    for (const r of rest) {
      expect(r.nextAttemptAt).toEqual(first?.nextAttemptAt);
      expect(await attemptsOf(r.id)).toEqual([]);
    }
  });

  it('webhook.fanout still accepts the one-event payload of the previous version, signed as before', async () => {
    const endpoint = await addEndpoint();
    const [event] = await addEvents(1);
    if (!event) throw new Error('no event');
    await processors['event.dispatch']({ eventId: event.id, position: event.position as number }, ctx);
    expect(await processors['webhook.fanout']({ eventId: event.eventId }, ctx)).toEqual({
      attempted: 1,
      succeeded: 1,
      deferred: 0,
    });
    const [request] = receiver.requests;
    const [row] = await deliveriesOf(endpoint.id);
    expect(request?.headers['webhook-id']).toBe(event.eventId);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toBe(row?.body);
    expect(
      verifyAt(clock.now(), endpoint.secret, request?.body ?? '', request?.headers as Record<string, string>),
    ).toMatchObject({ type: 'referral.accepted', data: { eventId: event.eventId } });
  });

  describe('with Redis', () => {
    let redis: Redis;
    let producer: JobProducer;
    const prefix = uniquePrefix('webhooks');
    beforeAll(async () => {
      redis = createRequestRedis(testRedisUrl());
      await waitForRedis(redis);
      producer = createJobProducer(redis, prefix);
    });
    afterAll(async () => {
      await producer.close();
      redis.disconnect();
    });
    afterEach(async () => {
      await producer.queue('webhook-deliveries').obliterate({ force: true });
    });

    it('a dispatch batch enqueues one webhook.fanout job for all its events, the same id on a repeat', async () => {
      await addEndpoint();
      await addEndpoint({ organisationCode: 'vantaa' });
      const withProducer = createProcessors({ db: tdb.db, clock, log, webhooks: options, producer });
      const batch = await addEvents(3);
      const first = batch[0]?.position as number;
      const last = batch.at(-1)?.position as number;
      await withProducer['event.dispatch']({ firstPosition: first, lastPosition: last }, ctx);
      const queue = producer.queue('webhook-deliveries');
      const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
      expect(jobs.map((j) => [j.name, j.data])).toEqual([
        ['webhook.fanout', { eventIds: batch.map((e) => e.eventId) }],
      ]);
      // The dispatch again (its after-commit steps run on every run): the same job id.
      await withProducer['event.dispatch']({ firstPosition: first, lastPosition: last }, ctx);
      expect(await queue.getJobs(['waiting', 'delayed', 'prioritized'])).toHaveLength(1);
      // The job sends each delivery once.
      const job = jobs[0];
      if (!job) throw new Error('no job');
      expect(await withProducer['webhook.fanout'](job.data, ctx)).toEqual({
        attempted: 3,
        succeeded: 3,
        deferred: 0,
      });
      expect(receiver.requests).toHaveLength(3);
    });

    it('the sweep re-enqueues due deliveries whose job Redis lost', async () => {
      const endpoint = await addEndpoint();
      await addEvent();
      const [delivery] = await deliveriesOf(endpoint.id);
      const deps = { db: tdb.db, clock, log, producer, options };
      expect((await sweepWebhookDeliveries(deps)).enqueued).toBe(1);
      const queue = producer.queue('webhook-deliveries');
      expect(await queue.getJob(`whd-${delivery?.id}-1`)).toBeTruthy();
      // Still waiting in Redis: nothing to do.
      expect((await sweepWebhookDeliveries(deps)).enqueued).toBe(0);
      // Redis forgot it.
      await queue.obliterate({ force: true });
      expect((await sweepWebhookDeliveries(deps)).enqueued).toBe(1);
      expect(await queue.getJob(`whd-${delivery?.id}-1`)).toBeTruthy();
    });
  });
});
