import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import { webhookPolicy } from '../policy.js';
import type { FeedEventRow } from './events.repository.js';
import { readFeed } from './events.service.js';

export const EventDto = Type.Object(
  {
    id: Uuid('Event id: the webhook-id of its webhook deliveries'),
    position: Type.Integer({ description: 'Position in the feed, increasing in commit order' }),
    type: Type.String({
      description:
        'Event type, e.g. referral.accepted: one of the catalog (GET /v1/event-types, OpenAPI webhooks)',
    }),
    occurredAt: Instant('When it happened'),
    cooperationAreaId: Type.Union([Uuid('Cooperation area'), Type.Null()], {
      description: 'The cooperation area, when the event belongs to one',
    }),
    caseId: Type.Union([Uuid('Case'), Type.Null()], {
      description: 'The case, when the event belongs to one',
    }),
    caseSequence: Type.Union([Type.Integer(), Type.Null()], {
      description: '1, 2, 3… per case over all its events; a gap means events of the case you may not see',
    }),
    subjectType: Type.String({ description: 'What kind of thing it is about, e.g. referral' }),
    subjectId: Type.String({ description: 'The id of that thing; fetch it through its API' }),
    data: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'The event’s payload as its type’s schema describes it (GET /v1/event-types payloadSchema): ids, codes, dates and versions only; never personal data',
    }),
  },
  { description: 'One event of the log' },
);
export type EventDto = Static<typeof EventDto>;

export const EventFeedQuery = Type.Object(
  {
    after: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'A nextCursor of this feed; absent to start at the beginning',
      }),
    ),
    types: Type.Optional(
      Type.String({
        maxLength: 2000,
        pattern: '^[a-z][a-zA-Z0-9_.]*(,[a-z][a-zA-Z0-9_.]*)*$',
        description: 'Comma-separated event types to include; absent for all',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Page size' })),
  },
  { additionalProperties: false, description: 'Where to read from and what' },
);

export const EventFeedPage = Type.Object(
  {
    items: Type.Array(EventDto, { description: 'Events in position order' }),
    nextCursor: Type.String({
      description:
        'Pass as after for the next page; when caught up it stays where you are, so keep polling with it',
    }),
    hasMore: Type.Boolean({ description: 'True when more events wait right now' }),
  },
  { description: 'A page of the event feed' },
);

/** A feed row is already the answer's shape (findFeedEvents selects it so). */
export function toEventDto(row: FeedEventRow): EventDto {
  return {
    id: row.id,
    position: row.position,
    type: row.type,
    occurredAt: row.occurredAt,
    cooperationAreaId: row.cooperationAreaId,
    caseId: row.caseId,
    caseSequence: row.caseSequence,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    data: row.data,
  };
}

export function eventsRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/events',
      {
        schema: {
          tags: ['events'],
          summary: 'The organisation’s event feed in commit order, to catch up and to find gaps',
          querystring: EventFeedQuery,
          response: { 200: EventFeedPage, ...problemResponses() },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        webhookPolicy.readFeed(principal);
        const { after, types, limit = 100 } = request.query;
        const page = await readFeed(deps, principal.org, {
          after,
          types: types ? [...new Set(types.split(','))] : undefined,
          limit,
        });
        return { items: page.items.map(toEventDto), nextCursor: page.nextCursor, hasMore: page.hasMore };
      },
    );
  };
}
