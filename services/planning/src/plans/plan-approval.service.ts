import type { PlanContents, Transaction } from '@tym/db';
import { reviewDueOn, todayInHelsinki } from '@tym/domain';
import { cancelDeadline, meetDeadline, recordEvent, setDeadline } from '@tym/jobs';
import { AppError, invalidField } from '@tym/platform';
import { type CaseRecord, findCaseParties, setCaseActive } from '@tym/referrals';
import type { Caller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { planTransition } from './plan.transitions.js';
import { approvalsComplete } from './plan-rules.js';
import { actorOf, type Ctx, changePlan, type PlanView, required, subject, view } from './plan-view.js';
import { PlanErrors } from './plans.errors.js';
import {
  findActions,
  findCurrentApprovals,
  findPlanByCase,
  insertApproval,
  insertVersion,
  type PlanApprovalRow,
  type PlanRow,
  retireActions,
  updatePlan,
  upsertAction,
  withdrawApprovals,
} from './plans.repository.js';
export interface ApprovalInput {
  draftRevision: number;
  approver: 'client' | 'organisation';
  method?: 'signature' | 'electronic' | 'in_meeting';
}

/**
 * Records an approval of the submitted draft. When the last required approval arrives, the
 * draft becomes the next agreed version in the same transaction (see `agree`).
 */
export async function approveDraft(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  input: ApprovalInput,
): Promise<PlanView & { agreedVersion: number | null }> {
  return changePlan(deps, caller, caseId, 'plan.approve', async ({ tx, now, kase }) => {
    const plan = await findPlanByCase(tx, caseId, { forUpdate: true });
    if (!plan?.draft)
      throw new AppError(PlanErrors.PLAN_NO_DRAFT, { detail: 'There is no draft to approve.' });
    if (input.draftRevision !== plan.draftRevision) {
      throw invalidField(
        PlanErrors.PLAN_DRAFT_CHANGED,
        'body.draftRevision',
        `revision ${input.draftRevision} is no longer the draft: it is at revision ${plan.draftRevision}; read it again`,
        'revision',
      );
    }
    planTransition(plan, 'approve');
    const approver = input.approver === 'client' ? 'client' : caller.org;
    if ((approver === 'client') !== (input.method !== undefined)) {
      throw invalidField(
        PlanErrors.PLAN_APPROVAL_METHOD_INVALID,
        'body.method',
        approver === 'client' ? 'is required for the client’s approval' : 'is only for the client’s approval',
        'method',
      );
    }
    const parties = await findCaseParties(tx, caseId);
    const needed = required(kase, parties, plan.draft);
    const entry = needed.find((r) => r.approver === approver);
    if (!entry) {
      throw invalidField(
        PlanErrors.PLAN_APPROVAL_NOT_REQUIRED,
        'body.approver',
        `${approver} does not approve this plan: ${needed.map((r) => r.approver).join(', ')} do (381/2023 §4(2))`,
        '381/2023 §4(2)',
      );
    }
    const inserted = await insertApproval(tx, {
      planId: plan.id,
      draftRevision: plan.draftRevision,
      approver,
      roles: entry.roles,
      method: input.method ?? null,
      recordedByOrganisation: caller.org,
      recordedBySub: caller.sub,
      approvedAt: now,
    });
    if (!inserted) {
      throw new AppError(PlanErrors.PLAN_ALREADY_APPROVED, {
        detail: `${approver} has already approved this revision.`,
      });
    }
    const approvals = await findCurrentApprovals(tx, plan.id);
    let agreedVersion: number | null = null;
    if (
      approvalsComplete(
        needed,
        approvals.map((a) => a.approver),
      )
    ) {
      agreedVersion = await agree(tx, kase, plan, plan.draft, approvals, { now, actor: actorOf(caller) });
    }
    return { ...(await view(tx, kase)), agreedVersion };
  });
}

/**
 * The draft becomes version N (immutable), the case becomes active (referrals' setCaseActive,
 * which also meets the `plan.due` deadline — on time or late), and the clocks are set: the
 * review 3 months later (381/2023 §6; 150/1930), the client's report date (§7(1)) and each
 * action's due date, as deadline rows.
 */
async function agree(
  tx: Transaction,
  kase: CaseRecord,
  plan: PlanRow,
  contents: PlanContents,
  approvals: PlanApprovalRow[],
  ctx: Ctx,
): Promise<number> {
  const step = planTransition(plan, 'agree');
  const today = todayInHelsinki(ctx.now);
  const version = plan.currentVersion + 1;
  const existing = new Map((await findActions(tx, plan.id)).map((a) => [a.id, a]));
  const statuses: Record<string, string> = {};
  for (const a of contents.actions) statuses[a.id] = existing.get(a.id)?.status ?? 'planned';
  await insertVersion(tx, {
    planId: plan.id,
    version,
    contents,
    actionStatuses: statuses,
    approvals: approvals.map((a) => ({
      approver: a.approver,
      roles: a.roles,
      method: a.method,
      recordedByOrganisation: a.recordedByOrganisation,
      approvedAt: a.approvedAt.toISOString(),
    })),
    draftRevision: plan.draftRevision,
    agreedOn: today,
    agreedAt: ctx.now,
    basis: version === 1 ? 'initial' : 'revision',
  });
  const deadlineCtx = { now: ctx.now, actor: ctx.actor };
  for (const a of contents.actions) {
    await upsertAction(tx, {
      id: a.id,
      planId: plan.id,
      ownerOrganisationCode: a.ownerOrganisationCode,
      dueOn: a.dueOn,
    });
    const open = !['done', 'cancelled'].includes(statuses[a.id] ?? 'planned');
    if (a.dueOn && open) {
      await setDeadline(
        tx,
        subject(kase, 'plan.action', 'plan_action', a.id, [
          ...new Set([a.ownerOrganisationCode, ...kase.partyOrganisationCodes]),
        ]),
        {
          dueOn: a.dueOn,
          rule: 'plan.action',
          statute: '381/2023 §5; date agreed in the plan',
          planVersion: version,
        },
        deadlineCtx,
      );
    } else if (!a.dueOn) {
      await cancelDeadline(tx, 'plan.action', a.id, 'plan.action_undated', deadlineCtx);
    }
  }
  const dropped = [...existing.values()].filter((a) => a.inForce && !statuses[a.id]).map((a) => a.id);
  await retireActions(tx, dropped);
  for (const id of dropped) await cancelDeadline(tx, 'plan.action', id, 'plan.action_removed', deadlineCtx);
  if (contents.clientReport) {
    await setDeadline(
      tx,
      subject(kase, 'plan.client_report', 'case', kase.id),
      {
        dueOn: contents.clientReport.dueOn,
        rule: 'plan.client_report',
        statute: '381/2023 §7(1); date set in the plan',
        planVersion: version,
      },
      deadlineCtx,
    );
  }
  const review = reviewDueOn(today);
  await setDeadline(tx, subject(kase, 'plan.review', 'case', kase.id), review, deadlineCtx);
  if (kase.status === 'assessment') {
    await setCaseActive(tx, kase.id, { agreedOn: today, actor: ctx.actor, now: ctx.now });
  }
  // Idempotent: setCaseActive met it already, unless the case was active before.
  await meetDeadline(tx, 'plan.due', kase.id, today, deadlineCtx);
  if (version > 1) await meetDeadline(tx, 'plan.review_requested', kase.id, today, deadlineCtx);
  await withdrawApprovals(tx, plan.id, ctx.now);
  await updatePlan(tx, plan.id, {
    currentVersion: version,
    draft: null,
    draftStatus: step.to,
    submittedRevision: null,
    draftRevision: plan.draftRevision + 1,
    lastAgreedOn: today,
    updatedAt: ctx.now,
  });
  await recordEvent(tx, {
    type: 'plan.agreed',
    occurredAt: ctx.now,
    organisationCodes: kase.partyOrganisationCodes,
    cooperationAreaId: kase.cooperationAreaId,
    caseId: kase.id,
    subjectType: 'plan',
    subjectId: plan.id,
    actor: ctx.actor,
    payload: { caseId: kase.id, planId: plan.id, version, agreedOn: today, reviewDueOn: review.dueOn },
  });
  return version;
}
