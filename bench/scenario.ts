import type { Database } from '@tym/db';
import type { FastifyInstance } from 'fastify';

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A body per request (n = 0, 1, 2… across the whole run), for creating distinct records. */
  bodyFor?: (n: number) => string;
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
  /** Registers the bare handler on a plain Fastify instance. */
  bare(app: FastifyInstance, db: Database): void;
}
