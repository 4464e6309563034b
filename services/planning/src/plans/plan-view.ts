import type { PlanContents, Queryable, Transaction } from '@tym/db';
import { compareLocalDates } from '@tym/domain';
import type { Actor } from '@tym/jobs';
import { type CaseParty, type CaseRecord, findCaseParties } from '@tym/referrals';
import type { Caller } from '../caller.js';
import { logPlanningAccess } from '../caller.js';
import { loadCaseForWork } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import {
  jointWorkParticipation,
  kelaApprovalNeeded,
  type RequiredApproval,
  requiredPlanApprovals,
  type StageParticipation,
} from './plan-rules.js';
import {
  type ClientParticipationRow,
  findActions,
  findClientParticipation,
  findCurrentApprovals,
  findJointWorkMeetings,
  findPendingDeadline,
  findPlanByCase,
  findReviews,
  findVersion,
  type PlanActionRow,
  type PlanApprovalRow,
  type PlanReviewRow,
  type PlanRow,
  type PlanVersionRow,
} from './plans.repository.js';
/** The plan as its use cases return it, and what they share (approvals required, deadline subjects). */

export const actorOf = (caller: Caller): Actor => ({ organisation: caller.org, sub: caller.sub });

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

export function required(kase: CaseRecord, parties: CaseParty[], contents: PlanContents): RequiredApproval[] {
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
export async function participationOf(
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

export async function view(tx: Queryable, kase: CaseRecord): Promise<PlanView> {
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

export interface Ctx {
  now: Date;
  actor: Actor;
}

export function subject(
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
 * The sequence of every change of a plan, written once: in one transaction, load the case
 * for work (staff of the client's parties with full access, the case open, locked), let
 * `run` load the plan, check its transition cell, update it, set or meet deadlines and record
 * its event, then write the access log entry `log` and return what `run` gives.
 */
export async function changePlan<T>(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  log: string,
  run: (c: { tx: Transaction; now: Date; kase: CaseRecord }) => Promise<T>,
): Promise<T> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadCaseForWork(tx, caller, caseId);
    const result = await run({ tx, now, kase });
    await logPlanningAccess(tx, caller, now, [{ action: log, caseId, clientId: kase.clientId }]);
    return result;
  });
}
