import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript source under the `@tym/source` condition.
// Vitest resolves it only through ssr.resolve.conditions (toolchain.md), so each project
// re-adds the defaults after it.
export const sourceConditions = ['@tym/source', 'module', 'node', 'development|production'];

export default defineConfig({
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    projects: ['packages/*', 'services/*', 'infra'],
    globalSetup: [
      './packages/db/src/testing/global-setup.ts',
      // Fails the run if a process a test started (worker, redis-server, PostgreSQL) outlived it.
      './packages/db/src/testing/no-leftover-processes.ts',
    ],
  },
});
