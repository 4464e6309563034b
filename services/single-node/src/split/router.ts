import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mergeOpenApi, type OpenApiDocument, ownerOf, type RouteEntry, routeTableOf } from './routes.js';

export interface RouterOptions {
  host: string;
  port: number;
  /** Service name → its base URL (http://127.0.0.1:<port>). */
  services: Record<string, string>;
  /** The service that answers paths no service owns (404 problem), /problems and the Swagger UI page. */
  fallback: string;
  /** Extra readiness URLs (the worker's /health/ready) the router's /health/ready includes. */
  readiness?: Record<string, string>;
}

export interface SplitRouter {
  url: string;
  port: number;
  table: RouteEntry[];
  close(): Promise<void>;
}

async function fetchJson(url: string): Promise<OpenApiDocument> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

function problem(res: http.ServerResponse, status: number, title: string, detail: string) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const requestId = randomUUID();
  res.writeHead(status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'x-request-id': requestId,
    ...(status === 503 ? { 'retry-after': '5' } : {}),
  });
  res.end(
    JSON.stringify({
      type: 'about:blank',
      title,
      status,
      detail,
      code: status === 503 ? 'SERVICE_UNAVAILABLE' : 'BAD_GATEWAY',
      requestId,
    }),
  );
}

/**
 * The small path router of the split system (`pnpm start --split`): one port in front of
 * every service process, each request forwarded to the service whose OpenAPI document
 * names its path (the route table is read from the services' `/docs/json` at start).
 * `/docs/json` is the services' documents merged into one, so `/docs` (the Swagger UI page,
 * served by the fallback service) shows the whole API; `/health/ready` is ready when every
 * service and the worker are. In Kubernetes the Ingress does this job (infra/kubernetes).
 */
export async function startSplitRouter(options: RouterOptions): Promise<SplitRouter> {
  const documents: Record<string, OpenApiDocument> = {};
  for (const [name, base] of Object.entries(options.services))
    documents[name] = await fetchJson(`${base}/docs/json`);
  const table = routeTableOf(documents);
  const agent = new http.Agent({ keepAlive: true });

  const merged = async () => {
    const current: Record<string, OpenApiDocument> = {};
    for (const [name, base] of Object.entries(options.services))
      current[name] = await fetchJson(`${base}/docs/json`);
    return mergeOpenApi(current, {
      title: 'TYM case-coordination API',
      version: '0.1.0',
      description:
        'Multidisciplinary employment support (381/2023): referrals, joint plans, resourcing, deadlines, webhooks.',
    });
  };

  const ready = async () => {
    const urls = {
      ...Object.fromEntries(Object.entries(options.services).map(([n, b]) => [n, `${b}/health/ready`])),
      ...options.readiness,
    };
    const checks: Record<string, 'up' | 'down'> = {};
    await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        try {
          checks[name] = (await fetch(url, { signal: AbortSignal.timeout(3_000) })).ok ? 'up' : 'down';
        } catch {
          checks[name] = 'down';
        }
      }),
    );
    return { ok: Object.values(checks).every((s) => s === 'up'), checks };
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, base: string) => {
    const target = new URL(base);
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter(Boolean)
      .join(', ');
    const upstream = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => problem(res, 503, 'Service unavailable', 'The service did not answer.'));
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (req.method === 'GET' && path === '/docs/json') {
      void merged().then(
        (doc) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(doc));
        },
        () => problem(res, 503, 'Service unavailable', 'A service did not give its OpenAPI document.'),
      );
      return;
    }
    if (req.method === 'GET' && path === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (req.method === 'GET' && path === '/health/ready') {
      void ready().then(({ ok, checks }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ready' : 'unavailable', checks }));
      });
      return;
    }
    const owner = ownerOf(table, path) ?? options.fallback;
    const base = options.services[owner];
    if (!base) return problem(res, 502, 'Bad gateway', 'No service owns this path.');
    forward(req, res, base);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    table,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      agent.destroy();
    },
  };
}
