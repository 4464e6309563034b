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
  /** Longest a `close()` waits for checked-out clients to come back (default 5 s). */
  closeTimeoutMs?: number;
  /**
   * Told of every lost connection (PostgreSQL restarted, network cut): a normal event that
   * must never reach the process-wide error handler. Log it; never rethrow.
   */
  onConnectionError?: (err: Error) => void;
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
  const onError = options.onConnectionError ?? (() => {});
  // A client that loses its server (PostgreSQL restarted, network cut) emits 'error' on
  // itself, idle or checked out (a transaction, a LISTEN), with or without a query running.
  // Without a listener that would reach the process-wide handler and shut the process down.
  // The query in flight fails on its own (the request answers 503, the job is retried); the
  // pool discards the client when it is released, and opens a new one when next asked.
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
  // An idle client's error is also re-emitted on the pool: already reported above.
  pool.on('error', () => {});
  const db = drizzle({ client: pool }) as unknown as Database;
  return {
    db,
    pool,
    // pool.end() waits for every checked-out client to come back; one whose connection was
    // cut in the middle of a query (PostgreSQL restarted) may never be released, and a
    // shutdown must not wait for it forever: at most `closeTimeoutMs`, then the process exits
    // and the operating system closes what is left.
    close: () => endWithin(pool, options.closeTimeoutMs ?? 5_000),
  };
}

async function endWithin(pool: pg.Pool, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    pool.end().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

/** Cheap readiness probe for /health/ready. */
export async function pingDatabase(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}

/**
 * Runs one plain SQL statement as a named prepared statement on the connection `db` runs on
 * (a transaction's client, or the pool): PostgreSQL parses and plans it once per connection,
 * and no query builder runs per call. For hot statements where drizzle's building was
 * measured (issue 14, bench/README.md). A `name` always goes with the same `text`. Rows come
 * with node-postgres' own types: timestamptz as `Date`, DATE as `YYYY-MM-DD` (above),
 * json/jsonb parsed, int8 as a string; column names as the statement spells them.
 */
export async function queryPrepared<R extends Record<string, unknown>>(
  db: Queryable,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const client = (db as unknown as { session?: { client?: pg.ClientBase | pg.Pool } }).session?.client;
  if (!client) throw new Error('queryPrepared: not a node-postgres database or transaction');
  const result = await client.query<R>({ name, text, values });
  return result.rows;
}
