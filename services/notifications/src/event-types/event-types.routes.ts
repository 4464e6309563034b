import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EVENT_TYPES,
  type EventType,
  eventCatalog,
  eventLabel,
  renderEventText,
  textParamsOf,
} from '@tym/jobs';
import { principalOf, problemResponses } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';

export const EventTypeDto = Type.Object(
  {
    type: Type.String({ description: 'The event type, e.g. plan.reviewed' }),
    description: Type.String({ description: 'What happened (English)' }),
    subjectType: Type.String({ description: 'What the event’s subjectId names, e.g. plan' }),
    audience: Type.String({
      description: 'Whose organisation codes the event carries: who sees it and may receive it',
    }),
    recipients: Type.String({
      description:
        'Who is told in the notification inbox: case_team, area_coordinators, meeting_participants, organisation_admins or none',
    }),
    subscribable: Type.Boolean({ description: 'Whether partner systems may subscribe to it by webhook' }),
    payloadSchema: Type.Record(Type.String(), Type.Unknown(), {
      description: 'JSON Schema of the event’s data (items[].data of GET /v1/events)',
    }),
    example: Type.Record(Type.String(), Type.Unknown(), {
      description: 'A payload as the service writes it',
    }),
    label: Type.String({ description: 'A short name of the type in the requested language' }),
    title: Type.String({ description: 'The notification title, filled from the example' }),
    body: Type.String({ description: 'The notification text, filled from the example' }),
  },
  { description: 'One event type of the catalog' },
);
export type EventTypeDto = Static<typeof EventTypeDto>;

export const EventTypesQuery = Type.Object(
  {
    subscribable: Type.Optional(
      Type.Boolean({ description: 'true: only the types partners may subscribe to; false: only the others' }),
    ),
  },
  { additionalProperties: false, description: 'Which types to list' },
);

export const EventTypeList = Type.Object(
  { items: Type.Array(EventTypeDto, { description: 'Every event type, by name' }) },
  { description: 'The event catalog' },
);

/**
 * The event catalog (@tym/jobs events/) for partners and staff: every event type, its
 * payload's JSON Schema, whether it may be subscribed to, and its texts in the
 * Accept-Language (fi, sv or en). The same catalog is the OpenAPI document's `webhooks`.
 */
export function eventTypesRoutes(_deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/event-types',
      {
        schema: {
          tags: ['events'],
          summary: 'Every event type with its payload schema, subscribability and texts in your language',
          querystring: EventTypesQuery,
          response: { 200: EventTypeList, ...problemResponses() },
        },
      },
      async (request) => {
        principalOf(request);
        // Texts in the Accept-Language (the platform negotiates it and answers Content-Language).
        const lang = request.lang;
        const { subscribable } = request.query;
        const items = [...EVENT_TYPES]
          .sort()
          .filter((type) => subscribable === undefined || eventCatalog[type].subscribable === subscribable)
          .map((type) => toEventTypeDto(type, lang));
        return { items };
      },
    );
  };
}

export function toEventTypeDto(type: EventType, lang: 'fi' | 'sv' | 'en'): EventTypeDto {
  const def = eventCatalog[type];
  const example = def.example as Record<string, unknown>;
  return {
    type,
    description: def.description,
    subjectType: def.subject,
    audience: def.audience,
    recipients: def.recipients,
    subscribable: def.subscribable,
    payloadSchema: JSON.parse(JSON.stringify(def.payload)) as Record<string, unknown>,
    example,
    label: eventLabel(type, lang),
    ...renderEventText(type, textParamsOf(example), lang),
  };
}
