import { compareLocalDates, reviewRequestDueOn, todayInHelsinki } from '@tym/domain';
import { recordEvent, setDeadline } from '@tym/jobs';
import { AppError, invalidField } from '@tym/platform';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { reviewRequestResponseDays } from '../directory.js';
import { canRecordDutiesExplained } from '../policy/policy.js';
import { caseTransition, refuseCaseTransition } from './case.transitions.js';
import { actorOf, workOnCase } from './case-access.js';
import { CaseErrors } from './cases.errors.js';
import {
  type DutyExplanationRow,
  findDutyExplanations,
  insertDutyExplanation,
  insertReviewRequest,
  updateCaseRow,
} from './cases.repository.js';
import type { ReviewRequestView } from './review-request-refusal.service.js';
/** The client's duties explained (381/2023 §7(3)) and the client's review requests (§6). */

/**
 * Records that the client's duties (381/2023 §7) were explained, by the employment
 * authority or the HVA (§7(3)), on a day between the assessment start and today.
 */
export async function recordDutiesExplained(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { explainedOn?: string },
): Promise<DutyExplanationRow[]> {
  return workOnCase(deps, caller, id, 'case.duties_explained', async ({ tx, now, kase }) => {
    const today = todayInHelsinki(now);
    if (!canRecordDutiesExplained(caller, kase)) {
      throw new AppError(CaseErrors.CASE_DUTIES_NOT_AUTHORITY, {
        detail: `Staff of ${kase.employmentAuthorityCode} or ${kase.wellbeingCountyOrganiserCode} record this (381/2023 §7(3)).`,
      });
    }
    const on = input.explainedOn ?? today;
    if (compareLocalDates(on, kase.assessmentStartedOn) < 0 || compareLocalDates(on, today) > 0) {
      throw invalidField(
        CaseErrors.CASE_DATE_INVALID,
        'body.explainedOn',
        `must be between the assessment start ${kase.assessmentStartedOn} and today ${today}`,
        'range',
      );
    }
    await insertDutyExplanation(tx, {
      caseId: id,
      explainedOn: on,
      explainedByOrganisation: caller.org,
      explainedBySub: caller.sub,
      recordedAt: now,
    });
    await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
    return findDutyExplanations(tx, id);
  });
}

/**
 * Records that the client asked for a review of the plan (381/2023 §6) and sets, or moves,
 * the `plan.review_requested` deadline. Only once a joint plan is agreed (status active).
 */
export async function recordReviewRequest(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { requestedOn?: string; channel: 'in_person' | 'phone' | 'written' | 'electronic' },
): Promise<ReviewRequestView> {
  return workOnCase(deps, caller, id, 'case.review_request', async ({ tx, now, kase }) => {
    const today = todayInHelsinki(now);
    caseTransition(kase, 'request_review');
    if (!kase.activatedOn) throw refuseCaseTransition(kase, 'request_review');
    const on = input.requestedOn ?? today;
    if (compareLocalDates(on, kase.activatedOn) < 0 || compareLocalDates(on, today) > 0) {
      throw invalidField(
        CaseErrors.CASE_DATE_INVALID,
        'body.requestedOn',
        `must be between the plan agreement ${kase.activatedOn} and today ${today}`,
        'range',
      );
    }
    // The response time is a setting of the cooperation agreement (14 days without one).
    const due = reviewRequestDueOn(on, await reviewRequestResponseDays(tx, kase.cooperationAreaId, on));
    const request = await insertReviewRequest(tx, {
      caseId: id,
      requestedOn: on,
      channel: input.channel,
      dueOn: due.dueOn,
      recordedByOrganisation: caller.org,
      recordedBySub: caller.sub,
      recordedAt: now,
    });
    const actor = actorOf(caller);
    await setDeadline(
      tx,
      {
        kind: 'plan.review_requested',
        subjectType: 'case',
        subjectId: id,
        caseId: id,
        cooperationAreaId: kase.cooperationAreaId,
        organisationCodes: kase.partyOrganisationCodes,
      },
      due,
      { now, actor },
    );
    await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
    await recordEvent(tx, {
      type: 'case.review_requested',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId: id,
      subjectType: 'case',
      subjectId: id,
      actor,
      payload: { caseId: id, reviewRequestId: request.id, requestedOn: on, dueOn: due.dueOn },
    });
    return { ...request, status: 'open' };
  });
}
