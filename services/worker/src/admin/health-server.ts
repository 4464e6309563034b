import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthChecks {
  /** Each check resolves when its dependency answers; a rejection makes the worker unready. */
  [name: string]: () => Promise<void>;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * The worker's health endpoint, for an orchestrator's probes: `GET /health/live` answers 200
 * while the process runs; `GET /health/ready` 200 when PostgreSQL and Redis answer, else 503
 * with which one does not. Nothing else is served (no Fastify: the worker has no API).
 */
export async function startHealthServer(
  host: string,
  port: number,
  checks: HealthChecks,
  timeoutMs = 2_000,
): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') return json(res, 405, { status: 'method not allowed' });
    if (path === '/health/live') return json(res, 200, { status: 'ok' });
    if (path !== '/health/ready') return json(res, 404, { status: 'not found' });
    void (async () => {
      const results: Record<string, 'ok' | 'down'> = {};
      await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          let timer: NodeJS.Timeout | undefined;
          try {
            await Promise.race([
              check(),
              new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
              }),
            ]);
            results[name] = 'ok';
          } catch {
            results[name] = 'down';
          } finally {
            if (timer) clearTimeout(timer);
          }
        }),
      );
      const ready = Object.values(results).every((r) => r === 'ok');
      json(res, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', checks: results });
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
