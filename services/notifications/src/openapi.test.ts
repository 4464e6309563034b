import { eventCatalog, SUBSCRIBABLE_EVENT_TYPES } from '@tym/jobs';
import { describeOpenApiContract } from '@tym/testing';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from './openapi.js';

describeOpenApiContract({
  generate: generateOpenApi,
  file: new URL('../openapi.json', import.meta.url),
  project: 'notifications',
  paths: [
    '/v1/cases/{id}/deadlines',
    '/v1/cases/{id}/erasure-hold',
    '/v1/cases/{id}/letters',
    '/v1/clients/{id}/data-subject-export',
    '/v1/clients/{id}/data-subject-export.pdf',
    '/v1/deadlines',
    '/v1/event-types',
    '/v1/events',
    '/v1/letters/{id}.pdf',
    '/v1/notifications',
    '/v1/notifications/read-all',
    '/v1/notifications/{id}/read',
    '/v1/referrals/{id}/letters',
    '/v1/staff/me/notification-settings',
    '/v1/webhook-deliveries/{id}/retry',
    '/v1/webhook-endpoints',
    '/v1/webhook-endpoints/{id}',
    '/v1/webhook-endpoints/{id}/deliveries',
    '/v1/webhook-endpoints/{id}/recover',
    '/v1/webhook-endpoints/{id}/rotate-secret',
    '/v1/webhook-endpoints/{id}/test',
  ],
  // Known gaps: these POSTs take no body schema, so an unknown field is ignored, not refused.
  bodyless: [
    'POST /v1/notifications/read-all',
    'POST /v1/notifications/{id}/read',
    'POST /v1/webhook-deliveries/{id}/retry',
    'POST /v1/webhook-endpoints/{id}/rotate-secret',
    'POST /v1/webhook-endpoints/{id}/test',
  ],
});

describe('openapi.json webhooks', () => {
  it('lists every event type partners may subscribe to as a webhook, with its data schema from the catalog', async () => {
    const doc = (await generateOpenApi()) as {
      webhooks: Record<string, { post: { summary: string; 'x-event-data': unknown; requestBody: unknown } }>;
    };
    expect(Object.keys(doc.webhooks).sort()).toEqual([...SUBSCRIBABLE_EVENT_TYPES].sort());
    expect(Object.keys(doc.webhooks)).not.toContain('reference_data.loaded');
    for (const type of SUBSCRIBABLE_EVENT_TYPES) {
      const { post } = doc.webhooks[type] ?? { post: undefined };
      expect(post?.['x-event-data'], type).toEqual(JSON.parse(JSON.stringify(eventCatalog[type].payload)));
      expect(post?.summary, type).not.toContain(type);
      expect(JSON.stringify(post?.requestBody), type).toContain(`"const":"${type}"`);
    }
  });
});
