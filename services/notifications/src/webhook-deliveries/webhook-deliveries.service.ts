import { randomUUID } from 'node:crypto';
import type { Queryable } from '@tym/db';
import { AppError, decodeCursor, encodeCursor } from '@tym/platform';
import type { NotificationsDeps } from '../deps.js';
import type { EndpointRow } from '../webhook-endpoints/webhook-endpoints.repository.js';
import { findEndpoint } from '../webhook-endpoints/webhook-endpoints.repository.js';
import {
  type AttemptRow,
  type DeliveryFilter,
  type DeliveryRow,
  findAttempts,
  findDelivery,
  insertDelivery,
  listDeliveries,
  reopenDelivery,
  reopenFailedSince,
} from './webhook-deliveries.repository.js';

export const PING_EVENT_TYPE = 'ping';

export interface DeliveryWithAttempts extends DeliveryRow {
  attempts: AttemptRow[];
}

/**
 * Hands attempts to the worker. Best effort by design: the rows are committed with
 * `next_attempt_at`, so if Redis is away the worker's sweep enqueues them within ~30 s.
 */
export async function enqueueAttempts(
  deps: NotificationsDeps,
  attempts: Array<{ id: string; attempt: number }>,
): Promise<void> {
  if (!deps.producer || !attempts.length) return;
  try {
    await deps.producer.enqueueMany(
      'webhook.deliver',
      attempts.map((a) => ({ deliveryId: a.id, attempt: a.attempt })),
    );
  } catch {
    // The sweep repairs it from the database.
  }
}

/** A test delivery: one attempt, a fresh `webhook-id`, through the same machinery. */
export async function insertPing(tx: Queryable, endpoint: EndpointRow, now: Date): Promise<DeliveryRow> {
  const body = JSON.stringify({
    type: PING_EVENT_TYPE,
    timestamp: now.toISOString(),
    data: { endpointId: endpoint.id },
  });
  return insertDelivery(tx, {
    endpointId: endpoint.id,
    organisationCode: endpoint.organisationCode,
    kind: 'ping',
    eventId: null,
    eventType: PING_EVENT_TYPE,
    webhookId: `msg_${randomUUID()}`,
    body,
    status: 'pending',
    attempt: 1,
    maxAttempt: 1,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  });
}

interface DeliveryCursor {
  c: string;
  i: string;
}
const isDeliveryCursor = (v: unknown): v is DeliveryCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as DeliveryCursor).c === 'string' &&
  typeof (v as DeliveryCursor).i === 'string' &&
  !Number.isNaN(Date.parse((v as DeliveryCursor).c)) &&
  /^[0-9a-f-]{36}$/.test((v as DeliveryCursor).i);

export async function listEndpointDeliveries(
  deps: NotificationsDeps,
  org: string,
  endpointId: string,
  filter: DeliveryFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: DeliveryWithAttempts[]; nextCursor: string | null }> {
  const endpoint = await findEndpoint(deps.db, org, endpointId);
  if (!endpoint) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
  let before: { createdAt: Date; id: string } | undefined;
  if (page.cursor) {
    const c = decodeCursor(page.cursor, isDeliveryCursor);
    if (!c)
      throw new AppError('WEBHOOK_DELIVERY_CURSOR_INVALID', { detail: 'Pass a nextCursor as it was given.' });
    before = { createdAt: new Date(c.c), id: c.i };
  }
  const rows = await listDeliveries(deps.db, org, endpointId, filter, before, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const attempts = await findAttempts(
    deps.db,
    items.map((d) => d.id),
  );
  const last = items[items.length - 1];
  return {
    items: items.map((d) => ({ ...d, attempts: attempts.filter((a) => a.deliveryId === d.id) })),
    nextCursor:
      rows.length > page.limit && last ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id }) : null,
  };
}

export async function getDelivery(
  deps: NotificationsDeps,
  org: string,
  id: string,
): Promise<DeliveryWithAttempts> {
  const row = await findDelivery(deps.db, org, id);
  if (!row) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
  return { ...row, attempts: await findAttempts(deps.db, [row.id]) };
}

/** One more attempt of a finished delivery, now (a replay when it had succeeded). */
export async function retryDelivery(
  deps: NotificationsDeps,
  org: string,
  id: string,
): Promise<DeliveryWithAttempts> {
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const current = await findDelivery(tx, org, id);
    if (!current) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
    const endpoint = await findEndpoint(tx, org, current.endpointId);
    if (current.kind === 'event' && endpoint?.disabledAt) {
      throw new AppError('WEBHOOK_ENDPOINT_DISABLED', {
        detail: 'Enable the endpoint again (PATCH enabled: true) before retrying its deliveries.',
      });
    }
    const reopened = await reopenDelivery(tx, org, id, now);
    if (!reopened) {
      throw new AppError('WEBHOOK_DELIVERY_IN_PROGRESS', {
        detail: 'The delivery is still pending or being attempted; it will be retried by itself.',
      });
    }
    return reopened;
  });
  await enqueueAttempts(deps, [row]);
  return { ...row, attempts: await findAttempts(deps.db, [row.id]) };
}

/** Re-sends every failed event delivery of the endpoint created since `since`. */
export async function recoverEndpoint(
  deps: NotificationsDeps,
  org: string,
  endpointId: string,
  since: Date,
): Promise<number> {
  const now = deps.clock.now();
  const reopened = await deps.db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, org, endpointId);
    if (!endpoint) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
    if (endpoint.disabledAt) {
      throw new AppError('WEBHOOK_ENDPOINT_DISABLED', {
        detail: 'Enable the endpoint again (PATCH enabled: true) before recovering its deliveries.',
      });
    }
    return reopenFailedSince(tx, endpointId, since, now);
  });
  for (let i = 0; i < reopened.length; i += 500) await enqueueAttempts(deps, reopened.slice(i, i + 500));
  return reopened.length;
}
