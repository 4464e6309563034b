import { randomUUID } from 'node:crypto';
import type {
  ClientParticipationKind,
  PlanActionContent,
  PlanActionStatus,
  PlanContents,
  Queryable,
  Transaction,
} from '@tym/db';
import { compareLocalDates, reviewDueOn, reviewRequestDueOn, todayInHelsinki } from '@tym/domain';
import { type Actor, cancelDeadline, meetDeadline, recordEvent, setDeadline } from '@tym/jobs';
import { AppError, type InvalidField, invalidField } from '@tym/platform';
import { type CaseParty, type CaseRecord, findCase, findCaseParties, setCaseActive } from '@tym/referrals';
import { type Caller, logPlanningAccess } from '../caller.js';
import { assertOpen, caseNotFound, loadCaseAccess, loadCaseForWork } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { reviewRequestResponseDays } from '../directory.js';
import { findCaseMeetings } from '../meetings/meetings.repository.js';
import { canUpdateActionStatus, clientPartyCodes } from '../policy.js';
import {
  approvalsComplete,
  clientParticipationProblems,
  diffPlans,
  jointWorkParticipation,
  kelaApprovalNeeded,
  mayRecordReview,
  missingPlanContents,
  type PlanDiff,
  type RequiredApproval,
  requiredPlanApprovals,
  type StageParticipation,
} from './plan-rules.js';
import { PlanErrors } from './plans.errors.js';
import {
  type ClientParticipationRow,
  ensurePlan,
  findAction,
  findActions,
  findClientParticipation,
  findCurrentApprovals,
  findJointWorkMeetings,
  findPendingDeadline,
  findPlanByCase,
  findReviews,
  findVersion,
  findVersions,
  insertApproval,
  insertClientParticipation,
  insertReview,
  insertVersion,
  type PlanActionRow,
  type PlanApprovalRow,
  type PlanReviewRow,
  type PlanRow,
  type PlanVersionRow,
  retireActions,
  updateAction,
  updatePlan,
  upsertAction,
  withdrawApprovals,
} from './plans.repository.js';

const actorOf = (caller: Caller): Actor => ({ organisation: caller.org, sub: caller.sub });

// --- ETags of the draft (architecture.md: editable documents carry an ETag) --------------

export function draftETag(revision: number): string {
  return `"r${revision}"`;
}

/** The draft revision an If-Match names: 428 without one, 412 when it is not the current one. */
export function checkIfMatch(header: string | undefined, currentRevision: number): void {
  if (header === undefined || header.trim() === '') {
    throw new AppError('PRECONDITION_REQUIRED', {
      detail: 'Send If-Match with the ETag of the draft you edited (GET …/plan gives it).',
      errors: [{ location: 'header.if-match', message: 'is required', rule: 'required' }],
    });
  }
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(draftETag(currentRevision))) {
    throw new AppError('PRECONDITION_FAILED', {
      detail: `The draft is now at ${draftETag(currentRevision)}; read it again and reapply your change.`,
      extensions: { currentETag: draftETag(currentRevision) },
    });
  }
}

// --- Views --------------------------------------------------------------------------------

export interface DraftView {
  revision: number;
  status: 'editing' | 'submitted';
  submittedRevision: number | null;
  contents: PlanContents;
  requiredApprovals: RequiredApproval[];
  approvals: PlanApprovalRow[];
}

export interface PlanView {
  kase: CaseRecord;
  plan: PlanRow | null;
  current: PlanVersionRow | null;
  actions: Map<string, PlanActionRow>;
  draft: DraftView | null;
  reviews: PlanReviewRow[];
  reviewDueOn: string | null;
  clientReportDueOn: string | null;
  /** Who took part in the joint assessment and planning (381/2023 §4). */
  participation: { assessment: StageParticipation; planning: StageParticipation };
  /** The client did not take part, or refused a measure (381/2023 §7(2)). */
  clientParticipation: ClientParticipationRow[];
}

function required(kase: CaseRecord, parties: CaseParty[], contents: PlanContents): RequiredApproval[] {
  return requiredPlanApprovals({
    employmentAuthorityCode: kase.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: kase.wellbeingCountyOrganiserCode,
    kelaOrganisationCodes: parties.filter((p) => p.roles.includes('kela')).map((p) => p.organisationCode),
    kelaRehabilitationNeeded: contents.kelaRehabilitationNeeded === true,
    actionOwnerOrganisationCodes: contents.actions.map((a) => a.ownerOrganisationCode),
  });
}

/**
 * Who took part in the joint work, from the meetings held (`jointWorkParticipation`); Kela is
 * required in the planning when the draft (or else the agreed version) needs Kela.
 */
async function participationOf(
  tx: Queryable,
  kase: CaseRecord,
  contents: PlanContents | null,
): Promise<PlanView['participation']> {
  const held = await findJointWorkMeetings(tx, kase.id);
  const parties = await findCaseParties(tx, kase.id);
  const kela = parties.filter((p) => p.roles.includes('kela')).map((p) => p.organisationCode);
  const kelaNeeded = contents
    ? kelaApprovalNeeded({
        kelaOrganisationCodes: kela,
        kelaRehabilitationNeeded: contents.kelaRehabilitationNeeded === true,
        actionOwnerOrganisationCodes: contents.actions.map((a) => a.ownerOrganisationCode),
      })
    : false;
  return jointWorkParticipation(held, kase, kela, kelaNeeded);
}

async function view(tx: Queryable, kase: CaseRecord): Promise<PlanView> {
  const plan = await findPlanByCase(tx, kase.id);
  if (!plan) {
    return {
      participation: await participationOf(tx, kase, null),
      kase,
      plan: null,
      current: null,
      actions: new Map(),
      draft: null,
      reviews: [],
      reviewDueOn: null,
      clientReportDueOn: null,
      clientParticipation: [],
    };
  }
  // One query at a time: a transaction is one connection.
  const current = plan.currentVersion ? await findVersion(tx, plan.id, plan.currentVersion) : null;
  const actions = await findActions(tx, plan.id);
  const approvals = await findCurrentApprovals(tx, plan.id);
  const reviews = await findReviews(tx, plan.id);
  const review = await findPendingDeadline(tx, 'plan.review', kase.id);
  const requested = await findPendingDeadline(tx, 'plan.review_requested', kase.id);
  const report = await findPendingDeadline(tx, 'plan.client_report', kase.id);
  const parties = await findCaseParties(tx, kase.id);
  const dues = [review?.dueOn, requested?.dueOn]
    .filter((d): d is string => Boolean(d))
    .sort(compareLocalDates);
  return {
    kase,
    plan,
    current,
    actions: new Map(actions.map((a) => [a.id, a])),
    draft:
      plan.draft && plan.draftStatus !== 'none'
        ? {
            revision: plan.draftRevision,
            status: plan.draftStatus,
            submittedRevision: plan.submittedRevision,
            contents: plan.draft,
            requiredApprovals: required(kase, parties, plan.draft),
            approvals,
          }
        : null,
    reviews,
    reviewDueOn: dues[0] ?? null,
    clientReportDueOn: report?.dueOn ?? null,
    participation: await participationOf(tx, kase, plan.draft ?? current?.contents ?? null),
    clientParticipation: await findClientParticipation(tx, plan.id),
  };
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

// --- The draft ------------------------------------------------------------------------------

export interface DraftInput
  extends Omit<PlanContents, 'actions' | 'workSearch' | 'rehabilitativeWorkActivity'> {
  workSearch?: { obligation: 'applies' | 'exempted'; exemptionReason?: string | null };
  rehabilitativeWorkActivity?: { agreed: boolean; benefitsExplainedOn?: string | null };
  actions: Array<
    Omit<PlanActionContent, 'id' | 'sourceDecisionId' | 'responsiblePerson' | 'dueOn'> & {
      id?: string;
      responsiblePerson?: string | null;
      dueOn?: string | null;
    }
  >;
}

/** Checks and normalises a draft body; every problem is reported, with its location. */
function normaliseDraft(
  input: DraftInput,
  previous: PlanContents | null,
  liveActionIds: Set<string>,
  partyCodes: Set<string>,
): PlanContents {
  const errors: Array<InvalidField & { code: string }> = [];
  const known = new Map((previous?.actions ?? []).map((a) => [a.id, a]));
  const seen = new Set<string>();
  const actions = input.actions.map((a, i): PlanActionContent => {
    const at = `body.actions[${i}]`;
    if (a.id !== undefined) {
      if (seen.has(a.id)) {
        errors.push({
          code: PlanErrors.PLAN_CONTENT_INVALID,
          location: `${at}.id`,
          message: 'is listed twice',
          rule: 'unique',
        });
      } else if (!known.has(a.id) && !liveActionIds.has(a.id)) {
        errors.push({
          code: PlanErrors.PLAN_ACTION_UNKNOWN,
          location: `${at}.id`,
          message: 'is not an action of this plan; omit the id for a new action',
          rule: 'action',
        });
      }
      seen.add(a.id);
    }
    if (!partyCodes.has(a.ownerOrganisationCode)) {
      errors.push({
        code: PlanErrors.PLAN_ACTION_OWNER_NOT_A_PARTY,
        location: `${at}.ownerOrganisationCode`,
        message: `${a.ownerOrganisationCode} is not a party of the case`,
        rule: 'party',
      });
    }
    return {
      id: a.id ?? randomUUID(),
      ownerOrganisationCode: a.ownerOrganisationCode,
      type: a.type,
      description: a.description,
      responsiblePerson: a.responsiblePerson ?? null,
      dueOn: a.dueOn ?? null,
      sourceDecisionId: (a.id ? known.get(a.id)?.sourceDecisionId : null) ?? null,
    };
  });
  if (input.workSearch?.obligation === 'applies' && input.workSearch.exemptionReason) {
    errors.push({
      code: PlanErrors.PLAN_CONTENT_INVALID,
      location: 'body.workSearch.exemptionReason',
      message: 'is only for an exemption (380/2023 §48)',
      rule: 'exemption',
    });
  }
  const first = errors[0];
  if (first) {
    throw new AppError(first.code, {
      detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
      errors: errors.map(({ code: _c, ...e }) => e),
    });
  }
  const contents: PlanContents = { actions };
  if (input.mapping) contents.mapping = input.mapping;
  if (input.goals) contents.goals = input.goals;
  if (input.followUp !== undefined) contents.followUp = input.followUp;
  if (input.workSearch) {
    contents.workSearch = {
      obligation: input.workSearch.obligation,
      exemptionReason: input.workSearch.exemptionReason ?? null,
    };
  }
  if (input.clientReport) contents.clientReport = input.clientReport;
  if (input.rehabilitativeWorkActivity) {
    contents.rehabilitativeWorkActivity = {
      agreed: input.rehabilitativeWorkActivity.agreed,
      benefitsExplainedOn: input.rehabilitativeWorkActivity.benefitsExplainedOn ?? null,
    };
  }
  if (input.kelaRehabilitationNeeded !== undefined)
    contents.kelaRehabilitationNeeded = input.kelaRehabilitationNeeded;
  return contents;
}

/**
 * Stores a new draft revision. Any edit after a submission withdraws the approvals given and
 * returns the draft to editing: the parties approve what they saw, never a later text.
 */
async function writeDraft(tx: Queryable, plan: PlanRow, contents: PlanContents, now: Date): Promise<PlanRow> {
  if (plan.draftStatus === 'submitted' || plan.submittedRevision !== null)
    await withdrawApprovals(tx, plan.id, now);
  return updatePlan(tx, plan.id, {
    draft: contents,
    draftStatus: 'editing',
    draftRevision: plan.draftRevision + 1,
    submittedRevision: null,
    updatedAt: now,
  });
}

export async function putDraft(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  ifMatch: string | undefined,
  input: DraftInput,
): Promise<PlanView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadCaseForWork(tx, caller, caseId);
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
    await logPlanningAccess(tx, caller, now, [
      { action: 'plan.draft.write', caseId, clientId: kase.clientId },
    ]);
    return view(tx, kase);
  });
}

/** Submits the draft for approval (381/2023 §4(2)): it must be complete (§5, §7). */
export async function submitDraft(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  ifMatch: string | undefined,
): Promise<PlanView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadCaseForWork(tx, caller, caseId);
    const plan = await findPlanByCase(tx, caseId, { forUpdate: true });
    if (!plan?.draft)
      throw new AppError(PlanErrors.PLAN_NO_DRAFT, { detail: 'Write a draft first (PUT …/plan/draft).' });
    checkIfMatch(ifMatch, plan.draftRevision);
    if (plan.draftStatus === 'submitted') {
      throw new AppError(PlanErrors.PLAN_ALREADY_SUBMITTED, {
        detail: `Revision ${plan.draftRevision} is already waiting for approvals.`,
      });
    }
    const missing = missingPlanContents(plan.draft);
    if (missing.length) {
      throw new AppError(PlanErrors.PLAN_INCOMPLETE, {
        detail: missing.map((m) => `${m.location}: ${m.message}`).join('; '),
        errors: missing,
      });
    }
    await updatePlan(tx, plan.id, {
      draftStatus: 'submitted',
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
    await logPlanningAccess(tx, caller, now, [
      { action: 'plan.draft.submit', caseId, clientId: kase.clientId },
    ]);
    return view(tx, kase);
  });
}

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
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadCaseForWork(tx, caller, caseId);
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
    if (plan.draftStatus !== 'submitted') {
      throw new AppError(PlanErrors.PLAN_NOT_SUBMITTED, { detail: 'Submit the draft before approving it.' });
    }
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
    await logPlanningAccess(tx, caller, now, [{ action: 'plan.approve', caseId, clientId: kase.clientId }]);
    return { ...(await view(tx, kase)), agreedVersion };
  });
}

interface Ctx {
  now: Date;
  actor: Actor;
}

function subject(
  kase: CaseRecord,
  kind: string,
  subjectType: string,
  subjectId: string,
  organisationCodes?: string[],
) {
  return {
    kind,
    subjectType,
    subjectId,
    caseId: kase.id,
    cooperationAreaId: kase.cooperationAreaId,
    organisationCodes: organisationCodes ?? kase.partyOrganisationCodes,
  };
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
    draftStatus: 'none',
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
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadCaseForWork(tx, caller, caseId);
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
    await logPlanningAccess(tx, caller, now, [{ action: 'plan.review', caseId, clientId: kase.clientId }]);
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

// --- The client's part (381/2023 §7(2)) ------------------------------------------------------

export interface ClientParticipationInput {
  kind: ClientParticipationKind;
  occurredOn: string;
  actionId?: string;
  explained: string;
}

/**
 * Records that the client did not take part in drawing up or reviewing the plan, or refused a
 * measure, with the day and what was explained (381/2023 §7(2), `clientParticipationProblems`).
 * Staff of the client's parties with full access; append-only. The event carries ids, the
 * kind and the day — never what was explained.
 */
export async function recordClientParticipation(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  input: ClientParticipationInput,
): Promise<ClientParticipationRow> {
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadCaseForWork(tx, caller, caseId);
    const plan = await ensurePlan(tx, {
      caseId,
      clientId: kase.clientId,
      cooperationAreaId: kase.cooperationAreaId,
      now,
    });
    const versions = await findVersions(tx, plan.id);
    const actionIds = new Set([
      ...(plan.draft?.actions ?? []).map((a) => a.id),
      ...(await findActions(tx, plan.id)).map((a) => a.id),
    ]);
    const problems = clientParticipationProblems(input, {
      assessmentStartedOn: kase.assessmentStartedOn,
      today,
      firstAgreedOn: versions[0]?.agreedOn ?? null,
      planActionIds: actionIds,
    });
    const first = problems[0];
    if (first) {
      throw new AppError(PlanErrors[first.code], {
        detail: problems.map((p) => `${p.location} ${p.message}`).join('; '),
        errors: problems.map(({ code: _c, ...p }) => p),
      });
    }
    const row = await insertClientParticipation(tx, {
      planId: plan.id,
      kind: input.kind,
      occurredOn: input.occurredOn,
      actionId: input.actionId ?? null,
      explained: input.explained.trim(),
      planVersion: plan.currentVersion > 0 ? plan.currentVersion : null,
      recordedByOrganisation: caller.org,
      recordedBySub: caller.sub,
      recordedAt: now,
    });
    await recordEvent(tx, {
      type: 'plan.client_participation_recorded',
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
        recordId: row.id,
        kind: row.kind,
        occurredOn: row.occurredOn,
        actionId: row.actionId,
      },
    });
    await logPlanningAccess(tx, caller, now, [
      { action: 'plan.client_participation.record', caseId, clientId: kase.clientId },
    ]);
    return row;
  });
}

/**
 * The records of the client's participation, for the parties' staff with full access — the
 * employment authority reads them for its labour-policy statement (381/2023 §7(2)).
 */
export async function listClientParticipation(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
): Promise<ClientParticipationRow[]> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCaseAccess(tx, caller, caseId);
    if (loaded?.access !== 'full') throw caseNotFound(caseId);
    const plan = await findPlanByCase(tx, caseId);
    await logPlanningAccess(tx, caller, deps.clock.now(), [
      { action: 'plan.client_participation.list', caseId, clientId: loaded.kase.clientId },
    ]);
    return plan ? findClientParticipation(tx, plan.id) : [];
  });
}

// --- Versions and diffs -----------------------------------------------------------------------

export interface VersionsView {
  kase: CaseRecord;
  access: 'full' | 'ids';
  versions: PlanVersionRow[];
}

/** The agreed versions; partners of the case get numbers and dates only. */
export async function listVersions(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
): Promise<VersionsView> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCaseAccess(tx, caller, caseId);
    if (!loaded || loaded.access === 'none') throw caseNotFound(caseId);
    const plan = await findPlanByCase(tx, caseId);
    const versions = plan ? await findVersions(tx, plan.id) : [];
    await logPlanningAccess(tx, caller, deps.clock.now(), [
      {
        action: loaded.access === 'full' ? 'plan.versions.list' : 'plan.versions.list.status',
        caseId,
        clientId: loaded.kase.clientId,
      },
    ]);
    return { kase: loaded.kase, access: loaded.access, versions };
  });
}

export async function getVersion(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  version: number,
): Promise<{ version: PlanVersionRow; live: Map<string, PlanActionRow>; isCurrent: boolean }> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCaseAccess(tx, caller, caseId);
    if (loaded?.access !== 'full') throw caseNotFound(caseId);
    const plan = await findPlanByCase(tx, caseId);
    const row = plan ? await findVersion(tx, plan.id, version) : null;
    if (!plan || !row)
      throw new AppError(PlanErrors.PLAN_VERSION_NOT_FOUND, { detail: `No version ${version}.` });
    await logPlanningAccess(tx, caller, deps.clock.now(), [
      { action: 'plan.version.read', caseId, clientId: loaded.kase.clientId },
    ]);
    const live = new Map((await findActions(tx, plan.id)).map((a) => [a.id, a]));
    return { version: row, live, isCurrent: plan.currentVersion === version };
  });
}

export async function diffVersions(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  from: number,
  to: number,
): Promise<PlanDiff & { from: number; to: number }> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCaseAccess(tx, caller, caseId);
    if (loaded?.access !== 'full') throw caseNotFound(caseId);
    const plan = await findPlanByCase(tx, caseId);
    if (!plan?.currentVersion)
      throw new AppError(PlanErrors.PLAN_NOT_AGREED, { detail: 'No version is agreed yet.' });
    const a = await findVersion(tx, plan.id, from);
    const b = await findVersion(tx, plan.id, to);
    if (!a)
      throw invalidField(PlanErrors.PLAN_VERSION_NOT_FOUND, 'query.from', `no version ${from}`, 'version');
    if (!b) throw invalidField(PlanErrors.PLAN_VERSION_NOT_FOUND, 'query.to', `no version ${to}`, 'version');
    const parties = (await findCaseParties(tx, caseId)).filter((p) =>
      loaded.partyCodes.includes(p.organisationCode),
    );
    await logPlanningAccess(tx, caller, deps.clock.now(), [
      { action: 'plan.versions.diff', caseId, clientId: loaded.kase.clientId },
    ]);
    return { from, to, ...diffPlans(a.contents, b.contents, parties) };
  });
}

// --- Action status ----------------------------------------------------------------------------

/** The owner organisation of an agreed action updates its status; others cannot. */
export async function updateActionStatus(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  actionId: string,
  status: PlanActionStatus,
): Promise<PlanActionRow> {
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadCaseForWork(tx, caller, caseId);
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
    await logPlanningAccess(tx, caller, now, [
      { action: 'plan.action.status', caseId, clientId: kase.clientId },
    ]);
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
