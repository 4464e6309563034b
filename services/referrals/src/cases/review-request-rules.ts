import { mayRecordReview } from '../policy/policy.js';
/** The state of a client's review request (381/2023 §6). */
export type ReviewRequestStatus = 'open' | 'refused' | 'closed';

/**
 * Whether each review request of a case is still open, 381/2023 §6(1): the plan is reviewed
 * when the client asks. A request is served by the pending `plan.review_requested` deadline
 * set (or moved) when it was recorded; a review meets that deadline, which closes every
 * request it served. So a request is `open` while that deadline is pending and was pending
 * when the request was recorded (recorded at or after the deadline row was created),
 * `refused` once refused, and `closed` otherwise (met by a review, or the case ended).
 */
export function reviewRequestStatuses(
  requests: ReadonlyArray<{ id: string; recordedAt: Date; refusedOn: string | null }>,
  pendingDeadline: { createdAt: Date } | null,
): Map<string, ReviewRequestStatus> {
  return new Map(
    requests.map((r) => [
      r.id,
      r.refusedOn !== null
        ? 'refused'
        : pendingDeadline && r.recordedAt.getTime() >= pendingDeadline.createdAt.getTime()
          ? 'open'
          : 'closed',
    ]),
  );
}

export type ReviewRefusalProblem =
  | 'CASE_REVIEW_REFUSAL_NOT_EMPLOYMENT_AUTHORITY'
  | 'CASE_REVIEW_REQUEST_NOT_OPEN'
  | 'CASE_REVIEW_REFUSAL_REASON_REQUIRED';

/**
 * Whether a client's review request may be refused, 381/2023 §6(1): a review is made when
 * the client asks unless it is clearly unnecessary, so a refusal is the exception and needs
 * its reason — a reason code (each a form of "clearly unnecessary") and a written reason,
 * which the client is told. The employment authority is responsible for reviewing the plan
 * and owns the review clock (§6), so only the client's own employment authority (the
 * case's; Helsinki for its clients) refuses; the HVA and Kela take part in reviews for their
 * services. Only an open request can be refused (`reviewRequestStatuses`). Returns the
 * first problem, or null when the refusal may be recorded.
 */
export function reviewRequestRefusalProblem(input: {
  callerOrganisationCode: string;
  kase: { employmentAuthorityCode: string };
  status: ReviewRequestStatus;
  reason: string;
}): ReviewRefusalProblem | null {
  if (!mayRecordReview(input.callerOrganisationCode, input.kase))
    return 'CASE_REVIEW_REFUSAL_NOT_EMPLOYMENT_AUTHORITY';
  if (input.status !== 'open') return 'CASE_REVIEW_REQUEST_NOT_OPEN';
  if (input.reason.trim() === '') return 'CASE_REVIEW_REFUSAL_REASON_REQUIRED';
  return null;
}
