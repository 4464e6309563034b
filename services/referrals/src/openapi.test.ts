import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from './openapi.js';

const committed = fileURLToPath(new URL('../openapi.json', import.meta.url));

interface Operation {
  parameters?: Array<{ in: string; name: string; schema?: { description?: string }; description?: string }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
}

/** Every property of every object schema has a description. */
function undocumented(schema: unknown, path: string, out: string[]): string[] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  if (s.properties && typeof s.properties === 'object') {
    for (const [name, prop] of Object.entries(s.properties as Record<string, Record<string, unknown>>)) {
      const described = typeof prop.description === 'string' || typeof prop.$ref === 'string';
      if (!described) out.push(`${path}.${name}`);
      undocumented(prop, `${path}.${name}`, out);
    }
  }
  for (const key of ['items', 'additionalProperties']) undocumented(s[key], `${path}[]`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const variants = Array.isArray(s[key]) ? (s[key] as unknown[]) : [];
    for (const [i, x] of variants.entries()) undocumented(x, `${path}|${i}`, out);
  }
  return out;
}

describe('OpenAPI', () => {
  it('matches the committed openapi.json (UPDATE_OPENAPI=1 regenerates it)', async () => {
    const doc = await generateOpenApi();
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI) writeFileSync(committed, text);
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(JSON.parse(text));
  });

  it('documents every route with request and response schemas and described fields', async () => {
    const doc = (await generateOpenApi()) as { paths: Record<string, Record<string, Operation>> };
    const paths = Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/'));
    expect(paths.map(([p]) => p).sort()).toEqual([
      '/v1/cases',
      '/v1/cases/{id}',
      '/v1/cases/{id}/colleagues',
      '/v1/cases/{id}/duties-explained',
      '/v1/cases/{id}/ending',
      '/v1/cases/{id}/ending/confirmations',
      '/v1/cases/{id}/ending/objections',
      '/v1/cases/{id}/review-requests',
      '/v1/cases/{id}/review-requests/{requestId}/refusal',
      '/v1/cases/{id}/team',
      '/v1/cases/{id}/timeline',
      '/v1/cases/{id}/transfer',
      '/v1/clients/search',
      '/v1/clients/{id}',
      '/v1/clients/{id}/access-log',
      '/v1/clients/{id}/language',
      '/v1/referrals',
      '/v1/referrals/{id}',
      '/v1/referrals/{id}/accept',
      '/v1/referrals/{id}/client-details',
      '/v1/referrals/{id}/decline',
      '/v1/referrals/{id}/withdraw',
    ]);
    const missing: string[] = [];
    for (const [path, ops] of paths) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const ok = Object.keys(op.responses).find((s) => s.startsWith('2'));
        expect(ok, `${where} has a success response`).toBeDefined();
        const success = op.responses[ok ?? ''] as { content?: Record<string, { schema: unknown }> };
        undocumented(success.content?.['application/json']?.schema, `${where} response`, missing);
        for (const p of op.parameters ?? []) {
          if (!p.description && !p.schema?.description) missing.push(`${where} ${p.in}.${p.name}`);
        }
        const body = op.requestBody?.content['application/json']?.schema;
        if (method === 'post') {
          expect(body, `${where} has a body schema`).toBeDefined();
          expect(body?.additionalProperties, `${where} body is closed`).toBe(false);
        }
        undocumented(body, `${where} body`, missing);
      }
    }
    expect(missing).toEqual([]);
  });
});
