import { randomUUID } from 'node:crypto';
import type { PlanActionContent, PlanActionStatus, Queryable } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { cancelDeadline, meetDeadline, recordEvent } from '@tym/jobs';
import { AppError } from '@tym/platform';
import type { CaseRecord } from '@tym/referrals';
import type { Caller } from '../caller.js';
import { assertOpen } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { canUpdateActionStatus } from '../policy.js';
import { writeDraft } from './plan-draft.service.js';
import { actorOf, changePlan } from './plan-view.js';
import { PlanErrors } from './plans.errors.js';
import {
  ensurePlan,
  findAction,
  findPlanByCase,
  findVersion,
  type PlanActionRow,
  updateAction,
} from './plans.repository.js';
// --- Action status ----------------------------------------------------------------------------

/** The owner organisation of an agreed action updates its status; others cannot. */
export async function updateActionStatus(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  actionId: string,
  status: PlanActionStatus,
): Promise<PlanActionRow> {
  return changePlan(deps, caller, caseId, 'plan.action.status', async ({ tx, now, kase }) => {
    const today = todayInHelsinki(now);
    const plan = await findPlanByCase(tx, caseId, { forUpdate: true });
    const action = plan ? await findAction(tx, plan.id, actionId, { forUpdate: true }) : null;
    if (!plan || !action?.inForce) {
      throw new AppError(PlanErrors.PLAN_ACTION_NOT_FOUND, {
        detail: `No agreed action ${actionId} in this plan.`,
      });
    }
    if (!canUpdateActionStatus(caller, action.ownerOrganisationCode)) {
      throw new AppError(PlanErrors.PLAN_ACTION_NOT_OWNER, {
        detail: `The action is owned by ${action.ownerOrganisationCode}.`,
      });
    }
    const updated = await updateAction(tx, actionId, {
      status,
      statusUpdatedAt: now,
      statusUpdatedByOrganisation: caller.org,
      statusUpdatedBySub: caller.sub,
    });
    const ctx = { now, actor: actorOf(caller) };
    if (status === 'done') await meetDeadline(tx, 'plan.action', actionId, today, ctx);
    if (status === 'cancelled')
      await cancelDeadline(tx, 'plan.action', actionId, 'plan.action_cancelled', ctx);
    await recordEvent(tx, {
      type: 'plan.action_updated',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId,
      subjectType: 'plan_action',
      subjectId: actionId,
      actor: ctx.actor,
      payload: {
        caseId,
        planId: plan.id,
        actionId,
        status,
        previousStatus: action.status,
        ownerOrganisationCode: action.ownerOrganisationCode,
      },
    });
    return updated;
  });
}

// --- From meeting decisions -------------------------------------------------------------------

/**
 * Adds actions decided in a meeting to the plan draft (creating the draft from the current
 * version, or empty, when there is none). Runs in the meeting's closing transaction; like
 * any edit, it withdraws approvals of a submitted draft. Returns decision id → action id.
 */
export async function addDecisionActions(
  tx: Queryable,
  kase: CaseRecord,
  decisions: Array<{
    id: string;
    text: string;
    ownerOrganisationCode: string;
    type: PlanActionContent['type'];
    dueOn: string | null;
  }>,
  now: Date,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!decisions.length) return ids;
  assertOpen(kase);
  const plan = await ensurePlan(tx, {
    caseId: kase.id,
    clientId: kase.clientId,
    cooperationAreaId: kase.cooperationAreaId,
    now,
  });
  const base = plan.draft ??
    (plan.currentVersion ? (await findVersion(tx, plan.id, plan.currentVersion))?.contents : null) ?? {
      actions: [],
    };
  const added = decisions.map((d): PlanActionContent => {
    const id = randomUUID();
    ids.set(d.id, id);
    return {
      id,
      ownerOrganisationCode: d.ownerOrganisationCode,
      type: d.type,
      description: d.text,
      responsiblePerson: null,
      dueOn: d.dueOn,
      sourceDecisionId: d.id,
    };
  });
  await writeDraft(tx, plan, { ...base, actions: [...base.actions, ...added] }, now);
  return ids;
}
