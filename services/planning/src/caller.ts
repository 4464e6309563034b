import type { Queryable } from '@tym/db';
import { principalOf, type Role } from '@tym/platform';
import { logAccess } from '@tym/referrals';
import type { FastifyRequest } from 'fastify';
import { findCallerFacts } from './directory.js';
import type { CallerFacts } from './policy.js';

/** The caller as the services see them: the policy facts plus the audit context. */
export interface Caller extends CallerFacts {
  roles: Role[];
  audit: { requestId: string; purpose: string };
}

export const ACCESS_PURPOSE_HEADER = 'x-access-purpose';

/**
 * Builds the caller from the verified token and the directory: their active staff record
 * (the personal access right, 381/2023 §12(4)) and the cooperation areas they work in.
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

/**
 * Writes the access-log rows of a planning read or write (906/2019 §17) through the
 * referrals service's writer, inside the caller's transaction. The plan and the meetings
 * are data of the client relationship, so the resource is the case; `action` says what
 * (`plan.read`, `meeting.schedule`, …) and `resourceId` is the case id.
 */
export async function logPlanningAccess(
  tx: Queryable,
  caller: Caller,
  now: Date,
  entries: Array<{ action: string; caseId: string; clientId: string }>,
): Promise<void> {
  if (!entries.length) return;
  await logAccess(
    tx,
    caller,
    now,
    entries.map((e) => ({
      action: e.action,
      resourceType: 'case',
      resourceId: e.caseId,
      clientId: e.clientId,
    })),
  );
}
