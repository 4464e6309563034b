import { readFileSync, writeFileSync } from 'node:fs';
import { eventCatalog, SUBSCRIBABLE_EVENT_TYPES } from '@tym/jobs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from './openapi.js';

const file = new URL('../openapi.json', import.meta.url);

describe('openapi.json', () => {
  it('matches the route schemas (regenerate with UPDATE_OPENAPI=1)', async () => {
    const generated = `${JSON.stringify(await generateOpenApi(), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(file, generated);
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // Missing file: the comparison below fails with the whole document as the diff.
    }
    expect(
      committed,
      'openapi.json is stale: UPDATE_OPENAPI=1 npx vitest run --project notifications openapi',
    ).toBe(generated);
  });

  it('documents every route with a summary, tags, and request and response schemas', async () => {
    const doc = (await generateOpenApi()) as {
      paths: Record<
        string,
        Record<string, { summary?: string; tags?: string[]; responses: Record<string, unknown> }>
      >;
    };
    const ours = Object.entries(doc.paths).filter(([path]) => path.startsWith('/v1/'));
    expect(ours.map(([path]) => path).sort()).toEqual([
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
    ]);
    for (const [path, operations] of ours) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
          expect.arrayContaining(['400', '401', '500']),
        );
        expect(
          Object.keys(op.responses).some((s) => s.startsWith('2')),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  it('describes every property of every schema', async () => {
    const doc = await generateOpenApi();
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.properties && typeof schema.properties === 'object') {
        for (const [name, prop] of Object.entries(
          schema.properties as Record<string, Record<string, unknown>>,
        )) {
          if (!prop.description) missing.push(`${path}.${name}`);
        }
      }
      for (const [key, value] of Object.entries(schema)) walk(value, `${path}/${key}`);
    };
    walk((doc as { paths: Record<string, unknown> }).paths, '');
    // Only the platform's own routes (health, problems) may lack descriptions.
    expect(missing.filter((m) => m.includes('/v1'))).toEqual([]);
  });

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
