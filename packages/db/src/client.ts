import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';

type NoRelations = ExtractTablesWithRelations<Record<string, never>>;
export type Database = PgDatabase<NodePgQueryResultHKT, Record<string, never>, NoRelations>;
export type Transaction = PgTransaction<NodePgQueryResultHKT, Record<string, never>, NoRelations>;
/** Query functions take the database or a transaction first: `(db: Queryable, scope, …)`. */
export type Queryable = Database | Transaction;

export interface DbHandle {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DbOptions {
  url: string;
  /** Pool size; one pool per process. */
  max?: number;
  applicationName?: string;
  statementTimeoutMs?: number;
}

// DATE columns stay `YYYY-MM-DD` strings: a statutory date is a local date, never an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// NUMERIC (FTE, money) is read as a string by pg; callers parse where they do arithmetic.

export function createDb(options: DbOptions): DbHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'tym',
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client that loses its server (PostgreSQL restart) emits 'error' on the pool;
  // without a listener that would crash the process. The pool replaces the client.
  pool.on('error', () => {});
  const db = drizzle({ client: pool }) as unknown as Database;
  return {
    db,
    pool,
    close: () => pool.end(),
  };
}

/** Cheap readiness probe for /health/ready. */
export async function pingDatabase(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}
