import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, Page, PaginationQuery, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import { assertCanManageEndpoints } from '../policy.js';
import { EventTypeSchema } from '../schemas.js';
import type { AttemptRow } from './webhook-deliveries.repository.js';
import {
  type DeliveryWithAttempts,
  listEndpointDeliveries,
  recoverEndpoint,
  retryDelivery,
} from './webhook-deliveries.service.js';

const DeliveryStatusLiterals = () =>
  [
    Type.Literal('pending'),
    Type.Literal('delivering'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ] as const;

export const DeliveryAttemptDto = Type.Object(
  {
    attempt: Type.Integer({ description: 'Attempt number, from 1' }),
    startedAt: Instant('When the attempt started'),
    latencyMs: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Milliseconds until the answer or the failure; null when nothing was sent',
    }),
    statusCode: Type.Union([Type.Integer(), Type.Null()], {
      description: 'HTTP status of the answer; null when there was none',
    }),
    outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('interrupted')], {
      description: 'succeeded (2xx), failed, or interrupted (the worker stopped mid-attempt)',
    }),
    error: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed, in words' }),
    responseExcerpt: Type.Union([Type.String(), Type.Null()], {
      description: 'The first 4 KiB of the receiver’s answer',
    }),
  },
  { description: 'One attempt of a delivery' },
);

export const DeliveryDto = Type.Object(
  {
    id: Uuid('Delivery id'),
    endpointId: Uuid('The endpoint it goes to'),
    kind: Type.Union([Type.Literal('event'), Type.Literal('ping')], {
      description: 'event (from the event log) or ping (a test)',
    }),
    eventId: Type.Union([Uuid('Event id'), Type.Null()], { description: 'The event; null for a ping' }),
    eventType: Type.String({ description: 'The event type, or ping' }),
    eventPosition: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The event’s position in the feed; null for a ping',
    }),
    webhookId: Type.String({ description: 'The webhook-id header, the same on every attempt' }),
    status: Type.Union([...DeliveryStatusLiterals()], {
      description: 'pending, delivering, succeeded or failed',
    }),
    attemptsMade: Type.Integer({ description: 'Attempts recorded so far' }),
    nextAttemptAt: Type.Union([Instant('When the next attempt is due'), Type.Null()], {
      description: 'When the next attempt is due; null unless pending',
    }),
    lastStatusCode: Type.Union([Type.Integer(), Type.Null()], {
      description: 'HTTP status of the last attempt',
    }),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt failed' }),
    deliveredAt: Type.Union([Instant('When it was delivered'), Type.Null()], {
      description: 'When a 2xx answer came; null until then',
    }),
    createdAt: Instant('When the delivery was created'),
    attempts: Type.Array(DeliveryAttemptDto, { description: 'Every attempt, oldest first' }),
  },
  { description: 'A webhook delivery and its attempts' },
);
export type DeliveryDto = Static<typeof DeliveryDto>;

function toAttemptDto(a: AttemptRow): Static<typeof DeliveryAttemptDto> {
  return {
    attempt: a.attempt,
    startedAt: a.startedAt.toISOString(),
    latencyMs: a.latencyMs,
    statusCode: a.statusCode,
    outcome: a.outcome,
    error: a.error,
    responseExcerpt: a.responseExcerpt,
  };
}

export function toDeliveryDto(d: DeliveryWithAttempts): DeliveryDto {
  return {
    id: d.id,
    endpointId: d.endpointId,
    kind: d.kind,
    eventId: d.eventId,
    eventType: d.eventType,
    eventPosition: d.eventPosition,
    webhookId: d.webhookId,
    status: d.status,
    attemptsMade: d.attempts.length,
    nextAttemptAt: d.status === 'pending' && d.nextAttemptAt ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attempts: d.attempts.map(toAttemptDto),
  };
}

const EndpointParams = Type.Object({ id: Uuid('Webhook endpoint id') }, { description: 'Path parameters' });
const DeliveryParams = Type.Object({ id: Uuid('Webhook delivery id') }, { description: 'Path parameters' });

export const DeliveriesQuery = Type.Object(
  {
    ...PaginationQuery,
    status: Type.Optional(
      Type.Union([...DeliveryStatusLiterals()], { description: 'Only deliveries in this status' }),
    ),
    type: Type.Optional(EventTypeSchema('Only deliveries of this event type (or ping)')),
  },
  { additionalProperties: false, description: 'Filters and paging' },
);

export const RecoverBody = Type.Object(
  { since: Instant('Re-send failed deliveries created at or after this instant') },
  { additionalProperties: false, description: 'What to recover' },
);

export const RecoverResultDto = Type.Object(
  { recovered: Type.Integer({ description: 'Deliveries re-opened for one more attempt each' }) },
  { description: 'The outcome of a recovery' },
);

const tags = ['webhooks'];

export function webhookDeliveriesRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/webhook-endpoints/:id/deliveries',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'The delivery log of an endpoint, newest first, with every attempt',
          params: EndpointParams,
          querystring: DeliveriesQuery,
          response: { 200: Page(DeliveryDto, 'Deliveries, newest first'), ...problemResponses(403, 404) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        const { limit = 50, cursor, status, type } = request.query;
        const page = await listEndpointDeliveries(
          deps,
          principal.org,
          request.params.id,
          { status, eventType: type },
          { limit, cursor },
        );
        return { items: page.items.map(toDeliveryDto), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/v1/webhook-deliveries/:id/retry',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'Attempt a finished delivery once more, now (a replay if it had succeeded)',
          params: DeliveryParams,
          response: { 202: DeliveryDto, ...problemResponses(403, 404, 409) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        const row = await retryDelivery(deps, principal.org, request.params.id);
        return reply.code(202).send(toDeliveryDto(row));
      },
    );

    app.post(
      '/v1/webhook-endpoints/:id/recover',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'Re-send every failed delivery of the endpoint since a time',
          params: EndpointParams,
          body: RecoverBody,
          response: { 202: RecoverResultDto, ...problemResponses(403, 404, 409) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        const recovered = await recoverEndpoint(
          deps,
          principal.org,
          request.params.id,
          new Date(request.body.since),
        );
        return reply.code(202).send({ recovered });
      },
    );
  };
}
