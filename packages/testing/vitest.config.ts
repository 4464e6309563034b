import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@tym/source', 'module', 'node', 'development|production'] } },
  test: { name: 'testing', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
