import {
  accessLog,
  caseDutyExplanations,
  caseEndingConfirmations,
  caseEndingProposals,
  caseReviewRequests,
  cases,
  caseTeamMembers,
  caseTransfers,
  caseTransitions,
  clients,
  type Queryable,
  referrals,
  referralTransitions,
} from '@tym/db';
import type { PiiCipher } from '@tym/platform';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Caller } from '../caller.js';
import { findClientAccessFacts } from '../clients/clients.repository.js';
import { decryptSubmittedDetails, identityCodeAad } from '../clients/clients.service.js';
import { ERASED_CIPHERTEXT } from '../erasure/case-erasure.js';
import { type ClientAccess, clientAccess } from '../policy/policy.js';

/**
 * What one caller may see of one client (services/referrals' policy, `clientAccess`): the
 * data-subject export (services/notifications) is open only to `full`.
 */
export async function clientAccessFor(
  db: Queryable,
  caller: Caller,
  clientId: string,
): Promise<ClientAccess> {
  const [row] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
  if (!row) return 'none';
  return clientAccess(caller, await findClientAccessFacts(db, clientId, caller));
}

type Json = Record<string, unknown>;

/** A row as JSON (instants as RFC 3339 strings). */
const plain = <T>(row: T): Json => JSON.parse(JSON.stringify(row)) as Json;

export interface ClientDataSections {
  client: Json;
  referrals: Json[];
  cases: Json[];
  accessLog: Json[];
}

/**
 * Everything services/referrals holds about one client, for a data-subject access request
 * (GDPR art. 15; 381/2023 §13): the client record with the identity code in clear, every
 * referral with the details it brought (decrypted) and its transitions, every case with its
 * team, transitions, duties explained (§7(3)), review requests and ending proposals with
 * their confirmations, and the access log of the client's data. Reading it is the caller's
 * to log (the export writes `client.data_subject_export`). Null when there is no such client.
 */
export async function findClientDataSections(
  db: Queryable,
  pii: PiiCipher,
  clientId: string,
): Promise<ClientDataSections | null> {
  const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
  if (!client) return null;
  const { identityCodeEncrypted, identityCodeIndex: _index, ...record } = client;
  const identityCode =
    identityCodeEncrypted === ERASED_CIPHERTEXT
      ? null
      : pii.decrypt(identityCodeEncrypted, identityCodeAad(clientId));

  const referralRows = await db
    .select()
    .from(referrals)
    .where(eq(referrals.clientId, clientId))
    .orderBy(asc(referrals.submittedAt), asc(referrals.id));
  const referralIds = referralRows.map((r) => r.id);
  const rTransitions = referralIds.length
    ? await db
        .select()
        .from(referralTransitions)
        .where(inArray(referralTransitions.referralId, referralIds))
        .orderBy(asc(referralTransitions.at))
    : [];
  const referralSection = referralRows.map(({ submittedDetails, ...r }) => ({
    ...plain(r),
    submittedDetails: decryptSubmittedDetails(pii, r.id, submittedDetails),
    transitions: rTransitions.filter((t) => t.referralId === r.id).map(plain),
  }));

  const caseRows = await db
    .select()
    .from(cases)
    .where(eq(cases.clientId, clientId))
    .orderBy(asc(cases.createdAt), asc(cases.id));
  const caseSection: Json[] = [];
  for (const c of caseRows) {
    const team = await db
      .select()
      .from(caseTeamMembers)
      .where(eq(caseTeamMembers.caseId, c.id))
      .orderBy(asc(caseTeamMembers.addedAt));
    const transitions = await db
      .select()
      .from(caseTransitions)
      .where(eq(caseTransitions.caseId, c.id))
      .orderBy(asc(caseTransitions.at));
    const duties = await db
      .select()
      .from(caseDutyExplanations)
      .where(eq(caseDutyExplanations.caseId, c.id))
      .orderBy(asc(caseDutyExplanations.explainedOn));
    const reviewRequests = await db
      .select()
      .from(caseReviewRequests)
      .where(eq(caseReviewRequests.caseId, c.id))
      .orderBy(asc(caseReviewRequests.requestedOn));
    const transfers = await db
      .select()
      .from(caseTransfers)
      .where(eq(caseTransfers.caseId, c.id))
      .orderBy(asc(caseTransfers.at));
    const proposals = await db
      .select()
      .from(caseEndingProposals)
      .where(eq(caseEndingProposals.caseId, c.id))
      .orderBy(asc(caseEndingProposals.proposedAt));
    const confirmations = proposals.length
      ? await db
          .select()
          .from(caseEndingConfirmations)
          .where(
            inArray(
              caseEndingConfirmations.proposalId,
              proposals.map((p) => p.id),
            ),
          )
      : [];
    caseSection.push({
      ...plain(c),
      team: team.map(plain),
      transitions: transitions.map(plain),
      dutyExplanations: duties.map(plain),
      reviewRequests: reviewRequests.map(plain),
      transfers: transfers.map(plain),
      endingProposals: proposals.map((p) => ({
        ...plain(p),
        confirmations: confirmations.filter((x) => x.proposalId === p.id).map(plain),
      })),
    });
  }

  const log = await db
    .select()
    .from(accessLog)
    .where(eq(accessLog.clientId, clientId))
    .orderBy(asc(accessLog.id));
  return {
    client: { ...plain(record), identityCode },
    referrals: referralSection,
    cases: caseSection,
    accessLog: log.map(plain),
  };
}
