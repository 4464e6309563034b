import type { App } from '@tym/platform';

export type Schema = Record<string, unknown>;

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/v1/referrals/{id}`. */
  path: string;
  parameters: Parameter[];
  body?: Schema;
  bodyRequired: boolean;
  /** No bearer token needed. */
  public: boolean;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The OpenAPI document the composed app serves at /docs/json. */
export async function loadOpenApi(app: App): Promise<OpenApiDoc> {
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  if (res.statusCode !== 200) throw new Error(`/docs/json answered ${res.statusCode}`);
  return res.json() as OpenApiDoc;
}

/** Resolves `$ref`s of the document's components (request schemas are mostly inline). */
export function resolver(doc: OpenApiDoc): (schema: Schema) => Schema {
  return (schema) => {
    let s = schema;
    for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
      const name = (s.$ref as string).replace(/^#\/components\/schemas\//, '').replace(/#$/, '');
      const target = doc.components?.schemas?.[name];
      if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
      s = target;
    }
    return s;
  };
}

/** Every operation of the document, in a stable order. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    const ops = doc.paths[path] ?? {};
    for (const method of Object.keys(ops).sort()) {
      const op = ops[method] as {
        parameters?: Parameter[];
        requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
        security?: unknown[];
      };
      const body = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(body ? { body } : {}),
        bodyRequired: Boolean(op.requestBody?.required),
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return out;
}

/** Calls `visit` for every schema node under `schema` with its location (`body.grounds[]`). */
export function walkSchema(
  schema: Schema,
  location: string,
  resolve: (s: Schema) => Schema,
  visit: (s: Schema, location: string) => void,
  depth = 0,
): void {
  if (depth > 30) return;
  const s = resolve(schema);
  visit(s, location);
  const props = s.properties as Record<string, Schema> | undefined;
  if (props)
    for (const [k, v] of Object.entries(props)) walkSchema(v, `${location}.${k}`, resolve, visit, depth + 1);
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    walkSchema(s.items as Schema, `${location}[]`, resolve, visit, depth + 1);
  }
  if (Array.isArray(s.prefixItems)) {
    for (const [i, x] of (s.prefixItems as Schema[]).entries()) {
      walkSchema(x, `${location}[${i}]`, resolve, visit, depth + 1);
    }
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    walkSchema(s.additionalProperties as Schema, `${location}.*`, resolve, visit, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const variants = Array.isArray(s[key]) ? (s[key] as Schema[]) : [];
    for (const v of variants) walkSchema(v, location, resolve, visit, depth + 1);
  }
}

/** A schema's type(s) as a list (`type` may be a string, a list or absent). */
export function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.enum))
    return [...new Set((s.enum as unknown[]).map((v) => (v === null ? 'null' : typeof v)))];
  if ('const' in s) return [s.const === null ? 'null' : typeof s.const];
  return [];
}

/** The request parts of an operation as schemas, with their locations. */
export function requestSchemas(op: Operation): Array<{ location: string; schema: Schema }> {
  const out: Array<{ location: string; schema: Schema }> = [];
  const names = { path: 'params', query: 'query', header: 'header', cookie: 'cookie' } as const;
  for (const p of op.parameters) {
    if (p.schema) out.push({ location: `${names[p.in]}.${p.name}`, schema: p.schema });
  }
  if (op.body) out.push({ location: 'body', schema: op.body });
  return out;
}
