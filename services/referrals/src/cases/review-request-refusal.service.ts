import type { ReviewRequestRefusalReason } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { type Actor, cancelDeadline, recordEvent } from '@tym/jobs';
import { AppError, invalidField } from '@tym/platform';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { CaseErrors } from './cases.errors.js';
import {
  findPendingCaseDeadline,
  findReviewRequests,
  type ReviewRequestRow,
  refuseReviewRequest,
  updateCaseRow,
} from './cases.repository.js';
import { loadForWork } from './cases.service.js';
import {
  type ReviewRequestStatus,
  reviewRequestRefusalProblem,
  reviewRequestStatuses,
} from './review-request-rules.js';

export interface ReviewRequestView extends ReviewRequestRow {
  status: ReviewRequestStatus;
}

/**
 * The employment authority refuses a client's review request as clearly unnecessary, with a
 * reason code and a written reason (381/2023 §6(1), `reviewRequestRefusalProblem`). When no
 * other request of the client is open, the `plan.review_requested` deadline is cancelled.
 * The event `case.review_request_refused` (ids, codes and dates) tells the client: the e-mail
 * says the request was considered and not granted, the letter carries the written reason.
 */
export async function refuseReviewRequestOf(
  deps: ReferralsDeps,
  caller: Caller,
  caseId: string,
  requestId: string,
  input: { reasonCode: ReviewRequestRefusalReason; reason: string },
): Promise<ReviewRequestView> {
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, caseId);
    const requests = await findReviewRequests(tx, caseId);
    const request = requests.find((r) => r.id === requestId);
    if (!request) {
      throw new AppError(CaseErrors.CASE_REVIEW_REQUEST_NOT_FOUND, {
        detail: `No review request ${requestId} in this case.`,
      });
    }
    const pending = await findPendingCaseDeadline(tx, 'plan.review_requested', caseId);
    const statuses = reviewRequestStatuses(requests, pending);
    const problem = reviewRequestRefusalProblem({
      callerOrganisationCode: caller.org,
      kase,
      status: statuses.get(requestId) ?? 'closed',
      reason: input.reason,
    });
    if (problem === 'CASE_REVIEW_REFUSAL_NOT_EMPLOYMENT_AUTHORITY') {
      throw new AppError(CaseErrors.CASE_REVIEW_REFUSAL_NOT_EMPLOYMENT_AUTHORITY, {
        detail: `The employment authority ${kase.employmentAuthorityCode} is responsible for reviewing the plan (381/2023 §6).`,
      });
    }
    if (problem === 'CASE_REVIEW_REQUEST_NOT_OPEN') {
      throw new AppError(CaseErrors.CASE_REVIEW_REQUEST_NOT_OPEN, {
        detail: 'The request was refused already, or a review has met it.',
        extensions: { status: statuses.get(requestId) ?? 'closed' },
      });
    }
    if (problem === 'CASE_REVIEW_REFUSAL_REASON_REQUIRED') {
      throw invalidField(
        CaseErrors.CASE_REVIEW_REFUSAL_REASON_REQUIRED,
        'body.reason',
        'write the reason the client is told (381/2023 §6(1))',
        '381/2023 §6(1)',
      );
    }
    const refused = await refuseReviewRequest(tx, requestId, {
      refusedOn: today,
      refusalReasonCode: input.reasonCode,
      refusalReason: input.reason.trim(),
      refusedByOrganisation: caller.org,
      refusedBySub: caller.sub,
      refusedAt: now,
    });
    // The case row is locked (loadForWork), so the request cannot have changed meanwhile.
    if (!refused) throw new Error(`review request ${requestId} changed under the case's lock`);
    const actor: Actor = { organisation: caller.org, sub: caller.sub };
    const stillOpen = [...statuses].some(([id, s]) => id !== requestId && s === 'open');
    if (!stillOpen) {
      await cancelDeadline(tx, 'plan.review_requested', caseId, 'case.review_request_refused', {
        now,
        actor,
      });
    }
    await updateCaseRow(tx, caseId, [kase.status], { updatedAt: now });
    await recordEvent(tx, {
      type: 'case.review_request_refused',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId,
      subjectType: 'case',
      subjectId: caseId,
      actor,
      payload: {
        caseId,
        reviewRequestId: requestId,
        requestedOn: refused.requestedOn,
        refusedOn: today,
        reasonCode: input.reasonCode,
      },
    });
    await logAccess(tx, caller, now, [
      {
        action: 'case.review_request.refuse',
        resourceType: 'case',
        resourceId: caseId,
        clientId: kase.clientId,
      },
    ]);
    return { ...refused, status: 'refused' };
  });
}

/** What the client's letter says of a refused request: the reason code and the written reason. */
export async function findReviewRequestMessageFacts(
  db: Parameters<typeof findReviewRequests>[0],
  caseId: string,
  requestId: string,
): Promise<{ requestedOn: string; refusalReasonCode: string | null; refusalReason: string | null } | null> {
  const request = (await findReviewRequests(db, caseId)).find((r) => r.id === requestId);
  return request
    ? {
        requestedOn: request.requestedOn,
        refusalReasonCode: request.refusalReasonCode,
        refusalReason: request.refusalReason,
      }
    : null;
}
