import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript source under the `@tym/source` condition.
// Vitest resolves it only through ssr.resolve.conditions (toolchain.md), so each project
// re-adds the defaults after it.
export const sourceConditions = ['@tym/source', 'module', 'node', 'development|production'];

export default defineConfig({
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    projects: ['packages/*', 'services/*', 'infra'],
    // The test files mostly wait on PostgreSQL, Redis and child processes, not on the CPU:
    // twice the cores' worth of files at once took the run on 2 cores from 500 s to 289 s
    // (the default is one file per core). Override with --maxWorkers.
    maxWorkers: Math.max(2, availableParallelism() * 2),
    globalSetup: [
      './packages/db/src/testing/global-setup.ts',
      // Fails the run if a process a test started (worker, redis-server, PostgreSQL) outlived it.
      './packages/db/src/testing/no-leftover-processes.ts',
    ],
  },
});
