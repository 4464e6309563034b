import pg from 'pg';
import { testDatabaseAdminUrl } from './config.js';

/** The maintenance connection tests use to create and drop their databases. */
export function adminUrl(): string {
  return testDatabaseAdminUrl();
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
}
