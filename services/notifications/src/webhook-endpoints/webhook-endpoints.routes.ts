import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Instant,
  Page,
  PaginationQuery,
  principalOf,
  problemResponses,
  Uuid,
  withIdempotency,
} from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import { assertCanManageEndpoints } from '../policy.js';
import { EventTypeSchema } from '../schemas.js';
import { DeliveryDto, toDeliveryDto } from '../webhook-deliveries/webhook-deliveries.routes.js';
import { MAX_URL_LENGTH } from './endpoint-url.js';
import type { EndpointRow } from './webhook-endpoints.repository.js';
import {
  changeEndpoint,
  createEndpoint,
  getEndpoint,
  listOwnEndpoints,
  removeEndpoint,
  rotateSecret,
  sendTestPing,
} from './webhook-endpoints.service.js';

const Url = Type.String({
  format: 'uri',
  maxLength: MAX_URL_LENGTH,
  description: 'Where deliveries are POSTed: https (plain http only for hosts the operator allows)',
});
const Description = Type.Union([Type.String({ maxLength: 500 }), Type.Null()], {
  description: 'What the endpoint is for (not sent anywhere)',
});
const EventTypes = Type.Union(
  [Type.Array(EventTypeSchema('An event type or resource.*'), { minItems: 1, maxItems: 100 }), Type.Null()],
  { description: 'Event types to receive (exact or resource.*); null or absent for every event' },
);

export const EndpointDto = Type.Object(
  {
    id: Uuid('Webhook endpoint id'),
    url: Type.String({ description: 'Where deliveries are POSTed' }),
    description: Type.Union([Type.String(), Type.Null()], { description: 'What the endpoint is for' }),
    eventTypes: Type.Union([Type.Array(Type.String()), Type.Null()], {
      description: 'Event types it receives; null for every event',
    }),
    status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('disabled')], {
      description: 'active, paused by its owner, or disabled by the system (see disabledReason)',
    }),
    paused: Type.Boolean({ description: 'Paused by its owner: no new deliveries' }),
    disabledAt: Type.Union([Instant('When the system disabled it'), Type.Null()], {
      description: 'When the system disabled it; null while enabled',
    }),
    disabledReason: Type.Union([Type.Literal('gone'), Type.Literal('failing'), Type.Null()], {
      description: 'gone (the receiver answered 410) or failing (no success for 5 days)',
    }),
    failingSince: Type.Union([Instant('First failure since the last success'), Type.Null()], {
      description: 'First failed attempt since the last success; null when healthy',
    }),
    lastSuccessAt: Type.Union([Instant('Last successful delivery'), Type.Null()], {
      description: 'Last successful event delivery',
    }),
    previousSecretExpiresAt: Type.Union([Instant('When the previous secret stops signing'), Type.Null()], {
      description: 'After a rotation: until when the previous secret still signs beside the new one',
    }),
    createdAt: Instant('When it was created'),
    updatedAt: Instant('When it was last changed'),
  },
  { description: 'A webhook endpoint of the caller’s organisation (the secret is never shown again)' },
);
export type EndpointDto = Static<typeof EndpointDto>;

export const CreatedEndpointDto = Type.Object(
  {
    ...EndpointDto.properties,
    secret: Type.String({
      description: 'The signing secret (whsec_…), shown only now: store it to verify signatures',
    }),
  },
  { description: 'The new endpoint and its signing secret' },
);

export const CreateEndpointBody = Type.Object(
  {
    url: Url,
    description: Type.Optional(Description),
    eventTypes: Type.Optional(EventTypes),
  },
  { additionalProperties: false, description: 'A new webhook endpoint' },
);

export const UpdateEndpointBody = Type.Object(
  {
    url: Type.Optional(Url),
    description: Type.Optional(Description),
    eventTypes: Type.Optional(EventTypes),
    paused: Type.Optional(Type.Boolean({ description: 'Stop (true) or resume (false) new deliveries' })),
    enabled: Type.Optional(
      Type.Literal(true, { description: 'true re-enables an endpoint the system disabled' }),
    ),
  },
  { additionalProperties: false, minProperties: 1, description: 'The fields to change' },
);

export const RotatedSecretDto = Type.Object(
  {
    secret: Type.String({ description: 'The new signing secret (whsec_…), shown only now' }),
    previousSecretExpiresAt: Instant('Until when the previous secret also signs'),
  },
  { description: 'A rotated secret' },
);

const EndpointParams = Type.Object({ id: Uuid('Webhook endpoint id') }, { description: 'Path parameters' });
const ListQuery = Type.Object({ ...PaginationQuery }, { additionalProperties: false, description: 'Paging' });

export function toEndpointDto(row: EndpointRow): EndpointDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    status: row.disabledAt ? 'disabled' : row.paused ? 'paused' : 'active',
    paused: row.paused,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const tags = ['webhooks'];

export function webhookEndpointsRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/webhook-endpoints',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'Subscribe an endpoint to the organisation’s events; answers its signing secret once',
          body: CreateEndpointBody,
          response: { 201: CreatedEndpointDto, ...problemResponses(403, 409, 422) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        return withIdempotency(deps.db, request, reply, async (tx) => {
          const { endpoint, secret } = await createEndpoint(deps, tx, principal, request.body);
          return { status: 201, body: { ...toEndpointDto(endpoint), secret } };
        });
      },
    );

    app.get(
      '/v1/webhook-endpoints',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'The organisation’s webhook endpoints',
          querystring: ListQuery,
          response: { 200: Page(EndpointDto, 'Endpoints, oldest first'), ...problemResponses(403) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        const { limit = 50, cursor } = request.query;
        const page = await listOwnEndpoints(deps, principal.org, { limit, cursor });
        return { items: page.items.map(toEndpointDto), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/webhook-endpoints/:id',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'One webhook endpoint',
          params: EndpointParams,
          response: { 200: EndpointDto, ...problemResponses(403, 404) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        return toEndpointDto(await getEndpoint(deps, principal.org, request.params.id));
      },
    );

    app.patch(
      '/v1/webhook-endpoints/:id',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'Change the URL, event types or description; pause, resume or re-enable',
          params: EndpointParams,
          body: UpdateEndpointBody,
          response: { 200: EndpointDto, ...problemResponses(403, 404, 422) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        return toEndpointDto(await changeEndpoint(deps, principal.org, request.params.id, request.body));
      },
    );

    app.delete(
      '/v1/webhook-endpoints/:id',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'Delete the endpoint and its delivery log',
          params: EndpointParams,
          response: {
            204: Type.Null({ description: 'Deleted' }),
            ...problemResponses(403, 404),
          },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        await removeEndpoint(deps, principal.org, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v1/webhook-endpoints/:id/rotate-secret',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'A new signing secret; the previous one keeps signing beside it for 24 hours',
          params: EndpointParams,
          response: { 200: RotatedSecretDto, ...problemResponses(403, 404) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        const rotated = await rotateSecret(deps, principal.org, request.params.id);
        return {
          secret: rotated.secret,
          previousSecretExpiresAt: rotated.previousSecretExpiresAt.toISOString(),
        };
      },
    );

    app.post(
      '/v1/webhook-endpoints/:id/test',
      {
        config: { roles: ['partner', 'admin'] },
        schema: {
          tags,
          summary: 'Send a ping delivery (one attempt) through the delivery machinery',
          params: EndpointParams,
          response: { 202: DeliveryDto, ...problemResponses(403, 404) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        assertCanManageEndpoints(principal);
        return reply
          .code(202)
          .send(toDeliveryDto(await sendTestPing(deps, principal.org, request.params.id)));
      },
    );
  };
}
