// `pnpm bench [scenario…] [--duration <s>] [--connections <n>]`
// Runs each scenario against the running system and, in the same run, against a bare
// Fastify + pg handler issuing the same SQL; prints requests/s, p50, p99 and the ratio.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, ensureDatabase, runMigrations } from '@tym/db';
import { seedReferenceData } from '@tym/resourcing';
import autocannon from 'autocannon';
import { createSigner } from 'fast-jwt';
import { jobBenchmarks } from './jobs/index.js';
import type { BenchRequest } from './scenario.js';
import { scenarios } from './scenarios/index.js';

const { values, positionals, tokens } = parseArgs({
  allowPositionals: true,
  strict: false,
  tokens: true,
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
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
const connections = Number(values.connections);
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
}

let requestCounter = 0;

async function load(port: number, req: BenchRequest, seconds: number): Promise<Figures> {
  const { bodyFor } = req;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${req.path}`,
    method: req.method,
    headers: { 'content-type': 'application/json', ...(req.headers ?? {}) },
    ...(req.body ? { body: req.body } : {}),
    ...(bodyFor
      ? {
          requests: [
            { setupRequest: (r: autocannon.Request) => ({ ...r, body: bodyFor(requestCounter++) }) },
          ],
        }
      : {}),
    connections,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

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

  const rows: string[] = [];
  try {
    for (const s of selected) {
      const req = s.request({ token });
      // Warm both up (JIT, pool, caches) before measuring.
      await load(systemPort, req, 2);
      await load(barePort, req, 2);
      const sys = await load(systemPort, req, duration);
      const bare = await load(barePort, req, duration);
      const ratio = sys.rps / bare.rps;
      rows.push(
        [
          s.name.padEnd(28),
          `${sys.rps.toFixed(0).padStart(7)} req/s  p50 ${String(sys.p50).padStart(3)} ms  p99 ${String(sys.p99).padStart(4)} ms`,
          `${bare.rps.toFixed(0).padStart(7)} req/s  p50 ${String(bare.p50).padStart(3)} ms  p99 ${String(bare.p99).padStart(4)} ms`,
          `${(ratio * 100).toFixed(0).padStart(4)} %`,
          sys.non2xx + sys.errors + bare.non2xx + bare.errors
            ? `  (non-2xx/errors: ${sys.non2xx + sys.errors} / ${bare.non2xx + bare.errors})`
            : '',
        ].join('  |  '),
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
  console.log(
    `\n${'scenario'.padEnd(28)}  |  ${'system'.padEnd(38)}  |  ${'bare Fastify + pg, same SQL'.padEnd(38)}  |  system/bare`,
  );
  console.log(`${'-'.repeat(140)}`);
  for (const r of rows) console.log(r);
  console.log(
    `\n${connections} connections, ${duration} s per measurement, 2 cores; autocannon in a separate process from the servers.`,
  );
}

if (selected.length) await runHttpScenarios();
for (const b of selectedJobs) {
  console.log(`\n${b.name}: ${b.description}`);
  for (const line of await b.run({ databaseUrl: url, root, options: jobOptions })) console.log(`  ${line}`);
}
process.exit(0);
