import { readFileSync, writeFileSync } from 'node:fs';
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
      'openapi.json is stale: UPDATE_OPENAPI=1 npx vitest run --project planning openapi',
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
      '/v1/cases/{caseId}/meetings',
      '/v1/cases/{caseId}/plan',
      '/v1/cases/{caseId}/plan/actions/{actionId}/status',
      '/v1/cases/{caseId}/plan/approvals',
      '/v1/cases/{caseId}/plan/client-participation',
      '/v1/cases/{caseId}/plan/diff',
      '/v1/cases/{caseId}/plan/draft',
      '/v1/cases/{caseId}/plan/draft/submit',
      '/v1/cases/{caseId}/plan/draft/submit-and-approve',
      '/v1/cases/{caseId}/plan/reviews',
      '/v1/cases/{caseId}/plan/versions',
      '/v1/cases/{caseId}/plan/versions/{n}',
      '/v1/me/meetings',
      '/v1/meetings',
      '/v1/meetings/{id}',
      '/v1/meetings/{id}/cancel',
      '/v1/meetings/{id}/close',
      '/v1/meetings/{id}/conclusion',
      '/v1/meetings/{id}/held',
      '/v1/meetings/{id}/invitation.ics',
      '/v1/meetings/{id}/minutes',
      '/v1/meetings/{id}/reschedule',
      '/v1/meetings/{id}/response',
      '/v1/meetings/{id}/responses',
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

  it('refuses unknown fields in every request body', async () => {
    const doc = (await generateOpenApi()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>
      >;
    };
    const open: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema && schema.additionalProperties !== false) open.push(`${method} ${path}`);
      }
    }
    expect(open).toEqual([]);
  });
});
