import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@tym/source', 'module', 'node', 'development|production'] } },
  // Static checks of the deployment: no database, no processes.
  test: { name: 'infra', include: ['src/**/*.test.ts'] },
});
