import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inheritedEnv } from '@tym/platform/testing';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition') {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}

/** The worker as its own process (tsx, TypeScript sources), as production runs it. */
export function spawnWorker(env: Record<string, string>): ChildProcess & { output: string[] } {
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['--conditions=@tym/source', join(ROOT, 'services/worker/src/server.ts')],
    {
      env: { ...inheritedEnv(), LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on('data', (d: Buffer) => child.output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => child.output.push(d.toString()));
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A private redis-server on its own port: the shared one on 6379 is never stopped. */
export async function startPrivateRedis(port?: number) {
  const p = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await waitUntil(
    async () =>
      spawnSync('redis-cli', ['-p', String(p), 'ping'])
        .stdout.toString()
        .includes('PONG'),
    10_000,
    'redis up',
  );
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async stop() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

function pgBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  return `/usr/lib/postgresql/${versions[0]}/bin/${name}`;
}

/** Runs as the `postgres` user when we are root (initdb refuses root). */
function asPostgres(cmd: string, args: string[]) {
  const root = process.getuid?.() === 0;
  const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args]) : spawnSync(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.toString()}`);
  return r;
}

/** A throw-away PostgreSQL cluster (initdb + pg_ctl) on a random port in a temp dir. */
export async function startPrivatePostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'tym-pg-'));
  spawnSync('chmod', ['777', dir]);
  const port = await freePort();
  const data = join(dir, 'data');
  asPostgres(pgBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = () =>
    asPostgres(pgBin('pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c fsync=off -c listen_addresses=127.0.0.1`,
      'start',
    ]);
  start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart() {
      asPostgres(pgBin('pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']);
      start();
    },
    stop() {
      try {
        asPostgres(pgBin('pg_ctl'), ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
