import { DEFAULT_REFERRAL_RESPONSE_DAYS, DEFAULT_REVIEW_REQUEST_RESPONSE_DAYS } from '@tym/domain';

/**
 * The settings a cooperation agreement decides for its area and the other services read
 * (`findAgreementSettings`). The law sets none of them [practice/open, domain.md §2–§5]; the
 * defaults apply while an area has no agreement in force.
 */
export interface AgreementSettings {
  /** Days to accept or decline a referral (381/2023 §3 sets none; default 14). */
  referralResponseDays: number;
  /** Days to act on a client's request for a plan review (381/2023 §6 sets none; default 14). */
  reviewRequestResponseDays: number;
  /** Days before a deadline that reminders go out, largest first (default 14 and 3). */
  reminderLeadDays: number[];
  /**
   * Active clients one full-time person is expected to carry. No national quota exists
   * (381/2023 §9(2): staffing "sufficient given the number of clients"); the agreement is where
   * the number comes from.
   */
  targetCaseloadPerFte: number;
  /**
   * Days a declined or withdrawn referral keeps its client details before erasure (381/2023
   * §12(2): data is recorded for the client relationship; a referral that started none keeps
   * it only while the decision may be questioned). Null: the deployment's default
   * (`PRE_RELATIONSHIP_RETENTION_DAYS` of the worker, 30). At most 90.
   */
  preRelationshipRetentionDays: number | null;
}

/**
 * The default caseload target, 40 active clients per FTE: a placeholder so utilisation can be
 * shown before an agreement exists, not a norm — the law sets no quota and every region
 * should put its own number in its agreement.
 */
export const DEFAULT_TARGET_CASELOAD_PER_FTE = 40;

export const DEFAULT_REMINDER_LEAD_DAYS: readonly number[] = [14, 3];

export const DEFAULT_AGREEMENT_SETTINGS: Readonly<AgreementSettings> = Object.freeze({
  referralResponseDays: DEFAULT_REFERRAL_RESPONSE_DAYS,
  reviewRequestResponseDays: DEFAULT_REVIEW_REQUEST_RESPONSE_DAYS,
  reminderLeadDays: [...DEFAULT_REMINDER_LEAD_DAYS],
  targetCaseloadPerFte: DEFAULT_TARGET_CASELOAD_PER_FTE,
  preRelationshipRetentionDays: null,
});
