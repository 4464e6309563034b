import type { Database } from '@tym/db';
import type { FastifyInstance } from 'fastify';

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A body per request (n = 0, 1, 2… across the whole run), for creating distinct records. */
  bodyFor?: (n: number) => string;
  /** A path per request (n as for `bodyFor`), e.g. a different case each time. */
  pathFor?: (n: number) => string;
  /**
   * A mixed workload: the run's requests go through this sequence in turn (the k-th request
   * of the run, whichever connection makes it, is `sequence[k % length]`); when given,
   * `method`/`path`/`body` above are only the first request's description.
   */
  sequence?: BenchRequest[];
}

/** Issues one statement on the ceiling's own connection. */
export type CeilingQuery = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * The database ceiling of a write scenario: the same transaction shape (the statements the
 * system's request issues, in the same order, with the same locks and rows) issued by a
 * bare pg client at the same concurrency — what PostgreSQL allows, with no HTTP, no
 * Fastify, no drizzle, no service code around it.
 */
export interface Ceiling {
  /** Reads what the statements need (ids of reference rows), once before the run. */
  prepare?(query: CeilingQuery): Promise<unknown>;
  /** One transaction's statements (BEGIN/COMMIT are issued around them); `n` is unique per run. */
  transaction(query: CeilingQuery, n: number, prepared: unknown): Promise<void>;
}

/**
 * A named benchmark: the same request against the running system and against a bare
 * Fastify + pg handler that issues the same SQL (the same repository call) with no
 * platform around it, so the ratio is the price of auth, validation, logging, rate
 * limiting and serialisation.
 */
export interface Scenario {
  name: string;
  description: string;
  /** Loads what the scenario reads (idempotent: skips work already done). */
  setup?(db: Database): Promise<void>;
  /** The request; `token` is a caseworker's bearer token unless `roles` says otherwise. */
  request(ctx: { token: (org: string, roles: string[], sub?: string) => string }): BenchRequest;
  /** Registers the bare handler on a plain Fastify instance (nothing for a mixed scenario). */
  bare(app: FastifyInstance, db: Database): void;
  /** Write scenarios: the database ceiling of the same transaction shape. */
  ceiling?: Ceiling;
}
