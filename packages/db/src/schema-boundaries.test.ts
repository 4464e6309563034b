import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './schema/index.js';

/**
 * The data graph matches the package graph (architecture.md, "Data"): a service writes only
 * its own tables and reads another service's data only through that service's exported
 * query functions. This test reads every non-test source file under `services/*\/src` and
 * fails on SQL text naming another service's table (`referrals.cases`) or a drizzle table of
 * another service's schema imported from `@tym/db`. `platform` (events, deadlines,
 * idempotency keys) is shared. Test code (`*.test.ts`, `src/testing/`) builds fixtures and
 * is not scanned.
 *
 * Reports may read across schemas: every `*.report.ts`. Other exceptions are named below,
 * each with its reason; keep the list short.
 */
const ALLOWED: Record<string, string> = {
  'services/referrals/src/bench/bench-scenarios.ts':
    'the `pnpm bench` data set builds staff and areas for its scenarios; not part of the service',
};

const SERVICE_SCHEMAS = ['referrals', 'planning', 'resourcing', 'notifications'] as const;
type ServiceSchema = (typeof SERVICE_SCHEMAS)[number];

const root = fileURLToPath(new URL('../../../', import.meta.url));
const servicesDir = join(root, 'services');

/** Each service schema's tables, and the schema of each table export of @tym/db. */
function tablesBySchema() {
  const tables = new Map<ServiceSchema, string[]>();
  const exportSchema = new Map<string, string>();
  for (const [name, value] of Object.entries(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const pgSchema = config.schema ?? 'public';
    exportSchema.set(name, pgSchema);
    if ((SERVICE_SCHEMAS as readonly string[]).includes(pgSchema)) {
      const list = tables.get(pgSchema as ServiceSchema) ?? [];
      list.push(config.name);
      tables.set(pgSchema as ServiceSchema, list);
    }
  }
  return { tables, exportSchema };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'testing' || entry.name === 'node_modules') continue;
      out.push(...sourceFiles(path));
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      out.push(path);
    }
  }
  return out;
}

/** Names imported (value or type) from '@tym/db' by a file. */
function dbImports(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@tym\/db'/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

interface Violation {
  file: string;
  reference: string;
}

/** The text inside string and template literals: where SQL is written (comments are not SQL). */
function literals(text: string): string {
  return [...text.matchAll(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g)]
    .map((m) => m[0])
    .join('\n');
}

/** Another service's schema referenced by one file of `service` (its directory name). */
function violationsOf(service: string, file: string, text: string): Violation[] {
  const { tables, exportSchema } = tablesBySchema();
  const found: Violation[] = [];
  for (const [pgSchema, names] of tables) {
    if (pgSchema === service) continue;
    const pattern = new RegExp(`\\b${pgSchema}\\.(${names.join('|')})\\b`, 'g');
    for (const m of literals(text).matchAll(pattern)) found.push({ file, reference: m[0] });
  }
  for (const name of dbImports(text)) {
    const pgSchema = exportSchema.get(name);
    if (pgSchema && pgSchema !== service && pgSchema !== 'platform') {
      found.push({ file, reference: `${name} (${pgSchema}) from @tym/db` });
    }
  }
  return found;
}

describe('each service queries only its own pg schema (and platform)', () => {
  it('knows every service schema and its tables', () => {
    const { tables } = tablesBySchema();
    for (const s of SERVICE_SCHEMAS) expect(tables.get(s)?.length, s).toBeGreaterThan(0);
  });

  it('finds raw SQL and drizzle references to another schema (the detector itself)', () => {
    const refs = (service: string, text: string) =>
      violationsOf(service, 'x.ts', text).map((v) => v.reference);
    expect(refs('resourcing', 'db.execute(sql`SELECT 1 FROM referrals.cases c`)')).toEqual([
      'referrals.cases',
    ]);
    expect(refs('planning', "const q = 'INSERT INTO referrals.access_log (id) VALUES (1)';")).toEqual([
      'referrals.access_log',
    ]);
    expect(refs('notifications', "import { caseTeamMembers, events } from '@tym/db';")).toEqual([
      'caseTeamMembers (referrals) from @tym/db',
    ]);
    expect(refs('worker', "import { type staff } from '@tym/db';")).toEqual([
      'staff (resourcing) from @tym/db',
    ]);
    // Its own schema, the shared platform, code and comments that merely look alike pass.
    expect(
      refs(
        'referrals',
        "sql`FROM referrals.cases JOIN platform.events`; done.push('planning.moved');\nx = planning.plans; // resourcing.staff",
      ),
    ).toEqual([]);
  });

  it('no service source file outside the allow-list names another service’s schema', () => {
    const violations: Violation[] = [];
    for (const service of readdirSync(servicesDir)) {
      let files: string[];
      try {
        files = sourceFiles(join(servicesDir, service, 'src'));
      } catch {
        continue;
      }
      for (const path of files) {
        const file = relative(root, path);
        if (file.endsWith('.report.ts') || file in ALLOWED) continue;
        violations.push(...violationsOf(service, file, readFileSync(path, 'utf8')));
      }
    }
    expect(violations.map((v) => `${v.file}: ${v.reference}`)).toEqual([]);
  });
});

describe('the package graph: hosts depend on services, never the other way', () => {
  const packages = new Map<string, string[]>();
  for (const dir of ['packages', 'services']) {
    for (const name of readdirSync(join(root, dir))) {
      let manifest: { name: string; dependencies?: object; devDependencies?: object };
      try {
        manifest = JSON.parse(readFileSync(join(root, dir, name, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
      packages.set(
        manifest.name,
        deps.filter((d) => d.startsWith('@tym/')),
      );
    }
  }

  it('no service or package depends on a host (@tym/worker, @tym/single-node)', () => {
    const hosts = new Set(['@tym/worker', '@tym/single-node']);
    const wrong = [...packages]
      .filter(([name]) => name !== '@tym/single-node')
      .flatMap(([name, deps]) => deps.filter((d) => hosts.has(d)).map((d) => `${name} -> ${d}`));
    expect(wrong).toEqual([]);
  });

  it('has no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (name: string, path: string[]) => {
      state.set(name, 'open');
      for (const dep of packages.get(name) ?? []) {
        if (state.get(dep) === 'open') cycles.push([...path, dep].join(' -> '));
        else if (!state.has(dep)) visit(dep, [...path, dep]);
      }
      state.set(name, 'done');
    };
    for (const name of packages.keys()) if (!state.has(name)) visit(name, [name]);
    expect(cycles).toEqual([]);
  });
});
