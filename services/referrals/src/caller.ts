import type { Queryable } from '@tym/db';
import { principalOf, type Role } from '@tym/platform';
import type { FastifyRequest } from 'fastify';
import { findCallerFacts } from './directory.js';
import type { CallerFacts } from './policy/policy.js';

/** Why and in which request client data is touched: goes to every access-log row. */
export interface AuditContext {
  requestId: string;
  purpose: string;
}

/** The caller as the services see them: the policy facts plus the audit context. */
export interface Caller extends CallerFacts {
  roles: Role[];
  audit: AuditContext;
}

export const ACCESS_PURPOSE_HEADER = 'x-access-purpose';

/**
 * Builds the caller from the verified token and the directory: their active staff record
 * (the personal access right, 381/2023 §12(4)) and the cooperation areas they are
 * allocated to. `defaultPurpose` is the route's purpose when the client sends no
 * `X-Access-Purpose` header (the route schema limits it to 200 characters).
 */
export async function loadCaller(
  db: Queryable,
  request: FastifyRequest,
  defaultPurpose: string,
): Promise<Caller> {
  const principal = principalOf(request);
  const header = request.headers[ACCESS_PURPOSE_HEADER];
  const given = (Array.isArray(header) ? header[0] : header)?.trim();
  // One round trip: the active staff record and its allocations together.
  const { staffId, areaIds } = await findCallerFacts(db, principal.org, principal.sub);
  return {
    org: principal.org,
    sub: principal.sub,
    roles: principal.roles,
    staffId,
    areaIds,
    audit: { requestId: String(request.id), purpose: given ? given : defaultPurpose },
  };
}
