import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../client.js';
import { adminUrl, dropDatabase, withAdmin } from './admin.js';
import { failOnConcurrentQueries } from './strict-queries.js';

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  failOnConcurrentQueries();
  const template = inject('databaseTemplate');
  const name = `tym_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`),
  );
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const handle = createDb({ url: url.toString(), max: 5, applicationName: 'tym-test' });
  return {
    ...handle,
    url: url.toString(),
    name,
    destroy: async () => {
      await handle.close();
      await withAdmin((client) => dropDatabase(client, name));
    },
  };
}
