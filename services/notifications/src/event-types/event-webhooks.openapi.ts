import { eventCatalog, eventLabel, SUBSCRIBABLE_EVENT_TYPES } from '@tym/jobs';

/** The body of every event delivery (worker webhooks `eventWebhookBody`): thin, with ids only. */
function envelope(type: string, subjectType: string) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'timestamp', 'data'],
    properties: {
      type: { const: type, description: 'The event type' },
      timestamp: { type: 'string', format: 'date-time', description: 'When it happened' },
      data: {
        type: 'object',
        additionalProperties: false,
        required: [
          'eventId',
          'subjectType',
          'subjectId',
          'caseId',
          'cooperationAreaId',
          'caseSequence',
          'position',
        ],
        properties: {
          eventId: {
            type: 'string',
            format: 'uuid',
            description: 'The event id, also the webhook-id header',
          },
          subjectType: { const: subjectType, description: 'What subjectId names' },
          subjectId: { type: 'string', description: 'The id of that thing; fetch it through the API' },
          caseId: {
            type: ['string', 'null'],
            format: 'uuid',
            description: 'The case, when the event belongs to one',
          },
          cooperationAreaId: {
            type: ['string', 'null'],
            format: 'uuid',
            description: 'The cooperation area, when the event belongs to one',
          },
          caseSequence: {
            type: ['integer', 'null'],
            description: '1, 2, 3… per case; a gap means events of the case you may not see',
          },
          position: { type: 'integer', description: 'Position in the feed (GET /v1/events?after=)' },
        },
      },
    },
  };
}

/**
 * OpenAPI 3.1 `webhooks`: one entry per event type partners may subscribe to, from the
 * event catalog. The request is the thin Standard Webhooks delivery; `x-event-data` is the
 * JSON Schema of the event's data, which the feed (`GET /v1/events`, `items[].data`) and
 * `GET /v1/event-types` return.
 */
export function eventWebhooksOpenApi(): Record<string, unknown> {
  const webhooks: Record<string, unknown> = {};
  for (const type of [...SUBSCRIBABLE_EVENT_TYPES].sort()) {
    const def = eventCatalog[type];
    webhooks[type] = {
      post: {
        tags: ['events'],
        summary: eventLabel(type, 'en'),
        description: `${def.description} Sent to: ${def.audience}. Signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).`,
        operationId: `webhook:${type}`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: envelope(type, def.subject) } },
        },
        responses: {
          '2XX': { description: 'Received: the delivery succeeded' },
          '410': { description: 'Gone: the endpoint is disabled' },
        },
        'x-event-data': JSON.parse(JSON.stringify(def.payload)),
        'x-event-data-example': def.example,
      },
    };
  }
  return webhooks;
}
