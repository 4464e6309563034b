import { cases, clients, type Queryable, referrals, referralTransitions } from '@tym/db';
import { addDays, type LocalDate, todayInHelsinki } from '@tym/domain';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { insertAccessLogRows, type NewAccessLogRow } from '../access-log/access-log.repository.js';
import { ERASED_CIPHERTEXT, ERASED_TEXT } from './case-erasure.js';

/**
 * Days a declined or withdrawn referral keeps the client details it brought. 381/2023 §12(2)
 * lets personal data be recorded from the start of the client relationship; a referral that
 * never started one needs its details only as long as the decision may still be questioned
 * or corrected (the referrer asking why, a mistaken decline referred again), which in
 * practice is settled within weeks. 30 days, then the details go; the fact of the referral
 * (dates, parties, grounds, decline reason code) stays for the statistics §11(1) allows.
 * A deployment may set another number (`PRE_RELATIONSHIP_RETENTION_DAYS` of the worker).
 */
export const DEFAULT_PRE_RELATIONSHIP_RETENTION_DAYS = 30;

/**
 * 381/2023 §12(2), before the relationship: the last decision day whose referral is erased
 * `today`. The details are kept to the end of the `retentionDays`-th day after the decline or
 * withdrawal (as the case erasure keeps data to the end of its due day), so a referral decided
 * on 19 March with 30 days is erased from 19 April on.
 */
export function lastErasableDecisionDay(today: LocalDate, retentionDays: number): LocalDate {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError(`Retention days must be a positive integer: ${retentionDays}`);
  }
  return addDays(today, -(retentionDays + 1));
}

export interface ReferralErasureResult {
  referralsErased: number;
  clientsErased: number;
}

/**
 * Erases what declined and withdrawn referrals brought once their short retention has run
 * out (381/2023 §12(2)): the description, the decline text, the encrypted client details
 * (`submitted_details`) and the reasons written on the referral's transitions. The client
 * record itself (identity code ciphertext and blind index, names, contact details, special
 * arrangements, wishes) goes when nothing else needs it: no case, no submitted or accepted
 * referral, and no other declined or withdrawn referral still inside its period. Idempotent:
 * an erased referral is not matched again. Each erasure appends an access-log row (no
 * personal data in it). Called by the worker's `retention.sweep` job in one transaction.
 */
export async function erasePreRelationshipReferrals(
  tx: Queryable,
  context: { now: Date; requestId: string; retentionDays: number; batchSize?: number },
): Promise<ReferralErasureResult> {
  const lastDay = lastErasableDecisionDay(todayInHelsinki(context.now), context.retentionDays);
  const decidedOn = sql`(${referrals.decidedAt} AT TIME ZONE 'Europe/Helsinki')::date`;
  const due = await tx
    .select({ id: referrals.id, clientId: referrals.clientId })
    .from(referrals)
    .where(
      and(
        inArray(referrals.status, ['declined', 'withdrawn']),
        sql`${decidedOn} <= ${lastDay}::date`,
        or(
          ne(referrals.description, ERASED_TEXT),
          sql`${referrals.submittedDetails} IS NOT NULL`,
          sql`${referrals.declineReasonText} IS NOT NULL`,
        ),
      ),
    )
    .orderBy(referrals.decidedAt, referrals.id)
    .limit(context.batchSize ?? 1_000)
    .for('update', { skipLocked: true });
  if (!due.length) return { referralsErased: 0, clientsErased: 0 };

  const ids = due.map((r) => r.id);
  await tx
    .update(referrals)
    .set({
      description: ERASED_TEXT,
      declineReasonText: null,
      submittedDetails: null,
      // Nothing is left to confirm once the details are gone.
      clientDetailsStatus: sql`CASE WHEN ${referrals.clientDetailsStatus} = 'pending' THEN NULL ELSE ${referrals.clientDetailsStatus} END`,
      updatedAt: context.now,
    })
    .where(inArray(referrals.id, ids));
  await tx
    .update(referralTransitions)
    .set({ reasonText: null })
    .where(inArray(referralTransitions.referralId, ids));

  const log = (row: Pick<NewAccessLogRow, 'action' | 'resourceType' | 'resourceId' | 'clientId'>) => ({
    occurredAt: context.now,
    requestId: context.requestId,
    actorSub: 'system:erasure',
    actorOrganisation: 'system',
    actorRoles: [],
    purpose: 'retention ended before a client relationship (381/2023 §12(2))',
    ...row,
  });
  const rows: NewAccessLogRow[] = due.map((r) =>
    log({ action: 'referral.erase', resourceType: 'referral', resourceId: r.id, clientId: r.clientId }),
  );

  let clientsErased = 0;
  for (const clientId of [...new Set(due.map((r) => r.clientId))].sort()) {
    // The client row lock is the one a new referral for the client takes.
    const [row] = await tx
      .select({ id: clients.id, code: clients.identityCodeEncrypted })
      .from(clients)
      .where(eq(clients.id, clientId))
      .for('update');
    if (!row || row.code === ERASED_CIPHERTEXT) continue;
    const [kase] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.clientId, clientId)).limit(1);
    if (kase) continue;
    const [needed] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(
          eq(referrals.clientId, clientId),
          or(
            inArray(referrals.status, ['submitted', 'accepted']),
            sql`${referrals.decidedAt} IS NULL`,
            sql`${decidedOn} > ${lastDay}::date`,
          ),
        ),
      )
      .limit(1);
    if (needed) continue;
    await tx
      .update(clients)
      .set({
        identityCodeEncrypted: ERASED_CIPHERTEXT,
        identityCodeIndex: `erased:${clientId}`,
        firstNames: ERASED_TEXT,
        lastName: ERASED_TEXT,
        contactDetails: {},
        specialArrangements: {},
        informationWishes: null,
        updatedAt: context.now,
      })
      .where(eq(clients.id, clientId));
    clientsErased += 1;
    rows.push(log({ action: 'client.erase', resourceType: 'client', resourceId: clientId, clientId }));
  }
  await insertAccessLogRows(tx, rows);
  return { referralsErased: due.length, clientsErased };
}
