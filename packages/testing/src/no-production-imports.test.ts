import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The kit is a devDependency only: production code never imports it. Production code is every
 * TypeScript file of the packages, services, scripts and benchmarks except tests (`*.test.ts`)
 * and test helpers (a `testing/` folder); no package lists the kit in its `dependencies`.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));

const IMPORTS_KIT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]@tym\/testing(?:\/[^'"]*)?['"]/;

function importsKit(source: string): boolean {
  return IMPORTS_KIT.test(source);
}

function isProduction(path: string): boolean {
  const parts = path.split('/');
  return (
    path.endsWith('.ts') &&
    !path.endsWith('.test.ts') &&
    !path.endsWith('.d.ts') &&
    !parts.includes('testing') &&
    !parts.includes('node_modules') &&
    !parts.includes('dist')
  );
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const workspaces = ['packages', 'services'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => join(root, group, name))
    .filter((dir) => statSync(join(dir, 'package.json'), { throwIfNoEntry: false })?.isFile()),
);

describe('@tym/testing stays out of production code', () => {
  it('recognises an import of the kit', () => {
    expect(importsKit("import { makeHetu } from '@tym/testing';")).toBe(true);
    expect(importsKit('const kit = await import("@tym/testing");')).toBe(true);
    expect(importsKit("import '@tym/testing';")).toBe(true);
    expect(importsKit("import { makeHetu } from '@tym/testing-other';")).toBe(false);
    expect(importsKit("import { hetuCheckCharacter } from '@tym/domain';")).toBe(false);
  });

  it('is imported by no source file outside tests and testing/ folders', () => {
    const files = [
      ...workspaces
        .filter((dir) => !dir.endsWith(join('packages', 'testing')))
        .map((dir) => join(dir, 'src')),
      join(root, 'scripts'),
      join(root, 'bench'),
    ]
      .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      .flatMap((dir) => walk(dir))
      .filter((path) => isProduction(relative(root, path)));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((path) => importsKit(readFileSync(path, 'utf8')));
    expect(offenders.map((path) => relative(root, path))).toEqual([]);
  });

  it('is a devDependency only', () => {
    const manifests = [join(root, 'package.json'), ...workspaces.map((dir) => join(dir, 'package.json'))];
    const wrong = manifests.filter((path) => {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, string>>;
      return ['dependencies', 'peerDependencies', 'optionalDependencies'].some(
        (field) => manifest[field]?.['@tym/testing'] !== undefined,
      );
    });
    expect(wrong.map((path) => relative(root, path))).toEqual([]);
  });
});
