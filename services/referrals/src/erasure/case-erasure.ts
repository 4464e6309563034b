import {
  accessLog,
  caseEndingProposals,
  caseReviewRequests,
  cases,
  clients,
  type Queryable,
  referrals,
  referralTransitions,
} from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { and, eq, ne, or, sql } from 'drizzle-orm';

/**
 * Erasure of a client relationship's personal data when its retention has run out (381/2023
 * §12(2): 4 years after the relationship ended). Called by the worker's `case.erase` job in
 * its transaction, once per deadline version; kept here because only this service writes
 * its tables.
 *
 * What goes:
 * - the free texts of the case: the referral's description, decline text and the client
 *   details it brought (`submitted_details`), the reasons written on its transitions,
 *   objections to its ending, the written reasons of refused review requests;
 * - the client's identity when no other relationship still needs it (another case that is
 *   open, or ended and not yet past its own erasure): identity code ciphertext and blind
 *   index, names, contact details, special arrangements, information wishes.
 *
 * What stays (anonymous statistics, and the facts others rely on): the case with its
 * statuses, dates, area and parties; transitions; team membership (staff, not the client);
 * home municipality and language; and the access log, which gains a row recording the
 * erasure (it is append-only).
 *
 * The schema's constraints keep the columns NOT NULL, so erased values are fixed markers:
 * `ERASED` for texts, `v1.erased` for the ciphertext and `erased:<client id>` for the blind
 * index (unique, and never the HMAC of any identity code).
 */
export const ERASED_TEXT = 'ERASED';
export const ERASED_CIPHERTEXT = 'v1.erased';

export interface CaseErasureResult {
  /** False when the case does not exist or has not ended. */
  erased: boolean;
  caseId: string;
  clientId: string | null;
  /** The client's identity went too (no other relationship needs it). */
  clientIdentityErased: boolean;
  referralsCleared: number;
}

export async function eraseCaseClientData(
  tx: Queryable,
  caseId: string,
  context: { now: Date; requestId: string; actorOrganisation?: string; actorSub?: string },
): Promise<CaseErasureResult> {
  const [kase] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!kase || kase.status !== 'ended') {
    return {
      erased: false,
      caseId,
      clientId: kase?.clientId ?? null,
      clientIdentityErased: false,
      referralsCleared: 0,
    };
  }
  const cleared = await tx
    .update(referrals)
    .set({
      description: ERASED_TEXT,
      declineReasonText: null,
      submittedDetails: null,
      updatedAt: context.now,
    })
    .where(eq(referrals.id, kase.referralId))
    .returning({ id: referrals.id });
  await tx
    .update(referralTransitions)
    .set({ reasonText: null })
    .where(eq(referralTransitions.referralId, kase.referralId));
  await tx
    .update(caseEndingProposals)
    .set({ objectionText: null })
    .where(eq(caseEndingProposals.caseId, caseId));
  // The written reason of a refused review request (381/2023 §6(1)); its code stays.
  await tx
    .update(caseReviewRequests)
    .set({ refusalReason: null })
    .where(eq(caseReviewRequests.caseId, caseId));

  // Another relationship of the same client that still needs the identity: open, or ended
  // with its own retention still running.
  const [needed] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.clientId, kase.clientId),
        ne(cases.id, caseId),
        or(ne(cases.status, 'ended'), sql`${cases.erasureDueOn} >= ${todayInHelsinki(context.now)}::date`),
      ),
    )
    .limit(1);
  let clientIdentityErased = false;
  if (!needed) {
    const updated = await tx
      .update(clients)
      .set({
        identityCodeEncrypted: ERASED_CIPHERTEXT,
        identityCodeIndex: `erased:${kase.clientId}`,
        firstNames: ERASED_TEXT,
        lastName: ERASED_TEXT,
        contactDetails: {},
        specialArrangements: {},
        informationWishes: null,
        updatedAt: context.now,
      })
      .where(eq(clients.id, kase.clientId))
      .returning({ id: clients.id });
    clientIdentityErased = updated.length === 1;
    // The client's other referrals that never became a case (declined, withdrawn) carry
    // free text about them too.
    await tx
      .update(referrals)
      .set({
        description: ERASED_TEXT,
        declineReasonText: null,
        submittedDetails: null,
        updatedAt: context.now,
      })
      .where(
        and(
          eq(referrals.clientId, kase.clientId),
          sql`${referrals.caseId} IS NULL`,
          ne(referrals.status, 'submitted'),
        ),
      );
  }

  await tx.insert(accessLog).values({
    occurredAt: context.now,
    requestId: context.requestId,
    actorSub: context.actorSub ?? 'system:erasure',
    actorOrganisation: context.actorOrganisation ?? 'system',
    actorRoles: [],
    action: clientIdentityErased ? 'client.erase' : 'case.erase',
    resourceType: 'case',
    resourceId: caseId,
    clientId: kase.clientId,
    purpose: 'retention ended (381/2023 §12(2))',
  });
  return {
    erased: true,
    caseId,
    clientId: kase.clientId,
    clientIdentityErased,
    referralsCleared: cleared.length,
  };
}
