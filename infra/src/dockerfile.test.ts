import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from './kustomize.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOYABLES = ['resourcing', 'referrals', 'planning', 'notifications', 'worker'];

interface Stage {
  from: string;
  name: string | undefined;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages (FROM … AS name) and their instructions, continuation lines joined. */
function stagesOf(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ from: m?.[1] ?? '', name: m?.[2], instructions: [] });
    } else stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

/**
 * Docker does not run here, so the image is never built in a test: the Dockerfile is read
 * and checked against the repository (its stages, the user, the entry points the
 * Deployments run, the files the build context must keep).
 */
describe('Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = stagesOf(text);
  const stage = (name: string) => {
    const s = stages.find((x) => x.name === name);
    if (!s) throw new Error(`no stage ${name}`);
    return s;
  };
  const run = (s: Stage) =>
    s.instructions
      .filter((i) => i.op === 'RUN')
      .map((i) => i.args)
      .join('\n');

  it('is multi-stage: build, a pnpm deploy per service, runtime images that do not carry the build', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'deploy', 'migrate-deploy', 'migrate', 'runtime']);
    expect(run(stage('build'))).toMatch(/pnpm install --frozen-lockfile/);
    expect(run(stage('build'))).toMatch(/tsc -b/);
    expect(stage('deploy').from).toBe('build');
    expect(stage('deploy').instructions).toContainEqual({ op: 'ARG', args: 'SERVICE=resourcing' });
    expect(run(stage('deploy'))).toMatch(/pnpm --filter "@tym\/\$\{SERVICE\}" deploy --legacy --prod \/out/);
    // The final images start from the plain Node image and copy only the deployed package.
    for (const name of ['runtime', 'migrate']) {
      const s = stage(name);
      expect(s.from).toMatch(/^\$\{NODE_IMAGE\}$/);
      const copies = s.instructions.filter((i) => i.op === 'COPY');
      expect(copies.length).toBe(1);
      expect(copies[0]?.args).toMatch(/^--from=(deploy|migrate-deploy) /);
    }
    // The default target (the last stage) is the service image.
    expect(stages.at(-1)?.name).toBe('runtime');
  });

  it('runs as a non-root user, owning none of its files', () => {
    for (const name of ['runtime', 'migrate']) {
      const users = stage(name).instructions.filter((i) => i.op === 'USER');
      expect(users.map((u) => u.args)).toEqual(['node']);
      expect(stage(name).instructions.find((i) => i.op === 'COPY')?.args).toMatch(/--chown=root:root/);
    }
    // The Deployments run uid 1000: the node image's `node` user.
    const objects = build(join(ROOT, 'infra/kubernetes/overlays/production'));
    for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'Job')) {
      expect(o.spec.template.spec.securityContext.runAsUser, o.metadata.name).toBe(1000);
    }
  });

  it('every Deployment runs an entry point the image has: services/<name>/src/server.ts compiled to dist/server.js', () => {
    const runtime = stage('runtime');
    expect(runtime.instructions.find((i) => i.op === 'CMD')?.args).toBe('["node", "dist/server.js"]');
    const objects = build(join(ROOT, 'infra/kubernetes/base'));
    for (const name of DEPLOYABLES) {
      expect(existsSync(join(ROOT, 'services', name, 'src/server.ts')), name).toBe(true);
      const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
      expect(d?.spec.template.spec.containers[0].command).toEqual(['node', 'dist/server.js']);
      expect(d?.spec.template.spec.containers[0].image).toBe(`tym-${name}`);
      // tsc -b compiles src/ to dist/ (rootDir src, outDir dist).
      const tsconfig = JSON.parse(readFileSync(join(ROOT, 'services', name, 'tsconfig.json'), 'utf8'));
      expect(tsconfig.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    }
  });

  it('the migrate image runs infra/docker/migrate.mjs with the functions it imports', async () => {
    const migrate = stage('migrate');
    expect(migrate.instructions.find((i) => i.op === 'CMD')?.args).toBe('["node", "migrate.mjs"]');
    const script = readFileSync(join(ROOT, 'infra/docker/migrate.mjs'), 'utf8');
    expect(run(stage('migrate-deploy'))).toMatch(/cp infra\/docker\/migrate\.mjs \/out\/migrate\.mjs/);
    expect(run(stage('migrate-deploy'))).toMatch(/cp -r migrations \/out\/migrations/);
    // packages/db/dist/../../../migrations is /app/migrations in the image, as in the repository.
    expect(run(stage('migrate-deploy'))).toMatch(/deploy --legacy --prod \/out\/packages\/db/);
    const db = await import('@tym/db');
    const resourcing = await import('@tym/resourcing');
    for (const [from, names] of [...script.matchAll(/import \{([^}]+)\} from '\.\/([^']+)'/g)].map(
      (m) => [m[2] ?? '', (m[1] ?? '').split(',').map((s) => s.trim())] as const,
    )) {
      const module: Record<string, unknown> = from.startsWith('packages/db/') ? db : resourcing;
      for (const name of names) expect(typeof module[name], `${from} ${name}`).toBe('function');
    }
  });

  it('.dockerignore keeps what the build needs and leaves out dependencies, builds and local secrets', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const must of ['**/node_modules', '.dev', '.git', '**/dist', '.env'])
      expect(ignored).toContain(must);
    // Everything the install and `tsc -b` need (the root tsconfig's references: bench, scripts…).
    const references = (
      JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')).references as { path: string }[]
    ).map((r) => r.path.split('/')[0] ?? r.path);
    for (const kept of [
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      'migrations',
      'tsconfig.json',
      'tsconfig.base.json',
      ...new Set(references),
    ]) {
      expect(existsSync(join(ROOT, kept)), kept).toBe(true);
      expect(
        ignored.some((pattern) => pattern === kept || pattern === `/${kept}`),
        kept,
      ).toBe(false);
    }
  });
});
