import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@tym/source', 'module', 'node', 'development|production'] } },
  // The composed app (every service) on a fresh database: generous limits on a busy machine.
  test: { name: 'single-node', include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
