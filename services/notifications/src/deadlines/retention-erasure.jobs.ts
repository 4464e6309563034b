import { emailMessages, type Queryable } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import {
  DEFAULT_PRE_RELATIONSHIP_RETENTION_DAYS,
  erasePreRelationshipReferrals,
  lastErasableDecisionDay,
} from '@tym/referrals';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { DeadlineDeps } from '../deadlines/deadline-timers.jobs.js';

/**
 * Days an e-mail record (recipient address, subject, body, attachment) is kept after it was
 * sent or failed for good. Its purposes are delivery and answering "was the client or the
 * staff member told?"; the client messages' own record (services/notifications
 * `client_messages`: kind, channel, time) answers the latter for good, so the e-mail's
 * contents are needed only while a bounce or complaint may still come back: 30 days.
 */
export const DEFAULT_EMAIL_RETENTION_DAYS = 30;

export interface RetentionOptions {
  /** Days a declined or withdrawn referral keeps its client details (default 30). */
  preRelationshipDays: number;
  /** Days an e-mail record keeps its address and contents after sent or failed (default 30). */
  emailDays: number;
}

export const DEFAULT_RETENTION_OPTIONS: Readonly<RetentionOptions> = Object.freeze({
  preRelationshipDays: DEFAULT_PRE_RELATIONSHIP_RETENTION_DAYS,
  emailDays: DEFAULT_EMAIL_RETENTION_DAYS,
});

export const ERASED_ADDRESS = 'erased';

/**
 * Erases the personal contents of e-mail records whose retention has run out (381/2023 §12(2)
 * and the GDPR's storage limitation): the address, subject, body, iCalendar attachment and
 * error text; a recipient key made of an address (`address:<address>`) becomes
 * `erased:<id>`. Kept: the row with its kind, language, status, times and source key, so a
 * replayed event still finds it and sends nothing twice. Idempotent (an erased row is not
 * matched again). Pending and sending messages are never touched.
 */
export async function eraseSpentEmails(db: Queryable, now: Date, retentionDays: number): Promise<number> {
  const lastDay = lastErasableDecisionDay(todayInHelsinki(now), retentionDays);
  const dayOf = (column: typeof emailMessages.sentAt | typeof emailMessages.createdAt) =>
    sql`(${column} AT TIME ZONE 'Europe/Helsinki')::date <= ${lastDay}::date`;
  const erased = await db
    .update(emailMessages)
    .set({
      toAddress: ERASED_ADDRESS,
      subjectLine: 'ERASED',
      bodyText: 'ERASED',
      ics: null,
      icsMethod: null,
      lastError: null,
      recipientKey: sql`CASE WHEN ${emailMessages.recipientKey} LIKE 'address:%' THEN 'erased:' || ${emailMessages.id}::text ELSE ${emailMessages.recipientKey} END`,
    })
    .where(
      and(
        ne(emailMessages.toAddress, ERASED_ADDRESS),
        inArray(emailMessages.status, ['sent', 'failed']),
        or(
          and(eq(emailMessages.status, 'sent'), dayOf(emailMessages.sentAt)),
          // A failed message has no time of its own: its attempts end within about eight
          // hours of its creation (email-delivery.service.ts), so its creation day counts.
          and(eq(emailMessages.status, 'failed'), dayOf(emailMessages.createdAt)),
        ),
      ),
    )
    .returning({ id: emailMessages.id });
  return erased.length;
}

export interface RetentionSweepResult {
  referralsErased: number;
  clientsErased: number;
  emailsErased: number;
}

/**
 * The `retention.sweep` job (hourly): what is kept only until it has served its purpose
 * before a client relationship starts (381/2023 §12(2)) — declined and withdrawn referrals'
 * client details (services/referrals `erasePreRelationshipReferrals`) — and spent e-mail
 * records. Each part in its own transaction; the case erasure 4 years after an ended
 * relationship is the `case.erase` job (deadline rows, with holds).
 */
export async function sweepRetention(
  deps: Pick<DeadlineDeps, 'db' | 'clock' | 'log'>,
  options: RetentionOptions,
  requestId: string,
): Promise<RetentionSweepResult> {
  const now = deps.clock.now();
  const referrals = await deps.db.transaction((tx) =>
    erasePreRelationshipReferrals(tx, { now, requestId, defaultRetentionDays: options.preRelationshipDays }),
  );
  const emailsErased = await eraseSpentEmails(deps.db, now, options.emailDays);
  if (referrals.referralsErased || emailsErased)
    deps.log.info({ ...referrals, emailsErased }, 'retention sweep erased personal data');
  return { ...referrals, emailsErased };
}
