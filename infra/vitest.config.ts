import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@tym/source', 'module', 'node', 'development|production'] } },
  // Static checks of the deployment: no database, no processes.
  // Importing the services' modules (config schemas) takes seconds on a busy 2-core machine.
  test: { name: 'infra', include: ['src/**/*.test.ts'], testTimeout: 60_000 },
});
