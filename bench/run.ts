// `pnpm bench [scenario…] [--duration <s>] [--connections <n,n…>]` (default 20,64)
// Runs each scenario against the running system and, in the same run, against a bare
// Fastify + pg handler issuing the same SQL and (write scenarios) the database ceiling — the
// same transaction shape by a bare pg client at the same concurrency; prints requests/s,
// p50, p99, the ratios, the PostgreSQL round trips and the server process's CPU time per
// request, at each concurrency.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, ensureDatabase, runMigrations } from '@tym/db';
import { seedReferenceData } from '@tym/resourcing';
import autocannon from 'autocannon';
import { createSigner } from 'fast-jwt';
import { ceilings } from './ceilings.js';
import { jobBenchmarks } from './jobs/index.js';
import type { BenchRequest, Ceiling, CeilingQuery } from './scenario.js';
import { scenarios } from './scenarios/index.js';

const { values, positionals, tokens } = parseArgs({
  allowPositionals: true,
  strict: false,
  tokens: true,
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20,64' },
  },
});
// Other --name=value options go to job benchmarks (e.g. --events=1000 --workers=2).
const jobOptions: Record<string, string> = {};
for (const t of tokens ?? []) {
  if (
    t.kind === 'option' &&
    t.name !== 'duration' &&
    t.name !== 'connections' &&
    typeof t.value === 'string'
  ) {
    jobOptions[t.name] = t.value;
  }
}
const duration = Number(values.duration);
const connectionCounts = String(values.connections)
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const selected = positionals.length ? scenarios.filter((s) => positionals.includes(s.name)) : scenarios;
const selectedJobs = positionals.length
  ? jobBenchmarks.filter((b) => positionals.includes(b.name))
  : jobBenchmarks;
const unknown = positionals.filter(
  (p) => !scenarios.some((s) => s.name === p) && !jobBenchmarks.some((b) => b.name === p),
);
if (unknown.length) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; known: ${[...scenarios, ...jobBenchmarks].map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tym_bench';
await ensureDatabase(url);
await runMigrations(url);
// Loading is not measured: a busy machine may need more than the services' 15 s per statement.
const handle = createDb({ url, max: 4, statementTimeoutMs: 600_000 });
await seedReferenceData(handle.db);
for (const s of selected) {
  if (s.setup) {
    console.log(`setting up ${s.name}…`);
    await s.setup(handle.db);
  }
}
await handle.close();

const root = fileURLToPath(new URL('..', import.meta.url));

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

let requestCounter = 0;
let mixCounter = 0;

async function load(port: number, req: BenchRequest, seconds: number, connections: number): Promise<Figures> {
  const one = (r: BenchRequest) => {
    const { bodyFor, pathFor } = r;
    return {
      method: r.method,
      path: r.path,
      headers: { 'content-type': 'application/json', ...(r.headers ?? {}) },
      ...(r.body ? { body: r.body } : {}),
      ...(bodyFor || pathFor
        ? {
            setupRequest: (x: autocannon.Request) => {
              const n = requestCounter++;
              return {
                ...x,
                ...(bodyFor ? { body: bodyFor(n) } : {}),
                ...(pathFor ? { path: pathFor(n) } : {}),
              };
            },
          }
        : {}),
    };
  };
  // A mixed scenario: the next request of the sequence for the whole run, whichever connection
  // asks (autocannon would start every connection at the sequence's first request, so a short
  // run at 64 connections never reached the writes at its end).
  const mixed = (sequence: BenchRequest[]) => ({
    ...one(sequence[0] as BenchRequest),
    setupRequest: (x: autocannon.Request) => {
      const r = sequence[mixCounter++ % sequence.length] as BenchRequest;
      const n = r.bodyFor || r.pathFor ? requestCounter++ : 0;
      return {
        ...x,
        method: r.method,
        path: r.pathFor ? r.pathFor(n) : r.path,
        headers: { 'content-type': 'application/json', ...(r.headers ?? {}) },
        body: r.bodyFor ? r.bodyFor(n) : r.body,
      };
    },
  });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    requests: [req.sequence ? mixed(req.sequence) : one(req)] as autocannon.Request[],
    connections,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** The database ceiling: `connections` bare pg clients issuing the scenario's transaction. */
async function ceilingLoad(ceiling: Ceiling, seconds: number, connections: number): Promise<Figures> {
  const handle = createDb({ url, max: connections, applicationName: 'tym-bench-ceiling' });
  const prepared = ceiling.prepare
    ? await ceiling.prepare((text, params) => handle.pool.query(text, params as unknown[]))
    : undefined;
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  let refused = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      // A shared PostgreSQL may refuse some of the connections (max_connections): the
      // ceiling then runs with fewer, and says so, instead of ending the whole run.
      const client = await handle.pool.connect().catch((err: Error) => {
        refused += 1;
        if (refused === 1) console.error(`database ceiling: ${err.message}`);
        return null;
      });
      if (!client) return;
      try {
        const q: CeilingQuery = (text, params) => client.query(text, params as unknown[]);
        while (Date.now() < until) {
          const t0 = performance.now();
          try {
            await client.query('BEGIN');
            await ceiling.transaction(q, ceilingCounter++, prepared);
            await client.query('COMMIT');
            latencies.push(performance.now() - t0);
          } catch (err) {
            if (!errors) console.error(`database ceiling: ${(err as Error).message}`);
            errors += 1;
            await client.query('ROLLBACK').catch(() => undefined);
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  await handle.close();
  // Refused connections count as errors, so the row says the ceiling ran with fewer clients.
  errors += refused;
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return {
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx: 0,
    total: latencies.length,
  };
}
let ceilingCounter = Math.floor(Math.random() * 1_000_000_000);

/** Request/response scenarios: the system and the bare handler, in the same run. */
async function runHttpScenarios(): Promise<void> {
  const child: ChildProcess = spawn(
    `${root}node_modules/.bin/tsx`,
    ['--conditions=@tym/source', `${root}bench/servers.ts`],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [systemPort, barePort] = await new Promise<[number, number]>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const m = /^READY (\d+) (\d+)$/.exec(line);
      if (m) resolve([Number(m[1]), Number(m[2])]);
    });
    child.on('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
  });
  const issuers = JSON.parse(readFileSync(`${root}.dev/auth-issuers.json`, 'utf8')) as Array<{
    issuer: string;
  }>;
  const sign = createSigner({
    key: readFileSync(`${root}.dev/dev-idp.private.pem`, 'utf8'),
    algorithm: 'ES256',
    kid: 'dev-1',
    iss: issuers[0]?.issuer,
    aud: 'tym-api',
    expiresIn: 3600_000,
  });
  const token = (org: string, roles: string[], sub?: string) =>
    sign({ sub: sub ?? `bench-${org}`, org, roles });

  interface Counts {
    system: number;
    bare: number;
    cpu: number;
    systemRequests: number;
    bareRequests: number;
  }
  const queryCounts = async (): Promise<Counts> =>
    (await (await fetch(`http://127.0.0.1:${barePort}/__bench/queries`)).json()) as Counts;
  /**
   * Waits until the servers are idle (no statement for 300 ms): when its time is up the load
   * generator abandons the requests in flight, which the server still finishes — without
   * this wait they would run into the next measurement (a slow write scenario's 64 requests
   * in flight are seconds of work).
   */
  const settle = async (): Promise<Counts> => {
    let last = await queryCounts();
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const now = await queryCounts();
      if (now.system === last.system && now.bare === last.bare) return now;
      last = now;
    }
    return last;
  };
  const fmt = (f: Figures) =>
    `${f.rps.toFixed(0).padStart(6)}/s p50 ${String(f.p50).padStart(4)} p99 ${String(f.p99).padStart(5)} ms`;
  const rows: string[] = [];
  try {
    for (const s of selected) {
      const req = s.request({ token });
      // Warm both up (JIT, pool, caches) before measuring: at least 500 requests each (a slow
      // write scenario makes a few dozen in 2 s, too few for the JIT), at most 10 s.
      for (const port of [systemPort, barePort]) {
        let made = 0;
        for (let i = 0; i < 5 && made < 500; i++)
          made += (await load(port, req, 2, connectionCounts[0] ?? 20)).total;
        await settle();
      }
      for (const connections of connectionCounts) {
        // Per request: divided by the requests the server handled between two idle points.
        let q0 = await settle();
        const sys = await load(systemPort, req, duration, connections);
        let q1 = await settle();
        const sysReqs = Math.max(1, q1.systemRequests - q0.systemRequests);
        const sysTrips = (q1.system - q0.system) / sysReqs;
        const sysCpu = (q1.cpu - q0.cpu) / 1000 / sysReqs;
        q0 = q1;
        const bare = await load(barePort, req, duration, connections);
        q1 = await settle();
        const bareReqs = Math.max(1, q1.bareRequests - q0.bareRequests);
        const bareTrips = (q1.bare - q0.bare) / bareReqs;
        const bareCpu = (q1.cpu - q0.cpu) / 1000 / bareReqs;
        const shape = s.ceiling ?? ceilings[s.name];
        const ceiling = shape ? await ceilingLoad(shape, duration, connections) : null;
        const bad = sys.non2xx + sys.errors + bare.non2xx + bare.errors + (ceiling?.errors ?? 0);
        rows.push(
          [
            `${s.name.padEnd(22)} ${String(connections).padStart(3)}`,
            fmt(sys),
            fmt(bare),
            ceiling ? fmt(ceiling) : '—'.padEnd(35),
            `${((sys.rps / bare.rps) * 100).toFixed(0).padStart(4)} %`,
            ceiling ? `${((sys.rps / ceiling.rps) * 100).toFixed(0).padStart(4)} %` : '     ',
            `${sysTrips.toFixed(1).padStart(5)} / ${bareTrips.toFixed(1).padStart(5)}`,
            `${sysCpu.toFixed(2).padStart(5)} / ${bareCpu.toFixed(2).padStart(5)}`,
            bad
              ? `(non-2xx/errors: system ${sys.non2xx + sys.errors}, bare ${bare.non2xx + bare.errors}${ceiling ? `, ceiling ${ceiling.errors}` : ''})`
              : '',
          ].join(' | '),
        );
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
  console.log(
    `\n${'scenario'.padEnd(22)} con | ${'system'.padEnd(35)} | ${'bare Fastify + pg, same SQL'.padEnd(35)} | ${'database ceiling (bare pg, same tx)'.padEnd(35)} | sys/bare | sys/ceil | PG round trips/req sys / bare | server CPU ms/req sys / bare`,
  );
  console.log(`${'-'.repeat(190)}`);
  for (const r of rows) console.log(r);
  console.log(
    `\n${duration} s per measurement; autocannon in a separate process from the servers; ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end.`,
  );
}

if (selected.length) await runHttpScenarios();
for (const b of selectedJobs) {
  console.log(`\n${b.name}: ${b.description}`);
  for (const line of await b.run({ databaseUrl: url, root, options: jobOptions })) console.log(`  ${line}`);
}
process.exit(0);
