import { clientMessages, type Queryable } from '@tym/db';
import { findPlanningClientData } from '@tym/planning';
import { AppError } from '@tym/platform';
import { type Caller, clientAccessFor, findClientDataSections, logAccess } from '@tym/referrals';
import { asc, eq } from 'drizzle-orm';
import type { NotificationsDeps } from '../deps.js';
import { DataSubjectErrors } from './data-subject.errors.js';

type Json = Record<string, unknown>;

export interface DataSubjectExport {
  clientId: string;
  generatedAt: string;
  generatedBy: { organisationCode: string; subject: string };
  client: Json;
  referrals: Json[];
  cases: Json[];
  meetings: Json[];
  plans: Json[];
  clientMessages: Json[];
  accessLog: Json[];
}

const notFound = (id: string) =>
  new AppError(DataSubjectErrors.DATA_SUBJECT_CLIENT_NOT_FOUND, {
    detail: `No client ${id} you have full access to.`,
  });

async function findClientMessagesOf(db: Queryable, clientId: string): Promise<Json[]> {
  const rows = await db
    .select()
    .from(clientMessages)
    .where(eq(clientMessages.clientId, clientId))
    .orderBy(asc(clientMessages.createdAt), asc(clientMessages.id));
  return rows.map((r) => JSON.parse(JSON.stringify(r)) as Json);
}

/**
 * One client's data as one document for a data-subject access request (GDPR art. 15;
 * 381/2023 §13: each joint controller answers for what it stored). Only staff of one of
 * the client's parties with **full** access (services/referrals' policy, `clientAccess`:
 * on the team of one of the client's cases) may produce it; anyone else gets 404, and
 * nothing is logged for them. The export appends its own access-log row in the same
 * transaction first, so the document shows it.
 *
 * It lives here because it needs both services/referrals and services/planning (and this
 * service's own client messages): planning depends on referrals, so referrals cannot import
 * planning; notifications depends on both and neither depends on it, so the graph stays
 * acyclic. Each service's data comes through its exported query functions
 * (`findClientDataSections`, `findPlanningClientData`).
 */
export async function exportClientData(
  deps: NotificationsDeps,
  caller: Caller,
  clientId: string,
): Promise<DataSubjectExport> {
  const pii = deps.pii;
  if (!pii) throw new Error('the data-subject export needs the identity-code cipher (deps.pii)');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if ((await clientAccessFor(tx, caller, clientId)) !== 'full') throw notFound(clientId);
    await logAccess(tx, caller, now, [
      { action: 'client.data_subject_export', resourceType: 'client', resourceId: clientId, clientId },
    ]);
    const own = await findClientDataSections(tx, pii, clientId);
    if (!own) throw notFound(clientId);
    const caseIds = own.cases.map((c) => String(c.id));
    const planning = await findPlanningClientData(tx, caseIds);
    const messages = await findClientMessagesOf(tx, clientId);
    return {
      clientId,
      generatedAt: now.toISOString(),
      generatedBy: { organisationCode: caller.org, subject: caller.sub },
      client: own.client,
      referrals: own.referrals,
      cases: own.cases,
      meetings: planning.meetings,
      plans: planning.plans,
      clientMessages: messages,
      accessLog: own.accessLog,
    };
  });
}
