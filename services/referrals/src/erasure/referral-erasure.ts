import { cases, clients, type Queryable, referrals, referralTransitions } from '@tym/db';
import { addDays, type LocalDate, todayInHelsinki } from '@tym/domain';
import { findAgreementSettings } from '@tym/resourcing';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { insertAccessLogRows, type NewAccessLogRow } from '../access-log/access-log.repository.js';
import { ERASED_CIPHERTEXT, ERASED_TEXT } from './case-erasure.js';

/**
 * Days a declined or withdrawn referral keeps the client details it brought. 381/2023 §12(2)
 * lets personal data be recorded from the start of the client relationship; a referral that
 * never started one needs its details only as long as the decision may still be questioned
 * or corrected (the referrer asking why, a mistaken decline referred again), which in
 * practice is settled within weeks. 30 days, then the details go; the fact of the referral
 * (dates, parties, grounds, decline reason code) stays for the statistics §11(1) allows.
 * A deployment may set another default (`PRE_RELATIONSHIP_RETENTION_DAYS` of the worker), and
 * the cooperation agreement in force in the referral's area on the day of the decision may
 * set its own (`preRelationshipRetentionDays`, 1–90 days).
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

interface Candidate {
  id: string;
  clientId: string;
  cooperationAreaId: string;
  status: string;
  decidedOn: LocalDate | null;
  erased: boolean;
}

/** The retention of one referral: its area's agreement on the decision day, else the default. */
type RetentionOf = (r: Pick<Candidate, 'cooperationAreaId' | 'decidedOn'>) => Promise<number>;

function retentionLookup(db: Queryable, defaultDays: number): RetentionOf {
  const cache = new Map<string, number>();
  return async (r) => {
    if (!r.decidedOn) return defaultDays;
    const key = `${r.cooperationAreaId}:${r.decidedOn}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const settings = await findAgreementSettings(db, r.cooperationAreaId, r.decidedOn);
    const days = settings.preRelationshipRetentionDays ?? defaultDays;
    cache.set(key, days);
    return days;
  };
}

const decidedOnSql = sql<
  string | null
>`to_char(${referrals.decidedAt} AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD')`;
const erasedSql = sql<boolean>`(${referrals.description} = ${ERASED_TEXT} AND ${referrals.submittedDetails} IS NULL AND ${referrals.declineReasonText} IS NULL)`;

async function isDue(r: Candidate, today: LocalDate, retentionOf: RetentionOf): Promise<boolean> {
  if (r.status !== 'declined' && r.status !== 'withdrawn') return false;
  if (!r.decidedOn) return false;
  return r.decidedOn <= lastErasableDecisionDay(today, await retentionOf(r));
}

/**
 * Erases what declined and withdrawn referrals brought once their short retention has run
 * out (381/2023 §12(2)): the description, the decline text, the encrypted client details
 * (`submitted_details`) and the reasons written on the referral's transitions. The period is
 * the setting of the cooperation agreement in force in the referral's area on the decision
 * day, else `defaultRetentionDays`. The client record itself (identity code ciphertext and
 * blind index, names, contact details, special arrangements, wishes) goes when nothing else
 * needs it: no case, no submitted or accepted referral, and no other declined or withdrawn
 * referral still inside its period. Idempotent: an erased referral is not matched again.
 * Each erasure appends an access-log row (no personal data in it). Called by the worker's
 * `retention.sweep` job in one transaction.
 */
export async function erasePreRelationshipReferrals(
  tx: Queryable,
  context: { now: Date; requestId: string; defaultRetentionDays: number; batchSize?: number },
): Promise<ReferralErasureResult> {
  const today = todayInHelsinki(context.now);
  const retentionOf = retentionLookup(tx, context.defaultRetentionDays);
  const columns = {
    id: referrals.id,
    clientId: referrals.clientId,
    cooperationAreaId: referrals.cooperationAreaId,
    status: referrals.status,
    decidedOn: decidedOnSql,
    erased: erasedSql,
  };
  // Every period is at least one day: nothing decided later than this can be due.
  const candidates: Candidate[] = await tx
    .select(columns)
    .from(referrals)
    .where(
      and(
        inArray(referrals.status, ['declined', 'withdrawn']),
        sql`(${referrals.decidedAt} AT TIME ZONE 'Europe/Helsinki')::date <= ${lastErasableDecisionDay(today, 1)}::date`,
        sql`NOT ${erasedSql}`,
      ),
    )
    .orderBy(referrals.decidedAt, referrals.id);
  const dueIds: string[] = [];
  for (const r of candidates) {
    if (dueIds.length >= (context.batchSize ?? 1_000)) break;
    if (await isDue(r, today, retentionOf)) dueIds.push(r.id);
  }
  if (!dueIds.length) return { referralsErased: 0, clientsErased: 0 };
  // Locked now; one a concurrent sweep holds is left to it.
  const due = await tx
    .select({ id: referrals.id, clientId: referrals.clientId })
    .from(referrals)
    .where(and(inArray(referrals.id, dueIds), sql`NOT ${erasedSql}`))
    .orderBy(referrals.id)
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
    const others: Candidate[] = await tx
      .select(columns)
      .from(referrals)
      .where(eq(referrals.clientId, clientId));
    let needed = false;
    for (const r of others) {
      if (r.erased) continue;
      if (!(await isDue(r, today, retentionOf))) {
        needed = true;
        break;
      }
    }
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
