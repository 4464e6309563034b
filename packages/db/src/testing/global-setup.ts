import type { TestProject } from 'vitest/node';
import { runMigrations } from '../migrate.js';
import { adminUrl, dropDatabase, withAdmin } from './admin.js';

/**
 * Vitest global setup: migrates a template database once per run; each test file clones
 * it (`CREATE DATABASE … TEMPLATE`), which takes milliseconds instead of a migration.
 * The name is unique per run so concurrent runs on one machine never drop each other's.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `tym_tpl_${process.pid}_${Date.now().toString(36)}`;
  await withAdmin(async (client) => {
    // Leftovers of runs that were killed: databases of this pattern older than a day.
    const stale = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database
        WHERE (datname LIKE 'tym_tpl_%' OR datname LIKE 'tym_t_%')
          AND (pg_stat_file('base/' || oid || '/PG_VERSION', true)).modification < now() - interval '1 day'`,
    );
    for (const row of stale.rows) await dropDatabase(client, row.datname);
    await client.query(`CREATE DATABASE ${template}`);
  });
  const url = new URL(adminUrl());
  url.pathname = `/${template}`;
  await runMigrations(url.toString());
  project.provide('databaseTemplate', template);
  return async () => {
    await withAdmin((client) => dropDatabase(client, template));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}
