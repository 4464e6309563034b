import type { Database, Queryable } from '@tym/db';
import { type EventType, isSubscribable, type JobProducer, jobCatalog, recordEvent } from '@tym/jobs';
import type { FastifyBaseLogger } from 'fastify';
import { type SendResult, sendWebhook } from './http-sender.js';
import { MAX_ATTEMPTS, nextAttemptAt, parseRetryAfter } from './retry-schedule.js';
import { webhookHeaders } from './signature.js';
import {
  claimAttempt,
  claimFirstAttempts,
  type DeliveryRow,
  type DeliveryTransition,
  disableEndpoint,
  type EndpointRow,
  type EventRow,
  findDueDeliveries,
  findEndpoint,
  findEndpoints,
  findStaleClaims,
  finishAttempt,
  finishSucceededAttempts,
  insertAttempt,
  insertEventDeliveries,
  insertManyEventDeliveries,
  markEndpointFailing,
  markEndpointHealthy,
  releaseClaims,
  releaseStaleClaim,
} from './webhook-deliveries.repository.js';
import {
  DEFAULT_WEBHOOK_DELIVERY_OPTIONS,
  schemeAllowed,
  type WebhookDeliveryOptions,
} from './webhook-delivery.options.js';

export interface WebhookDeps {
  db: Database;
  clock: { now(): Date };
  log: FastifyBaseLogger;
  /** Absent in tests that drive attempts by hand; the sweep then finds what is due. */
  producer?: JobProducer | undefined;
  options?: Partial<WebhookDeliveryOptions> | undefined;
}

export const ENDPOINT_DISABLED_EVENT = 'webhook_endpoint.disabled' satisfies EventType;

function optionsOf(deps: WebhookDeps): WebhookDeliveryOptions {
  return { ...DEFAULT_WEBHOOK_DELIVERY_OPTIONS, ...deps.options };
}

/**
 * The thin body of an event delivery (architecture.md, Webhooks): type, time, ids and the
 * per-case sequence — never personal data. Receivers fetch details with their own token.
 */
export function eventWebhookBody(event: EventRow): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      eventId: event.eventId,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      caseId: event.caseId,
      cooperationAreaId: event.cooperationAreaId,
      caseSequence: event.caseSequence,
      position: event.position,
    },
  });
}

/**
 * Fan-out of one event, inside the dispatch transaction: a delivery row per subscribed
 * endpoint of the event's parties. Jobs are enqueued only after commit
 * (`enqueueEventDeliveries`).
 */
export async function fanOutEvent(tx: Queryable, event: EventRow, now: Date): Promise<number> {
  // Only what the event catalog lets partners subscribe to leaves by webhook, whatever the
  // endpoint's filter (all types, or `resource.*`).
  if (!isSubscribable(event.type)) return 0;
  return insertEventDeliveries(tx, event, eventWebhookBody(event), MAX_ATTEMPTS, now);
}

/**
 * `fanOutEvent` of a batch of events (position order) in one statement: one count per event,
 * in their order.
 */
export async function fanOutEvents(tx: Queryable, batch: readonly EventRow[], now: Date): Promise<number[]> {
  const subscribable = batch.filter((e) => isSubscribable(e.type));
  const created = await insertManyEventDeliveries(
    tx,
    subscribable.map((event) => ({ event, body: eventWebhookBody(event) })),
    MAX_ATTEMPTS,
    now,
  );
  return batch.map((e) => created.get(e.eventId) ?? 0);
}

/**
 * After a dispatch batch: ONE `webhook.fanout` job for the first attempts of all its events
 * that got deliveries (position order). `created` null is a repeated dispatch run, which
 * enqueues anyway: the job id is the batch's, and a job finds nothing to claim if all was sent.
 */
export async function enqueueManyEventDeliveries(
  deps: WebhookDeps,
  done: ReadonlyArray<{ eventId: string; created: number | null }>,
): Promise<number> {
  if (!deps.producer) return 0;
  const eventIds = done.filter((d) => d.created !== 0).map((d) => d.eventId);
  if (!eventIds.length) return 0;
  await deps.producer.enqueue('webhook.fanout', { eventIds });
  return 1;
}

/**
 * Enqueues the one `webhook.fanout` job of an event (its first attempts); repeats are no-ops
 * (job id). `created` is what the fan-out inserted, or null on a repeated run of the
 * dispatch, which enqueues it anyway: the job finds nothing to claim if all was sent.
 */
export async function enqueueEventDeliveries(
  deps: WebhookDeps,
  eventId: string,
  created: number | null,
): Promise<number> {
  if (!deps.producer || created === 0) return 0;
  await deps.producer.enqueue('webhook.fanout', { eventId });
  return 1;
}

export type DeliverOutcome =
  | { status: 'skipped' }
  | { status: 'succeeded' | 'pending' | 'failed'; statusCode: number | null; error: string | null };

/**
 * One attempt of one delivery, exactly once across workers: the attempt is claimed with a
 * conditional UPDATE before anything is sent. A crash after sending and before recording
 * leaves the claim behind; the sweep closes it as interrupted and the next attempt resends
 * with the same `webhook-id`, so the receiver sees at most one duplicate it can drop.
 */
export async function deliverWebhook(
  deps: WebhookDeps,
  job: { deliveryId: string; attempt: number },
): Promise<DeliverOutcome> {
  const startedAt = deps.clock.now();
  const delivery = await claimAttempt(deps.db, job.deliveryId, job.attempt, startedAt);
  if (!delivery) return { status: 'skipped' };
  const endpoint = await findEndpoint(deps.db, delivery.endpointId);
  if (!endpoint) return { status: 'skipped' };
  return attemptClaimed(deps, delivery, endpoint, startedAt);
}

/**
 * `webhook.fanout`: the first attempt of every delivery of a dispatch batch's events (or of
 * one event, the previous version's payload), in one job. The attempts are claimed in one
 * statement (a delivery whose `webhook.deliver` job from the sweep got there first is left to
 * it), the endpoints read in one, and the requests sent in parallel over the kept-alive
 * connections of http-sender: at most `fanoutConcurrency` in flight, at most
 * `fanoutPerEndpoint` to one endpoint, each endpoint's in position order. Successes are
 * recorded together; a failure becomes a delayed `webhook.deliver` job for the next attempt.
 */
export async function fanOutDeliveries(
  deps: WebhookDeps,
  job: { eventId: string } | { eventIds: string[] },
): Promise<{ attempted: number; succeeded: number; deferred: number }> {
  const options = optionsOf(deps);
  const startedAt = deps.clock.now();
  const eventIds = 'eventId' in job ? [job.eventId] : job.eventIds;
  const claimed = await claimFirstAttempts(deps.db, eventIds, startedAt);
  if (!claimed.length) return { attempted: 0, succeeded: 0, deferred: 0 };
  const endpoints = new Map(
    (await findEndpoints(deps.db, [...new Set(claimed.map((d) => d.endpointId))])).map((e) => [e.id, e]),
  );
  // Each endpoint's deliveries in position order (deleted meanwhile: nothing to send).
  const byEndpoint = new Map<string, DeliveryRow[]>();
  for (const delivery of [...claimed].sort((x, y) => (x.eventPosition ?? 0) - (y.eventPosition ?? 0))) {
    if (!endpoints.has(delivery.endpointId)) continue;
    const list = byEndpoint.get(delivery.endpointId) ?? [];
    list.push(delivery);
    byEndpoint.set(delivery.endpointId, list);
  }
  const slots = limiter(options.fanoutConcurrency);
  const unsent = new Map<string, () => DeliveryRow[]>();
  const sent: Array<{
    delivery: DeliveryRow;
    endpoint: EndpointRow;
    result: SendResult;
    blocked: string | null;
  }> = [];
  await Promise.all(
    [...byEndpoint].flatMap(([endpointId, queue]) => {
      const endpoint = endpoints.get(endpointId) as EndpointRow;
      let next = 0;
      let silent = false;
      const lane = async () => {
        // An endpoint that gave no answer (timeout, refused connection) is not sent the rest
        // of this job's deliveries: each lane would wait out its own timeout, holding the job
        // (and the recording of every other endpoint's successes) for minutes.
        // A delivery is taken only once a slot is free, so none is sent after the endpoint fell
        // silent while this lane waited.
        for (;;) {
          const done = await slots(async () => {
            if (silent || next >= queue.length) return false;
            const delivery = queue[next++] as DeliveryRow;
            const s = await sendClaimed(deps, delivery, endpoint, startedAt);
            sent.push({ delivery, endpoint, ...s });
            if (!s.result.ok && s.result.statusCode === null && !s.blocked) silent = true;
            return true;
          });
          if (!done) return;
        }
      };
      unsent.set(endpointId, () => queue.slice(next));
      return Array.from({ length: Math.min(options.fanoutPerEndpoint, queue.length) }, lane);
    }),
  );
  // Successes are recorded together (one transaction, two statements and one per endpoint);
  // a failure goes through the single path: retry schedule, endpoint health, disabling.
  const ok = sent.filter((s) => s.result.ok && !s.blocked);
  const now = deps.clock.now();
  const recorded = !ok.length
    ? new Set<string>()
    : await deps.db.transaction(async (tx) => {
        const ids = await finishSucceededAttempts(
          tx,
          ok.map(({ delivery, result }) => ({
            deliveryId: delivery.id,
            attempt: delivery.attempt,
            startedAt,
            latencyMs: result.latencyMs,
            statusCode: result.statusCode ?? 200,
            responseExcerpt: result.responseExcerpt,
          })),
          now,
        );
        const healthy = new Set(ok.filter((s) => ids.has(s.delivery.id)).map((s) => s.endpoint.id));
        for (const endpointId of healthy) await markEndpointHealthy(tx, endpointId, now);
        return ids;
      });
  for (const { delivery, endpoint, result } of ok) {
    if (!recorded.has(delivery.id)) continue;
    deps.log.info(
      {
        deliveryId: delivery.id,
        endpointId: endpoint.id,
        attempt: delivery.attempt,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        outcome: 'succeeded',
      },
      'webhook delivered',
    );
  }
  await Promise.all(
    sent
      .filter((s) => !(s.result.ok && !s.blocked))
      .map((s) => recordAttempt(deps, s.delivery, s.endpoint, startedAt, s.result, s.blocked)),
  );
  const deferred = await deferUnsent(
    deps,
    [...unsent.values()].flatMap((rest) => rest()),
    sent.find((s) => s.result.statusCode === null && !s.blocked && !s.result.ok) ? now : null,
  );
  return { attempted: sent.length, succeeded: recorded.size, deferred };
}

/**
 * The claimed first attempts a fan-out did not send (their endpoint gave no answer): back to
 * `pending`, still attempt 1, due when the failed one's second attempt is (the schedule's
 * first step), as delayed `webhook.deliver` jobs; no attempt is counted.
 */
async function deferUnsent(deps: WebhookDeps, rest: DeliveryRow[], now: Date | null): Promise<number> {
  if (!rest.length || !now) return 0;
  const options = optionsOf(deps);
  const at = nextAttemptAt(now, 2, null, options.random);
  const released = await releaseClaims(
    deps.db,
    rest.map((d) => d.id),
    at,
    now,
  );
  if (deps.producer && released.length) {
    try {
      const delayMs = at.getTime() - deps.clock.now().getTime();
      await Promise.all(
        released.map((d) =>
          deps.producer?.enqueue('webhook.deliver', { deliveryId: d.id, attempt: d.attempt }, { delayMs }),
        ),
      );
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'deferred attempts not enqueued');
    }
  }
  return released.length;
}

/** Sends one claimed attempt, records it and schedules the next one (see deliverWebhook). */
async function attemptClaimed(
  deps: WebhookDeps,
  delivery: DeliveryRow,
  endpoint: EndpointRow,
  startedAt: Date,
): Promise<DeliverOutcome> {
  const { result, blocked } = await sendClaimed(deps, delivery, endpoint, startedAt);
  return recordAttempt(deps, delivery, endpoint, startedAt, result, blocked);
}

/** Sends a claimed attempt unless the endpoint may not receive it now (`blocked`: why not). */
async function sendClaimed(
  deps: WebhookDeps,
  delivery: DeliveryRow,
  endpoint: EndpointRow,
  startedAt: Date,
): Promise<{ result: SendResult; blocked: string | null }> {
  const options = optionsOf(deps);
  let result: SendResult;
  const blocked = blockedReason(delivery, endpoint, options);
  if (blocked) {
    result = {
      ok: false,
      statusCode: null,
      latencyMs: 0,
      error: blocked,
      responseExcerpt: null,
      retryAfter: null,
    };
  } else {
    const secrets = [endpoint.secret];
    if (
      endpoint.previousSecret &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > startedAt
    ) {
      secrets.push(endpoint.previousSecret);
    }
    result = await sendWebhook({
      url: endpoint.url,
      headers: webhookHeaders(secrets, delivery.webhookId, startedAt, delivery.body),
      body: delivery.body,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      allowPrivateAddresses: options.allowPrivateAddresses,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
  }

  return { result, blocked };
}

/** Records one attempt's result: the delivery's next state, the attempt row, endpoint health. */
async function recordAttempt(
  deps: WebhookDeps,
  delivery: DeliveryRow,
  endpoint: EndpointRow,
  startedAt: Date,
  result: SendResult,
  blocked: string | null,
): Promise<DeliverOutcome> {
  const options = optionsOf(deps);
  const now = deps.clock.now();
  const gone = result.statusCode === 410;
  const transition: DeliveryTransition = result.ok
    ? { status: 'succeeded' }
    : !gone && !blocked && delivery.attempt < delivery.maxAttempt
      ? {
          status: 'pending',
          nextAttemptAt: nextAttemptAt(
            now,
            delivery.attempt + 1,
            parseRetryAfter(result.retryAfter, now),
            options.random,
          ),
        }
      : { status: 'failed' };

  const finished = await deps.db.transaction(async (tx) => {
    const row = await finishAttempt(tx, delivery, transition, result, now);
    // The sweep presumed this worker dead and closed the attempt: record nothing twice.
    if (!row) return null;
    await insertAttempt(tx, {
      deliveryId: delivery.id,
      attempt: delivery.attempt,
      startedAt,
      latencyMs: blocked ? null : result.latencyMs,
      statusCode: result.statusCode,
      outcome: result.ok ? 'succeeded' : 'failed',
      error: result.error,
      responseExcerpt: result.responseExcerpt,
    });
    // Pings and refused attempts say nothing about the receiver's health.
    if (delivery.kind === 'event' && !blocked) {
      if (result.ok) {
        await markEndpointHealthy(tx, endpoint.id, now);
      } else {
        const failingSince = await markEndpointFailing(tx, endpoint.id, now);
        const failingFor = failingSince ? now.getTime() - failingSince.getTime() : 0;
        const reason = gone ? 'gone' : failingFor >= options.disableAfterMs ? 'failing' : null;
        if (reason) await disableAndAnnounce(tx, endpoint, reason, now);
      }
    }
    return row;
  });
  if (!finished) return { status: 'skipped' };

  deps.log.info(
    {
      deliveryId: delivery.id,
      endpointId: endpoint.id,
      attempt: delivery.attempt,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      outcome: finished.status,
    },
    result.ok ? 'webhook delivered' : 'webhook attempt failed',
  );

  if (finished.status === 'pending' && finished.nextAttemptAt && deps.producer) {
    try {
      await deps.producer.enqueue(
        'webhook.deliver',
        { deliveryId: finished.id, attempt: finished.attempt },
        { delayMs: finished.nextAttemptAt.getTime() - deps.clock.now().getTime() },
      );
    } catch (err) {
      // The row says when it is due; the sweep enqueues it when Redis is back.
      deps.log.warn({ deliveryId: finished.id, err: (err as Error).message }, 'next attempt not enqueued');
    }
  }
  return { status: finished.status as 'succeeded' | 'pending' | 'failed', ...pick(result) };
}

function pick(result: SendResult) {
  return { statusCode: result.statusCode, error: result.error };
}

function blockedReason(
  delivery: DeliveryRow,
  endpoint: EndpointRow,
  options: WebhookDeliveryOptions,
): string | null {
  if (delivery.kind === 'event' && endpoint.disabledAt) return 'the endpoint is disabled';
  if (delivery.kind === 'event' && endpoint.paused) return 'the endpoint is paused';
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return 'the endpoint URL is not valid';
  }
  if (!schemeAllowed(url, options.allowedHosts)) return 'only https URLs are delivered to';
  return null;
}

async function disableAndAnnounce(
  tx: Queryable,
  endpoint: EndpointRow,
  reason: 'gone' | 'failing',
  now: Date,
): Promise<void> {
  const disabled = await disableEndpoint(tx, endpoint.id, reason, now);
  if (!disabled) return;
  // The organisation's admins are told from this event (notifications).
  await recordEvent(tx, {
    type: ENDPOINT_DISABLED_EVENT,
    occurredAt: now,
    organisationCodes: [endpoint.organisationCode],
    subjectType: 'webhook_endpoint',
    subjectId: endpoint.id,
    payload: { endpointId: endpoint.id, reason },
  });
}

export interface SweepResult {
  /** Claims whose worker died, closed as interrupted. */
  released: number;
  /** Deliveries due now (the caller without a producer delivers them itself). */
  due: Array<{ deliveryId: string; attempt: number }>;
  /** Jobs (re-)added to Redis. */
  enqueued: number;
}

/**
 * Repairs from the database (the truth) what Redis forgot: closes claims of dead workers and
 * enqueues every due pending attempt whose job is missing or already finished.
 */
export async function sweepWebhookDeliveries(deps: WebhookDeps): Promise<SweepResult> {
  const options = optionsOf(deps);
  const now = deps.clock.now();
  let released = 0;
  const stale = await findStaleClaims(
    deps.db,
    new Date(now.getTime() - options.staleClaimMs),
    options.sweepBatchSize,
  );
  for (const claim of stale) {
    const done = await deps.db.transaction(async (tx) => {
      const row = await releaseStaleClaim(tx, claim, now);
      if (!row) return false;
      await insertAttempt(tx, {
        deliveryId: claim.id,
        attempt: claim.attempt,
        startedAt: claim.claimedAt ?? now,
        latencyMs: null,
        statusCode: null,
        outcome: 'interrupted',
        error: 'interrupted: the worker stopped before recording the result',
        responseExcerpt: null,
      });
      return true;
    });
    if (done) released++;
  }

  const due = (await findDueDeliveries(deps.db, now, options.sweepBatchSize)).map((d) => ({
    deliveryId: d.id,
    attempt: d.attempt,
  }));
  let enqueued = 0;
  if (deps.producer) {
    const queue = deps.producer.queue(jobCatalog['webhook.deliver'].queue);
    for (const payload of due) {
      const jobId = jobCatalog['webhook.deliver'].jobId(payload);
      const job = await queue.getJob(jobId);
      if (job) {
        const state = await job.getState();
        // Waiting, delayed or active: it will run. Finished without effect: run it again.
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await job.remove();
      }
      await deps.producer.enqueue('webhook.deliver', payload);
      enqueued++;
    }
  }
  return { released, due, enqueued };
}

/** Runs at most `n` of the functions given to it at once, the others in their order. */
function limiter(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await fn();
    } finally {
      const wake = waiting.shift();
      if (wake) wake();
      else active--;
    }
  };
}
