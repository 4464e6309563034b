/**
 * Which service owns a request path, from the services' own OpenAPI documents: the split
 * router (`pnpm start --split`) and the Kubernetes Ingress test use the same rule, so a
 * route that moves between services moves in the router with it.
 */

export type OpenApiDocument = {
  paths?: Record<string, unknown>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string }[];
  [key: string]: unknown;
};

export interface RouteEntry {
  service: string;
  template: string;
  /** Segments of the template: a literal, null for a path parameter (`{id}`), or a pattern (`{id}.pdf`). */
  segments: (string | RegExp | null)[];
}

/** Paths every service answers itself (the platform's); they stay with the default service. */
const PLATFORM_PATHS = new Set(['/health/live', '/health/ready', '/problems', '/problems/{code}']);

function segmentsOf(path: string): string[] {
  return path.split('/').slice(1);
}

function segmentMatcher(segment: string): string | RegExp | null {
  if (/^\{[^}]+\}$/.test(segment)) return null;
  if (!segment.includes('{')) return segment;
  const pattern = segment
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}$`);
}

/** The route table of the services' documents (service name → its OpenAPI document). */
export function routeTableOf(documents: Record<string, OpenApiDocument>): RouteEntry[] {
  const table: RouteEntry[] = [];
  for (const [service, doc] of Object.entries(documents)) {
    for (const template of Object.keys(doc.paths ?? {})) {
      if (PLATFORM_PATHS.has(template)) continue;
      table.push({
        service,
        template,
        segments: segmentsOf(template).map(segmentMatcher),
      });
    }
  }
  return table;
}

/**
 * The service whose route matches `path` (query string ignored), the match with the most
 * literal segments winning (`/v1/staff/me/…` before `/v1/staff/{id}/…`); null when none does.
 */
export function ownerOf(table: RouteEntry[], path: string): string | null {
  const parts = segmentsOf(path.split('?', 1)[0] ?? '/');
  let best: { service: string; score: number } | null = null;
  for (const entry of table) {
    if (entry.segments.length !== parts.length) continue;
    let score = 0;
    let matches = true;
    for (let i = 0; i < parts.length; i++) {
      const want = entry.segments[i];
      const part = parts[i] ?? '';
      if (want === null) matches = part !== '';
      else if (want instanceof RegExp) {
        matches = want.test(part);
        score += 0.5;
      } else if (want === part) score++;
      else matches = false;
      if (!matches) break;
    }
    if (matches && (!best || score > best.score)) best = { service: entry.service, score };
  }
  return best?.service ?? null;
}

/**
 * One OpenAPI document of every service (what `/docs/json` shows behind the router): the
 * union of their paths, components and tags. A path or component two services define
 * differently is an error (the platform's shared ones are identical).
 */
export function mergeOpenApi(
  documents: Record<string, OpenApiDocument>,
  info: { title: string; version: string; description: string },
): OpenApiDocument {
  const docs = Object.values(documents);
  const first = docs[0] ?? {};
  const paths: Record<string, unknown> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags = new Map<string, { name: string }>();
  const put = (into: Record<string, unknown>, key: string, value: unknown, what: string) => {
    if (key in into && JSON.stringify(into[key]) !== JSON.stringify(value))
      throw new Error(`${what} ${key} is defined differently by two services`);
    into[key] = value;
  };
  for (const doc of docs) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) put(paths, path, item, 'path');
    for (const [kind, entries] of Object.entries(doc.components ?? {})) {
      components[kind] ??= {};
      for (const [name, value] of Object.entries(entries)) put(components[kind], name, value, kind);
    }
    for (const tag of doc.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  }
  return {
    ...first,
    info,
    paths,
    components,
    ...(tags.size ? { tags: [...tags.values()] } : {}),
  };
}
