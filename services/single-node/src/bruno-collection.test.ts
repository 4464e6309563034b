import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Issue 15, tested as a person would use it: the system runs as its own process (the
 * single-node entry point, on a free port, against a fresh database with reference data),
 * and Bruno's own CLI (`bru run`) runs the committed collection `collections/tym/` against it
 * — its collection-level script getting development tokens from `POST /dev/token`. Every
 * request must pass its assertions and tests. Both processes carry the run's marker, so the
 * global teardown fails on any that outlives the test.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COLLECTION = join(ROOT, 'collections/tym');
const BRU = fileURLToPath(new URL('../node_modules/@usebruno/cli/bin/bru.js', import.meta.url));

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

function start(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...inheritedEnv(), ...testChildEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so that it and its helpers can be stopped together.
    detached: true,
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on('data', (d: Buffer) => child.output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => child.output.push(d.toString()));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** SIGTERM (graceful shutdown), then SIGKILL to the group if it lingers; waits until all are gone. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const pids = [child.pid, ...descendantsOf(child.pid)];
  child.kill('SIGTERM');
  const done = await Promise.race([exited(child), new Promise((r) => setTimeout(() => r('late'), 15_000))]);
  if (done === 'late') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (let i = 0; i < 100 && !pids.every(processGone); i++) await new Promise((r) => setTimeout(r, 50));
}

/** The request files of the collection (every .bru but the collection, folder and environment files). */
function requestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'environments' ? [] : requestFiles(join(dir, e.name));
    return e.name.endsWith('.bru') && e.name !== 'collection.bru' && e.name !== 'folder.bru'
      ? [join(dir, e.name)]
      : [];
  });
}

describe('the Bruno collection (collections/tym) against the running system', () => {
  let database: TestDatabase;
  let dir: string;
  let node: (ChildProcess & { output: string[] }) | undefined;
  let bru: (ChildProcess & { output: string[] }) | undefined;
  let base = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedReferenceData(database.db);
    dir = mkdtempSync(join(tmpdir(), 'tym-bruno-'));
    // The development identity provider of this run: trusted for every organisation, its key
    // handed to the token endpoint.
    const idp = createTestIssuer('bruno-dev', ['*']);
    writeFileSync(join(dir, 'dev-idp.pem'), idp.privateKeyPem);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    node = start(
      ['--import', 'tsx', '--conditions=@tym/source', join(ROOT, 'services/single-node/src/main.ts')],
      {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: uniquePrefix('bruno'),
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_BASE_URL: base,
        AUTH_ISSUERS: JSON.stringify([idp.issuer]),
        DEV_IDP_PRIVATE_KEY_FILE: join(dir, 'dev-idp.pem'),
        PII_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        PII_CURRENT_KEY_ID: 'k1',
        PII_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
        RATE_LIMIT_MAX: '100000',
        LOG_LEVEL: 'warn',
        LOG_PRETTY: 'false',
      },
      ROOT,
    );
    const until = Date.now() + 90_000;
    for (;;) {
      if (node.exitCode !== null) throw new Error(`the system stopped: ${node.output.join('')}`);
      const ready = await fetch(`${base}/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > until) throw new Error(`the system did not get ready: ${node.output.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    await stop(bru);
    await stop(node);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await database?.destroy();
  }, 60_000);

  it('runs a caseworker’s day and the administrators’ tasks with every request passing', async () => {
    const report = join(dir, 'bru-report.json');
    bru = start(
      [BRU, 'run', '-r', '--env', 'local', '--env-var', `baseUrl=${base}`, '--reporter-json', report],
      {},
      COLLECTION,
    );
    const code = await exited(bru);
    const output = bru.output.join('');
    const results = JSON.parse(readFileSync(report, 'utf8')) as Array<{
      summary: Record<string, number>;
      results: Array<{ test: { filename: string }; error?: string | null }>;
    }>;
    const summary = results[0]?.summary ?? {};
    const failed = (results[0]?.results ?? []).filter((r) => r.error).map((r) => r.test.filename);
    expect(failed, output).toEqual([]);
    expect(summary, output).toMatchObject({
      totalRequests: requestFiles(COLLECTION).length,
      failedRequests: 0,
      errorRequests: 0,
      skippedRequests: 0,
      failedAssertions: 0,
      failedTests: 0,
    });
    expect(summary.passedAssertions).toBeGreaterThan(60);
    expect(code, output).toBe(0);
  }, 300_000);
});
