import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { inheritedProcessEnv, loadSplitConfig } from './config.js';
import { SPLIT_SERVICES, WORKER_ENTRY } from './entries.js';
import { startSplitRouter } from './router.js';

/**
 * `pnpm start --split`: every service and the worker as separate processes (their own
 * `server.ts`, as production runs them one per container) behind the small path router on
 * PORT. SIGTERM or SIGINT stops the router, then each process gracefully, and waits for
 * them; if one of them dies, the others are stopped and the launcher exits 1.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

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

interface Child {
  name: string;
  process: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

function start(name: string, entry: string, port: number, env: Record<string, string>): Child {
  // node itself with the tsx loader, so the pid is the service's own process; in a process
  // group of its own, so a Ctrl-C reaches the launcher only, which stops each child once.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@tym/source', entry], {
    cwd: ROOT,
    env: { ...inheritedProcessEnv(), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, process: child, port, exited };
}

async function waitLive(child: Child, url: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let gone = false;
  void child.exited.then(() => {
    gone = true;
  });
  while (Date.now() < until) {
    if (gone) throw new Error(`${child.name} exited during start-up`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
}

async function main() {
  const config = loadSplitConfig();
  const base = config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.PORT}`;
  const children: Child[] = [];
  let stopping = false;
  let router: Awaited<ReturnType<typeof startSplitRouter>> | undefined;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await router?.close();
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    }, config.SHUTDOWN_GRACE_MS + 35_000);
    await Promise.all(children.map((c) => c.exited));
    clearTimeout(killer);
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));

  const common = { HOST: '127.0.0.1', PUBLIC_BASE_URL: base, TRUST_PROXY: '127.0.0.1' };
  try {
    for (const [name, entry] of Object.entries(SPLIT_SERVICES)) {
      const port = await freePort();
      children.push(start(name, entry, port, { ...common, PORT: String(port) }));
    }
    const workerPort = await freePort();
    const worker = start('worker', WORKER_ENTRY, workerPort, {
      ...common,
      WORKER_HEALTH_HOST: '127.0.0.1',
      WORKER_HEALTH_PORT: String(workerPort),
    });
    children.push(worker);
    for (const c of children) {
      void c.exited.then((code) => {
        if (stopping) return;
        process.stderr.write(`TYM split: ${c.name} exited (${code}); stopping the others\n`);
        void stop(1);
      });
    }
    for (const c of children) await waitLive(c, `http://127.0.0.1:${c.port}/health/live`);
    const services = Object.fromEntries(
      children.filter((c) => c !== worker).map((c) => [c.name, `http://127.0.0.1:${c.port}`]),
    );
    router = await startSplitRouter({
      host: config.HOST,
      port: config.PORT,
      services,
      fallback: 'resourcing',
      readiness: { worker: `http://127.0.0.1:${workerPort}/health/ready` },
    });
  } catch (err) {
    process.stderr.write(`TYM split failed to start: ${(err as Error).message}\n`);
    await stop(1);
    return;
  }
  const pad = (s: string) => s.padEnd(20);
  process.stdout.write(
    [
      '',
      `  TYM (split) is running at ${base}   (path router, pid ${process.pid})`,
      `  API docs            ${base}/docs   (OpenAPI JSON of every service, merged: ${base}/docs/json)`,
      `  Health              ${base}/health/ready   (every service and the worker)`,
      ...children.map(
        (c) =>
          `  ${pad(c.name)}http://127.0.0.1:${c.port}${c.name === 'worker' ? '/health/ready' : ''}   (pid ${c.process.pid})`,
      ),
      '  Get a token         pnpm -s token --org helsinki --role caseworker',
      '',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`TYM split failed: ${(err as Error).message}\n`);
  process.exit(1);
});
