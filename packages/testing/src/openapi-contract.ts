import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { updateOpenApiFromEnv } from './config.js';

type Schema = Record<string, unknown>;

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ in: string; name: string; description?: string; schema?: { description?: string } }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** Properties (`where.name`) of a schema, nested ones too, with no description and no `$ref`. */
export function undocumentedProperties(schema: unknown, where: string, out: string[] = []): string[] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Schema;
  if (s.properties && typeof s.properties === 'object') {
    for (const [name, prop] of Object.entries(s.properties as Record<string, Schema>)) {
      if (typeof prop.description !== 'string' && typeof prop.$ref !== 'string') out.push(`${where}.${name}`);
    }
  }
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, prop] of Object.entries(value as Record<string, unknown>))
        undocumentedProperties(prop, `${where}.${name}`, out);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) undocumentedProperties(item, `${where}|${key}[${i}]`, out);
    } else if (value && typeof value === 'object') {
      undocumentedProperties(value, `${where}/${key}`, out);
    }
  }
  return out;
}

/**
 * What the API contract asks of every operation under `/v1/` (style.md, Logs, OpenAPI, docs):
 * a summary and tags; 400, 401 and 500 answers and a success with its schema; every parameter
 * and every property of every request and response schema described; a POST has a body; a
 * body refuses unknown fields (`additionalProperties: false`). Returns what is missing.
 */
export function contractProblems(doc: OpenApiDocument, options: { bodyless?: string[] } = {}): string[] {
  const problems: string[] = [];
  const bodyless = new Set(options.bodyless ?? []);
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, op] of Object.entries(operations)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.summary) problems.push(`${where}: no summary`);
      if (!op.tags?.length) problems.push(`${where}: no tags`);
      for (const status of ['400', '401', '500'])
        if (!(status in op.responses)) problems.push(`${where}: no ${status} response`);
      const ok = Object.keys(op.responses).find((s) => s.startsWith('2'));
      if (!ok) problems.push(`${where}: no success response`);
      for (const [status, response] of Object.entries(op.responses)) {
        const content = (response as { content?: Record<string, { schema?: unknown }> }).content ?? {};
        for (const [type, media] of Object.entries(content))
          undocumentedProperties(media.schema, `${where} ${status} ${type}`, problems);
      }
      for (const p of op.parameters ?? []) {
        if (!p.description && !p.schema?.description) problems.push(`${where} ${p.in}.${p.name}`);
      }
      const body = op.requestBody?.content['application/json']?.schema;
      if (method === 'post' && !body && !bodyless.has(where)) problems.push(`${where}: no body schema`);
      if (body && body.additionalProperties !== false) problems.push(`${where}: body accepts unknown fields`);
      undocumentedProperties(body, `${where} body`, problems);
    }
  }
  return problems;
}

export interface OpenApiContractOptions {
  /** The service's `generateOpenApi`. */
  generate(): Promise<Record<string, unknown>>;
  /** The committed `openapi.json` (`new URL('../openapi.json', import.meta.url)`). */
  file: URL;
  /** The vitest project, for the regeneration hint. */
  project: string;
  /** Every `/v1/` path the service serves, sorted. */
  paths: string[];
  /**
   * POSTs (`POST /v1/…`) known to take no body schema yet. Each is a gap: without a closed
   * (empty) body schema an unknown field is ignored instead of refused.
   */
  bodyless?: string[];
  /** Rewrite `file` from the routes instead of comparing (default: `UPDATE_OPENAPI=1`). */
  update?: boolean;
}

/**
 * The contract tests of a service's OpenAPI document: the committed `openapi.json` matches
 * the route schemas (drift fails; `UPDATE_OPENAPI=1` regenerates it), the service serves
 * exactly `paths`, and every operation keeps the contract of `contractProblems`.
 */
export function describeOpenApiContract(options: OpenApiContractOptions): void {
  describe('openapi.json', () => {
    let generated: Promise<Record<string, unknown>> | undefined;
    const doc = () => {
      generated ??= options.generate();
      return generated;
    };

    it('matches the route schemas (regenerate with UPDATE_OPENAPI=1)', async () => {
      const text = `${JSON.stringify(await doc(), null, 2)}\n`;
      if (options.update ?? updateOpenApiFromEnv()) writeFileSync(options.file, text);
      let committed = '';
      try {
        committed = readFileSync(options.file, 'utf8');
      } catch {
        // Missing file: the comparison below fails with the whole document as the diff.
      }
      expect(
        committed,
        `openapi.json is stale: UPDATE_OPENAPI=1 npx vitest run --project ${options.project} openapi`,
      ).toBe(text);
    });

    it('lists every route of the service', async () => {
      const { paths } = (await doc()) as unknown as OpenApiDocument;
      expect(
        Object.keys(paths)
          .filter((p) => p.startsWith('/v1/'))
          .sort(),
      ).toEqual([...options.paths].sort());
    });

    it('documents every route: summary, tags, answers, described fields, closed bodies', async () => {
      const bodyless = options.bodyless ?? [];
      expect(contractProblems((await doc()) as unknown as OpenApiDocument, { bodyless })).toEqual([]);
    });
  });
}
