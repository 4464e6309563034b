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
      'openapi.json is stale: UPDATE_OPENAPI=1 npx vitest run --project resourcing openapi',
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
      '/v1/agreements',
      '/v1/agreements/{id}',
      '/v1/agreements/{id}/approvals',
      '/v1/agreements/{id}/cost-shares',
      '/v1/agreements/{id}/joint-costs',
      '/v1/agreements/{id}/joint-costs/{year}',
      '/v1/agreements/{id}/staffing-reviews',
      '/v1/agreements/{id}/versions',
      '/v1/agreements/{id}/versions/{version}',
      '/v1/calendar/due-date',
      '/v1/cases/{caseId}/assignment-suggestions',
      '/v1/cooperation-areas',
      '/v1/cooperation-areas/{id}',
      '/v1/cooperation-areas/{id}/utilisation',
      '/v1/employment-areas',
      '/v1/employment-areas/{id}',
      '/v1/management-groups',
      '/v1/management-groups/{id}',
      '/v1/management-groups/{id}/annual-targets/{year}',
      '/v1/me',
      '/v1/municipalities',
      '/v1/municipalities/{code}',
      '/v1/organisations',
      '/v1/organisations/{code}',
      '/v1/reference-data/employment-areas',
      '/v1/staff',
      '/v1/staff/{id}',
      '/v1/staff/{id}/allocations',
      '/v1/wellbeing-counties/{countyId}/cooperation-arrangement',
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
});
