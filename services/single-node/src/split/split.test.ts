import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  descendantsOf,
  processGone,
  type TestDatabase,
  testChildEnv,
} from '@tym/db/testing';
import { createTestIssuer, inheritedEnv, testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import { seedReferenceData } from '@tym/resourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPLIT_SERVICES, WORKER_ENTRY } from './entries.js';
import { type OpenApiDocument, ownerOf, routeTableOf } from './routes.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SERVICES = ['resourcing', 'referrals', 'planning', 'notifications'] as const;
const snapshot = (service: string) =>
  JSON.parse(readFileSync(`${ROOT}services/${service}/openapi.json`, 'utf8')) as OpenApiDocument;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}

type Launcher = ChildProcess & { pid: number; output: string[] };

/**
 * The launcher as services/worker/src/testing/processes.ts starts a process: node with the
 * tsx loader, in a process group of its own, marked for the run's no-leftovers check (the
 * marker is inherited by the service processes it starts).
 */
function spawnLauncher(env: Record<string, string>): Launcher {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@tym/source', `${ROOT}services/single-node/src/split/main.ts`],
    {
      cwd: ROOT,
      env: { ...inheritedEnv(), ...testChildEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  ) as Launcher;
  if (child.pid === undefined) throw new Error('the launcher did not start');
  child.output = [];
  child.stdout?.on('data', (d: Buffer) => child.output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => child.output.push(d.toString()));
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * `pnpm start --split` as real processes: the launcher starts every service's server.ts and
 * the worker's, and the path router on one port. A referral is made, accepted and a meeting
 * scheduled through the router (each step owned by another service), the worker's relay puts
 * the events in the feed and its processors the invitation in an inbox; SIGTERM then stops
 * everything and every pid is gone.
 */
describe('split system (pnpm start --split)', { timeout: 240_000 }, () => {
  let tdb: TestDatabase;
  let launcher: Launcher | undefined;
  let base = '';
  const pids = new Map<string, number>();
  const idp = createTestIssuer('split', ['kela', 'hva-vantaa-kerava', 'ea-kerava-sipoo']);
  const bearer = (org: string, roles: string[], sub: string) => ({
    authorization: `Bearer ${idp.mint({ org, roles, sub })}`,
  });
  const call = async (method: string, path: string, headers: Record<string, string>, body?: object) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await seedReferenceData(tdb.db);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    launcher = spawnLauncher({
      PORT: String(port),
      DATABASE_URL: tdb.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: uniquePrefix('split'),
      AUTH_ISSUERS: JSON.stringify([idp.issuer]),
      PII_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      PII_CURRENT_KEY_ID: 'k1',
      PII_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      RELAY_INTERVAL_MS: '200',
      SHUTDOWN_GRACE_MS: '5000',
    });
    await waitUntil(
      async () => launcher?.output.join('').includes('TYM (split) is running') ?? false,
      180_000,
      'split system up',
    );
    for (const m of launcher.output.join('').matchAll(/^ {2}(\S+)\s.*pid (\d+)\)$/gm)) {
      pids.set(m[1] === 'TYM' ? 'router' : (m[1] as string), Number(m[2]));
    }
  });
  afterAll(async () => {
    // On a failure before the graceful stop: every process by its own group.
    for (const pid of pids.values()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
      try {
        process.kill(-launcher.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await tdb?.destroy();
  });

  it('starts every process that has an entry point (services/*/src/server.ts)', () => {
    const withServer = readdirSync(`${ROOT}services`)
      .filter((name) => existsSync(`${ROOT}services/${name}/src/server.ts`))
      .map((name) => `services/${name}/src/server.ts`);
    expect(withServer.sort()).toEqual([...Object.values(SPLIT_SERVICES), WORKER_ENTRY].sort());
    expect(Object.keys(SPLIT_SERVICES).sort()).toEqual([...SERVICES].sort());
  });

  it('prints the router and a separate process for every service and the worker', () => {
    expect([...pids.keys()].sort()).toEqual(['router', ...SERVICES, 'worker'].sort());
    expect(new Set(pids.values()).size).toBe(6);
    expect(pids.get('router')).toBe(launcher?.pid);
  });

  it('routes every operation of every service to that service (route table from their documents)', async () => {
    const documents = Object.fromEntries(SERVICES.map((s) => [s, snapshot(s)]));
    const table = routeTableOf(documents);
    for (const service of SERVICES) {
      for (const template of Object.keys(documents[service]?.paths ?? {})) {
        if (template.startsWith('/health') || template.startsWith('/problems')) continue;
        expect(ownerOf(table, template.replace(/\{[^}]+\}/g, 'x1')), template).toBe(service);
      }
    }
  });

  it('/docs/json behind the router is every service’s operations in one document; /docs is the UI', async () => {
    const merged = (await (await fetch(`${base}/docs/json`)).json()) as OpenApiDocument;
    const expected = new Set(SERVICES.flatMap((s) => Object.keys(snapshot(s).paths ?? {})));
    expect(new Set(Object.keys(merged.paths ?? {}))).toEqual(expected);
    const ui = await fetch(`${base}/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: unknown }).checks).toEqual({
      resourcing: 'up',
      referrals: 'up',
      planning: 'up',
      notifications: 'up',
      worker: 'up',
    });
  });

  it('a referral accepted and a meeting scheduled through the router reach the feed and an inbox', async () => {
    // Routing lookup (resourcing).
    const kerava = await call('GET', '/v1/municipalities/245', bearer('kela', ['caseworker'], 'kela-cw'));
    expect(kerava.municipality.nameFi).toBe('Kerava');
    const areas = await call('GET', '/v1/cooperation-areas', bearer('kela', ['admin'], 'kela-admin'));
    const area = (areas.items as { id: string; code: string }[]).find((a) => a.code === 'vantaa-kerava');
    expect(area).toBeDefined();
    const staff: Record<string, string> = {};
    for (const [org, sub, roles] of [
      ['kela', 'kela-cw', ['caseworker']],
      ['hva-vantaa-kerava', 'hva-cw', ['caseworker']],
      ['ea-kerava-sipoo', 'ea-coord', ['coordinator']],
    ] as const) {
      const admin = bearer(org, ['admin'], `${org}-admin`);
      const created = await call('POST', '/v1/staff', admin, {
        subject: sub,
        displayName: `Staff ${sub}`,
        roles,
      });
      await call('PUT', `/v1/staff/${created.id}/allocations`, admin, {
        allocations: [{ cooperationAreaId: area?.id, fte: 0.5 }],
      });
      staff[sub] = created.id;
    }
    // Refer (referrals) and accept (referrals): a case.
    const kela = bearer('kela', ['caseworker'], 'kela-cw');
    const hva = bearer('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
    const referral = await call('POST', '/v1/referrals', kela, {
      client: {
        identityCode: '040490-444B',
        firstNames: 'Maija',
        lastName: 'Meikäläinen',
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Tarvitsee tukea.',
    });
    const accepted = await call('POST', `/v1/referrals/${referral.id}/accept`, hva, {});
    const caseId = accepted.case.id as string;
    // Schedule a meeting (planning), inviting Kela's caseworker.
    await call('POST', `/v1/cases/${caseId}/meetings`, hva, {
      kind: 'assessment',
      start: '2030-03-20T10:00',
      durationMinutes: 60,
      mode: 'remote',
      onlineUrl: 'https://meet.example.fi/tym-split',
      participants: { staff: [{ staffId: staff['kela-cw'] }], client: { displayName: 'Maija M.' } },
    });
    // The worker's relay gives the events feed positions (notifications answers the feed).
    await waitUntil(
      async () => {
        const feed = await call('GET', '/v1/events?limit=100', kela);
        const types = (feed.items as { type: string }[]).map((e) => e.type);
        return types.includes('referral.accepted') && types.includes('meeting.scheduled');
      },
      60_000,
      'events in the feed',
    );
    // The worker's processors put the invitation in Kela's caseworker's inbox.
    let inbox: { items: { kind: string; caseId: string | null; link: string | null }[] } = { items: [] };
    await waitUntil(
      async () => {
        inbox = await call('GET', '/v1/notifications', kela);
        // Its link points behind the router (PUBLIC_BASE_URL the launcher gave the worker).
        return inbox.items.some(
          (n) =>
            n.kind === 'meeting.scheduled' && n.caseId === caseId && n.link === `${base}/v1/cases/${caseId}`,
        );
      },
      60_000,
      'the invitation in the inbox',
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(inbox)} ${launcher?.output.join('')}`);
    });
  });

  it('SIGTERM stops the router, every service and the worker; every pid is gone', async () => {
    if (!launcher) throw new Error('no launcher');
    const all = [...pids.values()].flatMap((pid) => [pid, ...descendantsOf(pid)]);
    expect(all.length).toBeGreaterThanOrEqual(6);
    launcher.kill('SIGTERM');
    expect(await exited(launcher)).toBe(0);
    await waitUntil(async () => all.every(processGone), 30_000, `processes ${all.join(', ')} gone`);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });
});
