import type { Queryable } from '@tym/db';
import { compareLocalDates, reviewDueOn, reviewRequestDueOn, todayInHelsinki } from '@tym/domain';
import { type Actor, meetDeadline, recordEvent, setDeadline } from '@tym/jobs';
import { AppError, invalidField } from '@tym/platform';
import { findCase } from '@tym/referrals';
import type { Caller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { reviewRequestResponseDays } from '../directory.js';
import { findCaseMeetings } from '../meetings/meetings.repository.js';
import { writeDraft } from './plan-draft.service.js';
import { mayRecordReview } from './plan-rules.js';
import { actorOf, changePlan, type PlanView, subject, view } from './plan-view.js';
import { PlanErrors } from './plans.errors.js';
import {
  findPendingDeadline,
  findPlanByCase,
  findVersion,
  insertReview,
  type PlanReviewRow,
  updatePlan,
} from './plans.repository.js';
// --- Reviews (381/2023 §6) -------------------------------------------------------------------

export interface ReviewInput {
  outcome: 'unchanged' | 'revised';
  reviewedOn?: string;
  meetingId?: string;
}

/**
 * Records a review — the client's employment authority's to do (381/2023 §6, `mayRecordReview`).
 * Unchanged: the review clock restarts from the review date. Revised: the
 * current version is copied into a new draft, which becomes the next version once approved;
 * the next review is then due 3 months after that agreement. Either way the pending review
 * deadlines (the 3-month one and a client's request) are met on the review date.
 */
export async function recordReview(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  input: ReviewInput,
): Promise<{ review: PlanReviewRow; plan: PlanView }> {
  return changePlan(deps, caller, caseId, 'plan.review', async ({ tx, now, kase }) => {
    const today = todayInHelsinki(now);
    if (!mayRecordReview(caller.org, kase)) {
      throw new AppError(PlanErrors.PLAN_REVIEW_NOT_EMPLOYMENT_AUTHORITY, {
        detail: `The employment authority ${kase.employmentAuthorityCode} is responsible for reviewing the plan (381/2023 §6); the HVA and Kela take part for their services.`,
      });
    }
    const plan = await findPlanByCase(tx, caseId, { forUpdate: true });
    if (!plan?.currentVersion || !plan.lastAgreedOn) {
      throw new AppError(PlanErrors.PLAN_NOT_AGREED, {
        detail: 'A plan is reviewed once it is agreed; agree the first version first.',
      });
    }
    const on = input.reviewedOn ?? today;
    const earliest =
      [plan.lastAgreedOn, plan.lastReviewedOn]
        .filter((d): d is string => Boolean(d))
        .sort(compareLocalDates)
        .at(-1) ?? plan.lastAgreedOn;
    if (compareLocalDates(on, earliest) < 0 || compareLocalDates(on, today) > 0) {
      throw invalidField(
        PlanErrors.PLAN_REVIEW_DATE_INVALID,
        'body.reviewedOn',
        `must be between the last agreement or review ${earliest} and today ${today}`,
        'range',
      );
    }
    if (input.meetingId && !(await findCaseMeetings(tx, caseId)).some((m) => m.id === input.meetingId)) {
      throw invalidField(
        PlanErrors.PLAN_CONTENT_INVALID,
        'body.meetingId',
        'is not a meeting of this case',
        'meeting',
      );
    }
    const actor = actorOf(caller);
    const ctx = { now, actor };
    const next = reviewDueOn(on);
    await meetDeadline(tx, 'plan.review', caseId, on, ctx);
    await meetDeadline(tx, 'plan.review_requested', caseId, on, ctx);
    await setDeadline(tx, subject(kase, 'plan.review', 'case', caseId), next, ctx);
    const review = await insertReview(tx, {
      planId: plan.id,
      reviewedOn: on,
      outcome: input.outcome,
      version: plan.currentVersion,
      meetingId: input.meetingId ?? null,
      nextReviewDueOn: next.dueOn,
      recordedByOrganisation: caller.org,
      recordedBySub: caller.sub,
      recordedAt: now,
    });
    let updated = await updatePlan(tx, plan.id, { lastReviewedOn: on, updatedAt: now });
    if (input.outcome === 'revised' && !updated.draft) {
      const current = await findVersion(tx, plan.id, plan.currentVersion);
      if (current) updated = await writeDraft(tx, updated, current.contents, now);
    }
    await recordEvent(tx, {
      type: 'plan.reviewed',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId,
      subjectType: 'plan',
      subjectId: plan.id,
      actor,
      payload: {
        caseId,
        planId: plan.id,
        reviewId: review.id,
        outcome: input.outcome,
        reviewedOn: on,
        version: plan.currentVersion,
        nextReviewDueOn: next.dueOn,
      },
    });
    return { review, plan: await view(tx, kase) };
  });
}

/**
 * A client's request for a review (recorded by services/referrals, 381/2023 §6) brings the
 * review deadline forward to the cooperation agreement's response time (14 days when none):
 * the `plan.review` deadline moves to the earlier of its date and the request's. Idempotent;
 * call it in a transaction, e.g. from the worker on `case.review_requested`. Returns the
 * review due date, or null when the case has no agreed plan.
 */
export async function applyReviewRequest(
  tx: Queryable,
  input: { caseId: string; requestedOn: string; actor: Actor | null; now: Date },
): Promise<string | null> {
  const plan = await findPlanByCase(tx, input.caseId, { forUpdate: true });
  if (!plan?.currentVersion) return null;
  const days = await reviewRequestResponseDays(tx, plan.cooperationAreaId, input.requestedOn);
  const due = reviewRequestDueOn(input.requestedOn, days);
  const current = await findPendingDeadline(tx, 'plan.review', input.caseId);
  if (current && compareLocalDates(current.dueOn, due.dueOn) <= 0) return current.dueOn;
  const kase = await findCase(tx, input.caseId);
  const parties = current?.organisationCodes ?? kase?.partyOrganisationCodes ?? [];
  await setDeadline(
    tx,
    {
      kind: 'plan.review',
      subjectType: 'case',
      subjectId: input.caseId,
      caseId: input.caseId,
      cooperationAreaId: plan.cooperationAreaId,
      organisationCodes: parties,
    },
    due,
    { now: input.now, actor: input.actor },
  );
  return due.dueOn;
}

/**
 * A client's review request was refused as clearly unnecessary (recorded by services/
 * referrals, 381/2023 §6(1)): the review clock returns to 3 months from the last agreement or
 * review (§6), unless another request of the client is still pending — then its date holds.
 * Undoes what `applyReviewRequest` brought forward. Idempotent; call it in a transaction,
 * e.g. from the worker on `case.review_request_refused`. Returns the review due date, or
 * null when the case has no agreed plan or no pending review.
 */
export async function applyReviewRequestRefusal(
  tx: Queryable,
  input: { caseId: string; actor: Actor | null; now: Date },
): Promise<string | null> {
  const plan = await findPlanByCase(tx, input.caseId, { forUpdate: true });
  if (!plan?.currentVersion || !plan.lastAgreedOn) return null;
  const current = await findPendingDeadline(tx, 'plan.review', input.caseId);
  if (!current) return null;
  if (await findPendingDeadline(tx, 'plan.review_requested', input.caseId)) return current.dueOn;
  const last = [plan.lastAgreedOn, plan.lastReviewedOn]
    .filter((d): d is string => Boolean(d))
    .sort(compareLocalDates)
    .at(-1) as string;
  const regular = reviewDueOn(last);
  if (current.dueOn === regular.dueOn) return current.dueOn;
  await setDeadline(
    tx,
    {
      kind: 'plan.review',
      subjectType: 'case',
      subjectId: input.caseId,
      caseId: input.caseId,
      cooperationAreaId: plan.cooperationAreaId,
      organisationCodes: current.organisationCodes,
    },
    regular,
    { now: input.now, actor: input.actor },
  );
  return regular.dueOn;
}
