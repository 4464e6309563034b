import type { PlanContents, Queryable } from '@tym/db';
import { recordEvent } from '@tym/jobs';
import { AppError, checkIfMatch as checkIfMatchOf, etagOf } from '@tym/platform';
import { findCaseParties } from '@tym/referrals';
import { type Caller, logPlanningAccess } from '../caller.js';
import { caseNotFound, loadCaseAccess } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { clientPartyCodes } from '../policy.js';
import { planTransition } from './plan.transitions.js';
import { type DraftInput, normaliseDraft } from './plan-draft.rules.js';
import { missingPlanContents } from './plan-rules.js';
import { actorOf, changePlan, type PlanView, required, view } from './plan-view.js';
import { PlanErrors } from './plans.errors.js';
import {
  ensurePlan,
  findActions,
  findPlanByCase,
  findVersion,
  type PlanRow,
  updatePlan,
  withdrawApprovals,
} from './plans.repository.js';
/**
 * The draft's ETag: its revision, in the one format of every service (`"3"`, see
 * `@tym/platform` if-match.ts; the older `"r3"` is still accepted in `If-Match`).
 */
export const draftETag = (revision: number): string => etagOf(revision);

/** The draft revision an If-Match names: 428 without one, 412 when it is not the current one. */
export function checkIfMatch(header: string | readonly string[] | undefined, currentRevision: number): void {
  checkIfMatchOf(header, currentRevision, 'the draft');
}

/** The plan of a case: the current agreed version and the draft. */
export async function getPlan(deps: PlanningDeps, caller: Caller, caseId: string): Promise<PlanView> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCaseAccess(tx, caller, caseId);
    if (loaded?.access !== 'full') throw caseNotFound(caseId);
    await logPlanningAccess(tx, caller, deps.clock.now(), [
      { action: 'plan.read', caseId, clientId: loaded.kase.clientId },
    ]);
    return view(tx, loaded.kase);
  });
}

/**
 * Stores a new draft revision. Any edit after a submission withdraws the approvals given and
 * returns the draft to editing: the parties approve what they saw, never a later text.
 */
export async function writeDraft(
  tx: Queryable,
  plan: PlanRow,
  contents: PlanContents,
  now: Date,
): Promise<PlanRow> {
  const step = planTransition(plan, 'write');
  if (plan.draftStatus === 'submitted' || plan.submittedRevision !== null)
    await withdrawApprovals(tx, plan.id, now);
  return updatePlan(tx, plan.id, {
    draft: contents,
    draftStatus: step.to,
    draftRevision: plan.draftRevision + 1,
    submittedRevision: null,
    updatedAt: now,
  });
}

export async function putDraft(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  input: DraftInput,
  ifMatch: string | readonly string[] | undefined,
): Promise<PlanView> {
  return changePlan(deps, caller, caseId, 'plan.draft.write', async ({ tx, now, kase }) => {
    const plan = await ensurePlan(tx, {
      caseId,
      clientId: kase.clientId,
      cooperationAreaId: kase.cooperationAreaId,
      now,
    });
    checkIfMatch(ifMatch, plan.draftRevision);
    const live = (await findActions(tx, plan.id)).filter((a) => a.inForce).map((a) => a.id);
    const base =
      plan.draft ??
      (plan.currentVersion ? (await findVersion(tx, plan.id, plan.currentVersion))?.contents : null) ??
      null;
    const contents = normaliseDraft(input, base, new Set(live), new Set(clientPartyCodes(kase)));
    await writeDraft(tx, plan, contents, now);
    return view(tx, kase);
  });
}

/** Submits the draft for approval (381/2023 §4(2)): it must be complete (§5, §7). */
export async function submitDraft(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  ifMatch: string | readonly string[] | undefined,
): Promise<PlanView> {
  return changePlan(deps, caller, caseId, 'plan.draft.submit', async ({ tx, now, kase }) => {
    const plan = await findPlanByCase(tx, caseId, { forUpdate: true });
    if (!plan?.draft)
      throw new AppError(PlanErrors.PLAN_NO_DRAFT, { detail: 'Write a draft first (PUT …/plan/draft).' });
    checkIfMatch(ifMatch, plan.draftRevision);
    const step = planTransition(plan, 'submit');
    const missing = missingPlanContents(plan.draft);
    if (missing.length) {
      throw new AppError(PlanErrors.PLAN_INCOMPLETE, {
        detail: missing.map((m) => `${m.location}: ${m.message}`).join('; '),
        errors: missing,
      });
    }
    await updatePlan(tx, plan.id, {
      draftStatus: step.to,
      submittedRevision: plan.draftRevision,
      updatedAt: now,
    });
    const parties = await findCaseParties(tx, caseId);
    const needed = required(kase, parties, plan.draft);
    await recordEvent(tx, {
      type: 'plan.submitted',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId,
      subjectType: 'plan',
      subjectId: plan.id,
      actor: actorOf(caller),
      payload: {
        caseId,
        planId: plan.id,
        draftRevision: plan.draftRevision,
        requiredApprovers: needed.map((r) => r.approver),
      },
    });
    return view(tx, kase);
  });
}
