import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendantsOf, processGone, testChildEnv } from '@tym/db/testing';
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

export type TestProcess = ChildProcess & { output: string[]; pid: number };

/**
 * A TypeScript entry point as its own process: node itself with the tsx loader (no launcher
 * in between, so `pid` is the real process), in a process group of its own (`-pid`) with its
 * esbuild helper. It carries the run's marker (testChildEnv) for the no-leftovers check.
 */
export function spawnTs(entry: string, env: Record<string, string>): TestProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@tym/source', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...inheritedEnv(), ...testChildEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  }) as TestProcess;
  if (child.pid === undefined) throw new Error(`${entry} did not start`);
  child.output = [];
  child.stdout?.on('data', (d: Buffer) => child.output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => child.output.push(d.toString()));
  return child;
}

/** The worker as its own process (TypeScript sources through tsx, as production runs it). */
export function spawnWorker(env: Record<string, string>): TestProcess {
  return spawnTs('services/worker/src/server.ts', {
    LOG_LEVEL: 'warn',
    WORKER_HEALTH_PORT: '0',
    ...env,
  });
}

/** The single-node process (`pnpm start`): every service on one port and the worker. */
export function spawnSingleNode(env: Record<string, string>): TestProcess {
  return spawnTs('services/single-node/src/main.ts', { LOG_LEVEL: 'warn', ...env });
}

/**
 * SIGKILL to the process and everything it started (its process group), then waits until
 * each of them is really gone. Returns the pids that were killed.
 */
export async function killHard(child: TestProcess): Promise<number[]> {
  const pids = [child.pid, ...descendantsOf(child.pid)];
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
  await exited(child);
  await waitUntil(async () => pids.every(processGone), 10_000, `processes ${pids.join(', ')} gone`);
  return pids;
}

/** Ends a test's process whatever its state: SIGKILL to its group unless it already exited. */
export async function cleanUp(child: TestProcess | undefined): Promise<void> {
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) await killHard(child);
  else {
    // The process exited; its group may still hold a helper (esbuild).
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // none left
    }
  }
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
    { stdio: 'ignore', env: { ...inheritedEnv(), ...testChildEnv() } },
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
  const env = { ...inheritedEnv(), ...testChildEnv() };
  const r = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { env })
    : spawnSync(cmd, args, { env });
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
    /** Stops the server (fast shutdown: sessions are terminated); `start` brings it back. */
    pause() {
      asPostgres(pgBin('pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']);
    },
    start,
    stop() {
      try {
        asPostgres(pgBin('pg_ctl'), ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
