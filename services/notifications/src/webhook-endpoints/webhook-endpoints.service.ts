import type { Transaction } from '@tym/db';
import { subscriptionProblem } from '@tym/jobs';
import { AppError, decodeCursor, encodeCursor, type Principal } from '@tym/platform';
import type { NotificationsDeps } from '../deps.js';
import { generateSigningSecret, ROTATION_OVERLAP_MS } from '../secrets.js';
import {
  type DeliveryWithAttempts,
  enqueueAttempts,
  insertPing,
} from '../webhook-deliveries/webhook-deliveries.service.js';
import { checkEndpointUrl } from './endpoint-url.js';
import {
  countEndpoints,
  deleteEndpoint,
  type EndpointRow,
  findEndpoint,
  findEndpointForUpdate,
  insertEndpoint,
  listEndpoints,
  type NewEndpointRow,
  updateEndpoint,
} from './webhook-endpoints.repository.js';

/** Enough for every system of one organisation; a bound on fan-out per event. */
export const MAX_ENDPOINTS_PER_ORGANISATION = 20;

export interface CreateEndpointInput {
  url: string;
  description?: string | null | undefined;
  eventTypes?: string[] | null | undefined;
}

export interface UpdateEndpointInput {
  url?: string | undefined;
  description?: string | null | undefined;
  eventTypes?: string[] | null | undefined;
  paused?: boolean | undefined;
  enabled?: boolean | undefined;
}

/**
 * The endpoint's type filter, checked against the event catalog: each entry is a type or
 * `resource.*` that partners may subscribe to (`GET /v1/event-types`); a subscription to a
 * type that never comes is a mistake to tell at once, not a silence to debug later.
 */
function normaliseTypes(types: string[] | null | undefined): string[] | null {
  const errors = (types ?? []).flatMap((type, i) => {
    const problem = subscriptionProblem(type);
    if (!problem) return [];
    return [
      problem === 'unknown'
        ? { location: `body.eventTypes[${i}]`, message: `${type} is not an event type`, rule: 'event_type' }
        : {
            location: `body.eventTypes[${i}]`,
            message: `${type} is not open to webhook subscriptions`,
            rule: 'event_type_subscribable',
          },
    ];
  });
  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'Subscribe to event types that partners may receive; GET /v1/event-types lists them.',
      errors,
    });
  }
  return types?.length ? [...new Set(types)].sort() : null;
}

function validUrl(deps: NotificationsDeps, raw: string): string {
  const verdict = checkEndpointUrl(raw, deps.config);
  if (!verdict.ok) {
    throw new AppError('WEBHOOK_URL_NOT_ALLOWED', {
      detail: `The URL ${verdict.message}.`,
      errors: [{ location: 'body.url', message: verdict.message, rule: 'webhook.url' }],
    });
  }
  return verdict.url;
}

export async function createEndpoint(
  deps: NotificationsDeps,
  tx: Transaction,
  principal: Principal,
  input: CreateEndpointInput,
): Promise<{ endpoint: EndpointRow; secret: string }> {
  const url = validUrl(deps, input.url);
  if ((await countEndpoints(tx, principal.org)) >= MAX_ENDPOINTS_PER_ORGANISATION) {
    throw new AppError('WEBHOOK_ENDPOINT_LIMIT_REACHED', {
      detail: `An organisation may have at most ${MAX_ENDPOINTS_PER_ORGANISATION} webhook endpoints.`,
    });
  }
  const now = deps.clock.now();
  const secret = generateSigningSecret();
  const endpoint = await insertEndpoint(tx, {
    organisationCode: principal.org,
    url,
    description: input.description ?? null,
    eventTypes: normaliseTypes(input.eventTypes),
    secret,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
  });
  return { endpoint, secret };
}

interface EndpointCursor {
  c: string;
  i: string;
}
const isEndpointCursor = (v: unknown): v is EndpointCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as EndpointCursor).c === 'string' &&
  typeof (v as EndpointCursor).i === 'string' &&
  !Number.isNaN(Date.parse((v as EndpointCursor).c)) &&
  /^[0-9a-f-]{36}$/.test((v as EndpointCursor).i);

export async function listOwnEndpoints(
  deps: NotificationsDeps,
  org: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: EndpointRow[]; nextCursor: string | null }> {
  let after: { createdAt: Date; id: string } | undefined;
  if (page.cursor) {
    const c = decodeCursor(page.cursor, isEndpointCursor);
    if (!c)
      throw new AppError('WEBHOOK_DELIVERY_CURSOR_INVALID', { detail: 'Pass a nextCursor as it was given.' });
    after = { createdAt: new Date(c.c), id: c.i };
  }
  const rows = await listEndpoints(deps.db, org, after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > page.limit && last ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id }) : null,
  };
}

export async function getEndpoint(deps: NotificationsDeps, org: string, id: string): Promise<EndpointRow> {
  const row = await findEndpoint(deps.db, org, id);
  if (!row) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
  return row;
}

export async function changeEndpoint(
  deps: NotificationsDeps,
  org: string,
  id: string,
  input: UpdateEndpointInput,
): Promise<EndpointRow> {
  const now = deps.clock.now();
  const values: Partial<NewEndpointRow> = { updatedAt: now };
  if (input.url !== undefined) values.url = validUrl(deps, input.url);
  if (input.description !== undefined) values.description = input.description;
  if (input.eventTypes !== undefined) values.eventTypes = normaliseTypes(input.eventTypes);
  if (input.paused !== undefined) values.paused = input.paused;
  if (input.enabled === true) {
    // Re-enabled by its owner: the failure history starts again.
    values.disabledAt = null;
    values.disabledReason = null;
    values.failingSince = null;
  } else if (input.enabled === false) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'Only the system disables an endpoint; use paused: true to stop deliveries.',
      errors: [{ location: 'body.enabled', message: 'may only be true', rule: 'const' }],
    });
  }
  const row = await updateEndpoint(deps.db, org, id, values);
  if (!row) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
  return row;
}

export async function removeEndpoint(deps: NotificationsDeps, org: string, id: string): Promise<void> {
  if (!(await deleteEndpoint(deps.db, org, id))) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
}

/**
 * A new secret; the current one keeps signing beside it for 24 hours so the receiver can
 * switch without losing a delivery. A second rotation within the window drops the oldest.
 */
export async function rotateSecret(
  deps: NotificationsDeps,
  org: string,
  id: string,
): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
  const now = deps.clock.now();
  const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  const secret = generateSigningSecret();
  await deps.db.transaction(async (tx) => {
    const current = await findEndpointForUpdate(tx, org, id);
    if (!current) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
    await updateEndpoint(tx, org, id, {
      secret,
      previousSecret: current.secret,
      previousSecretExpiresAt,
      updatedAt: now,
    });
  });
  return { secret, previousSecretExpiresAt };
}

/** Sends a `ping` through the delivery machinery, whatever the endpoint's state. */
export async function sendTestPing(
  deps: NotificationsDeps,
  org: string,
  id: string,
): Promise<DeliveryWithAttempts> {
  const now = deps.clock.now();
  const ping = await deps.db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, org, id);
    if (!endpoint) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND');
    return insertPing(tx, endpoint, now);
  });
  await enqueueAttempts(deps, [ping]);
  return { ...ping, attempts: [] };
}
