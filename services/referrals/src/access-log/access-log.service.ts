import type { Queryable } from '@tym/db';
import { AppError, decodeCursor, encodeCursor, invalidField } from '@tym/platform';
import type { Caller } from '../caller.js';
import { ClientErrors } from '../clients/clients.errors.js';
import { findClientAccessFacts, findClientRow } from '../clients/clients.repository.js';
import type { ReferralsDeps } from '../deps.js';
import { canReadAccessLog } from '../policy/policy.js';
import {
  type AccessLogRow,
  findAccessLogPage,
  insertAccessLogRows,
  type NewAccessLogRow,
} from './access-log.repository.js';

/** What was done to which client data. Resource ids only, never names or identity codes. */
export interface AccessEntry {
  action: string;
  resourceType: 'client' | 'referral' | 'case';
  resourceId: string | null;
  clientId: string | null;
}

/**
 * Writes one access-log row per entry (906/2019 §17): who, from which organisation and with
 * which roles, what, why, when and in which request. Call it inside the transaction that
 * reads or writes the data, so a write is logged exactly when it commits and a read whose
 * log cannot be written fails instead of disclosing unlogged.
 */
export async function logAccess(
  db: Queryable,
  caller: Caller,
  now: Date,
  entries: AccessEntry[],
): Promise<void> {
  await insertAccessLogRows(db, accessLogRows(caller, now, entries));
}

/** The rows `logAccess` writes, for a caller that writes them in one statement with others. */
export function accessLogRows(caller: Caller, now: Date, entries: AccessEntry[]): NewAccessLogRow[] {
  return entries.map((e) => ({
    occurredAt: now,
    requestId: caller.audit.requestId,
    actorSub: caller.sub,
    actorOrganisation: caller.org,
    actorRoles: [...caller.roles].sort(),
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    clientId: e.clientId,
    purpose: caller.audit.purpose,
  }));
}

export interface AccessLogPage {
  items: AccessLogRow[];
  nextCursor: string | null;
}

type Cursor = { b: number };
const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as Cursor).b) && (v as Cursor).b > 0;

/**
 * The access log of one client for an auditor: the answer to a data-subject request
 * (381/2023 §13). Every organisation's rows are shown — who read or changed the person's
 * data is what they ask. Reading it is itself logged.
 */
export async function readClientAccessLog(
  deps: ReferralsDeps,
  caller: Caller,
  clientId: string,
  query: { limit?: number; cursor?: string },
): Promise<AccessLogPage> {
  const after = decodeCursor(query.cursor, isCursor);
  if (query.cursor && !after) {
    throw invalidField('VALIDATION_FAILED', 'query.cursor', 'is not a cursor this API issued', 'cursor');
  }
  const limit = query.limit ?? 50;
  return deps.db.transaction(async (tx) => {
    const client = await findClientRow(tx, clientId);
    const facts = client ? await findClientAccessFacts(tx, clientId, caller) : null;
    if (!client || !facts || !canReadAccessLog(caller, facts)) {
      throw new AppError(ClientErrors.CLIENT_NOT_FOUND, { detail: `No client ${clientId}.` });
    }
    const rows = await findAccessLogPage(tx, clientId, {
      limit: limit + 1,
      ...(after ? { beforeId: after.b } : {}),
    });
    await logAccess(tx, caller, deps.clock.now(), [
      { action: 'client.access_log.read', resourceType: 'client', resourceId: clientId, clientId },
    ]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ b: last.id }) : null };
  });
}
