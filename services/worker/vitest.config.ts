import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@tym/source', 'module', 'node', 'development|production'] } },
  // Set-up seeds reference data and some tests start real processes (worker, redis-server,
  // a PostgreSQL cluster): generous time limits on a busy 2-core machine.
  test: { name: 'worker', include: ['src/**/*.test.ts'], hookTimeout: 60_000, testTimeout: 60_000 },
});
