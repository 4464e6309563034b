import type { CaseEndingGround, CaseEndingOutcome, CaseEndingReason, Transaction } from '@tym/db';
import { compareLocalDates, erasureDueOn, reviewRequestDueOn, todayInHelsinki } from '@tym/domain';
import { type Actor, cancelCaseDeadlines, recordEvent, setDeadline } from '@tym/jobs';
import { AppError, decodeCursor, encodeCursor, invalidField } from '@tym/platform';
import type { StaffCard } from '@tym/resourcing';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import {
  findAreaParties,
  findStaffCardsById,
  findStaffMember,
  reviewRequestResponseDays,
} from '../directory.js';
import { PolicyErrors } from '../policy/policy.errors.js';
import {
  type CaseAccess,
  canConfirmEnding,
  canRecordDutiesExplained,
  caseAccess,
  caseListScope,
  hasCaseworkRole,
  isClientParty,
} from '../policy/policy.js';
import { type CaseTransferRow, findCaseTransfers } from '../transfers/transfers.repository.js';
import { endingComplete, legacyEndingOutcome, requiredEndingConfirmers } from './case-rules.js';
import { CaseErrors } from './cases.errors.js';
import {
  type CaseloadFilter,
  type CaseloadRow,
  type CaseRow,
  type CaseTransitionRow,
  closeProposal,
  closeTeamMember,
  countCurrentTeam,
  type DeadlineRow,
  type DutyExplanationRow,
  type EndingConfirmationRow,
  type EndingProposalRow,
  findCaseDeadlines,
  findCaseloadPage,
  findCaseRow,
  findCaseTransitions,
  findConfirmations,
  findCurrentTeam,
  findDutyExplanations,
  findLatestProposal,
  findOpenProposal,
  findReferralTransitionsOf,
  findReviewRequests,
  findTimelineEvents,
  insertCaseTransition,
  insertConfirmation,
  insertDutyExplanation,
  insertProposal,
  insertReviewRequest,
  insertTeamMember,
  isOnTeam,
  type TeamMemberRow,
  updateCaseRow,
} from './cases.repository.js';
import type { ReviewRequestView } from './review-request-refusal.service.js';
import { reviewRequestStatuses } from './review-request-rules.js';
import { findTeamCompleteness, type TeamCompleteness, teamCompletenessOf } from './team-completeness.js';

const actorOf = (caller: Caller): Actor => ({ organisation: caller.org, sub: caller.sub });

function notFound(id: string): AppError {
  return new AppError(CaseErrors.CASE_NOT_FOUND, { detail: `No case ${id}, or not one you may see.` });
}

interface LoadedCase {
  kase: CaseRow;
  access: Exclude<CaseAccess, 'none'>;
  onTeam: boolean;
}

/** A case as the caller may see it; 404 when they may not see it at all. */
async function loadCase(
  tx: Transaction,
  caller: Caller,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedCase> {
  const kase = await findCaseRow(tx, id, options);
  if (!kase) throw notFound(id);
  const onTeam = await isOnTeam(tx, id, caller.org, caller.sub);
  const access = caseAccess(caller, { ...kase, callerOnTeam: onTeam });
  if (access === 'none') throw notFound(id);
  return { kase, access, onTeam };
}

/**
 * A case the caller works on: full access, locked for the rest of the transaction so
 * concurrent changes to one case are serialised, and not ended (unless `allowEnded`).
 */
export async function loadForWork(tx: Transaction, caller: Caller, id: string): Promise<CaseRow> {
  const { kase, access } = await loadCase(tx, caller, id, { forUpdate: true });
  if (access !== 'full') {
    throw new AppError(CaseErrors.CASE_ACTION_NOT_ALLOWED, { detail: 'Partners see ids and statuses only.' });
  }
  if (kase.status === 'ended') {
    throw new AppError(CaseErrors.CASE_ENDED, {
      detail: `The client relationship ended on ${kase.endedOn}; a new referral starts a new one.`,
      extensions: { endedOn: kase.endedOn },
    });
  }
  return kase;
}

/** A team member with what the case's parties see of each other: name, roles, organisation. */
export interface TeamMemberView extends TeamMemberRow {
  card: StaffCard | null;
}

async function teamView(tx: Transaction, rows: TeamMemberRow[]): Promise<TeamMemberView[]> {
  const cards = await findStaffCardsById(
    tx,
    rows.map((m) => m.staffId),
  );
  return rows.map((m) => ({ ...m, card: cards.get(m.staffId) ?? null }));
}

export interface EndingView {
  proposal: EndingProposalRow;
  confirmations: EndingConfirmationRow[];
}

export interface CaseDetail {
  access: 'full';
  kase: CaseRow;
  client: { id: string };
  team: TeamMemberView[];
  deadlines: DeadlineRow[];
  transitions: CaseTransitionRow[];
  ending: EndingView | null;
  dutiesExplained: DutyExplanationRow[];
  reviewRequests: ReviewRequestView[];
  /** Moves to the parties of a new home municipality (380/2023 §17), oldest first. */
  transfers: CaseTransferRow[];
  /** Whether the team holds all three parties (381/2023 §4). */
  teamCompleteness?: TeamCompleteness;
}

export type CaseView = CaseDetail | { access: 'ids'; kase: CaseRow };

async function detail(tx: Transaction, kase: CaseRow): Promise<CaseDetail> {
  // One query at a time on the transaction's client.
  const team = await teamView(tx, await findCurrentTeam(tx, kase.id));
  const deadlines = await findCaseDeadlines(tx, kase.id);
  const transitions = await findCaseTransitions(tx, kase.id);
  const proposal = await findLatestProposal(tx, kase.id);
  const dutiesExplained = await findDutyExplanations(tx, kase.id);
  const requests = await findReviewRequests(tx, kase.id);
  const statuses = reviewRequestStatuses(
    requests,
    deadlines.find((d) => d.kind === 'plan.review_requested' && d.status === 'pending') ?? null,
  );
  const reviewRequests = requests.map((r) => ({ ...r, status: statuses.get(r.id) ?? 'closed' }));
  const transfers = await findCaseTransfers(tx, kase.id);
  return {
    access: 'full',
    kase,
    client: { id: kase.clientId },
    team,
    deadlines,
    transitions,
    ending: proposal ? { proposal, confirmations: await findConfirmations(tx, proposal.id) } : null,
    dutiesExplained,
    reviewRequests,
    transfers,
    ...withTeamCompleteness(await findTeamCompleteness(tx, [kase.id]), kase.id),
  };
}

/** The team completeness of one case, as an optional field (absent for an unknown id). */
function withTeamCompleteness(
  found: Map<string, TeamCompleteness>,
  id: string,
): { teamCompleteness?: TeamCompleteness } {
  const t = found.get(id);
  return t ? { teamCompleteness: t } : {};
}

export async function getCase(deps: ReferralsDeps, caller: Caller, id: string): Promise<CaseView> {
  return deps.db.transaction(async (tx) => {
    const { kase, access } = await loadCase(tx, caller, id);
    await logAccess(tx, caller, deps.clock.now(), [
      {
        action: access === 'full' ? 'case.read' : 'case.read.status',
        resourceType: 'case',
        resourceId: id,
        clientId: kase.clientId,
      },
    ]);
    return access === 'full' ? detail(tx, kase) : { access, kase };
  });
}

type CaseloadCursor = { t: string; i: string };
const isCaseloadCursor = (v: unknown): v is CaseloadCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as CaseloadCursor).t === 'string' &&
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test((v as CaseloadCursor).t) &&
  typeof (v as CaseloadCursor).i === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as CaseloadCursor).i);

export interface CaseloadItem {
  row: CaseloadRow;
  access: Exclude<CaseAccess, 'none'>;
  /** Whether the team holds all three parties (381/2023 §4); full access only. */
  teamCompleteness?: TeamCompleteness;
}

/**
 * "My caseload": the cases the caller sees, newest first, each with its next pending
 * deadline, in one query (no N+1). Partners get ids and statuses only.
 */
export async function listCases(
  deps: ReferralsDeps,
  caller: Caller,
  query: CaseloadFilter & { limit?: number; cursor?: string },
): Promise<{ items: CaseloadItem[]; nextCursor: string | null }> {
  const scope = caseListScope(caller);
  if (!scope) {
    if (hasCaseworkRole(caller)) {
      throw new AppError(PolicyErrors.STAFF_RECORD_REQUIRED, {
        detail:
          'Client data is processed only by staff with an active record in the directory (381/2023 §12(4)).',
      });
    }
    throw new AppError('FORBIDDEN', {
      detail: 'The caseload is for caseworkers, coordinators and partners.',
    });
  }
  const after = decodeCursor(query.cursor, isCaseloadCursor);
  if (query.cursor && !after) {
    throw invalidField('VALIDATION_FAILED', 'query.cursor', 'is not a cursor this API issued', 'cursor');
  }
  const limit = query.limit ?? 50;
  const { limit: _l, cursor: _c, ...filter } = query;
  // No transaction (issue 14): the page (with each case's team) is one statement, and its
  // access-log rows are one more, written before anything is answered (a failed write fails
  // the request); the areas' Kela organisations are read beside the write. 8 round trips
  // became 4, three of them on the critical path.
  const db = deps.db;
  const rows = await findCaseloadPage(db, caller, scope, filter, {
    limit: limit + 1,
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const items = page.map((row) => ({
    row,
    access: caseAccess(caller, { ...row, callerOnTeam: row.myRole !== null }) as Exclude<CaseAccess, 'none'>,
  }));
  const [, complete] = await Promise.all([
    logAccess(
      db,
      caller,
      deps.clock.now(),
      items.map((i) => ({
        action: i.access === 'full' ? 'case.list' : 'case.list.status',
        resourceType: 'case',
        resourceId: i.row.id,
        clientId: i.row.clientId,
      })),
    ),
    // The teams came with the page; only the areas' Kela organisations are read.
    teamCompletenessOf(
      db,
      items.filter((i) => i.access === 'full').map((i) => i.row),
    ),
  ]);
  const last = page.at(-1);
  return {
    items: items.map((i) => ({ ...i, ...withTeamCompleteness(complete, i.row.id) })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAtKey, i: last.id }) : null,
  };
}

export interface TimelineEntry {
  at: Date;
  source: 'event' | 'referral_transition' | 'case_transition';
  type: string;
  actorOrganisation: string | null;
  caseSequence: number | null;
  details: Record<string, unknown>;
}

/** What happened in the case and its referral: the event log and the transitions, oldest first. */
export async function getTimeline(deps: ReferralsDeps, caller: Caller, id: string): Promise<TimelineEntry[]> {
  return deps.db.transaction(async (tx) => {
    const { kase, access } = await loadCase(tx, caller, id);
    if (access !== 'full') throw notFound(id);
    const events = await findTimelineEvents(tx, id);
    const referralTransitions = await findReferralTransitionsOf(tx, kase.referralId);
    const caseTransitions = await findCaseTransitions(tx, id);
    await logAccess(tx, caller, deps.clock.now(), [
      { action: 'case.timeline.read', resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
    const entries: TimelineEntry[] = [
      ...events.map((e) => ({
        at: e.occurredAt,
        source: 'event' as const,
        type: e.type,
        actorOrganisation: e.actorOrganisation,
        caseSequence: e.caseSequence,
        details: e.payload,
      })),
      ...referralTransitions.map((t) => ({
        at: t.at,
        source: 'referral_transition' as const,
        type: `referral.${t.toStatus}`,
        actorOrganisation: t.actorOrganisation,
        caseSequence: null,
        details: {
          referralId: t.referralId,
          fromStatus: t.fromStatus,
          toStatus: t.toStatus,
          reasonCode: t.reasonCode,
        },
      })),
      ...caseTransitions.map((t) => ({
        at: t.at,
        source: 'case_transition' as const,
        type: `case.${t.toStatus}`,
        actorOrganisation: t.actorOrganisation,
        caseSequence: null,
        details: { fromStatus: t.fromStatus, toStatus: t.toStatus, reasonCode: t.reasonCode },
      })),
    ];
    const order = { referral_transition: 0, case_transition: 1, event: 2 };
    return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || order[a.source] - order[b.source]);
  });
}

async function teamChanged(
  tx: Transaction,
  caller: Caller,
  kase: CaseRow,
  now: Date,
  change: 'added' | 'removed',
  member: TeamMemberRow,
): Promise<void> {
  await recordEvent(tx, {
    type: 'case.team_changed',
    occurredAt: now,
    organisationCodes: kase.partyOrganisationCodes,
    cooperationAreaId: kase.cooperationAreaId,
    caseId: kase.id,
    subjectType: 'case',
    subjectId: kase.id,
    actor: actorOf(caller),
    payload: {
      caseId: kase.id,
      change,
      staffId: member.staffId,
      organisationCode: member.organisationCode,
      teamRole: member.role,
    },
  });
}

/** Adds a staff member of one of the client's parties (`clientPartyCodes`) to the team. */
export async function addTeamMember(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { staffId: string; role: 'responsible' | 'member' },
): Promise<TeamMemberView[]> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    const staff = await findStaffMember(tx, input.staffId);
    if (!staff) {
      throw invalidField(
        CaseErrors.CASE_TEAM_STAFF_NOT_FOUND,
        'body.staffId',
        'is not a staff member',
        'staff',
      );
    }
    if (!staff.active) {
      throw invalidField(
        CaseErrors.CASE_TEAM_STAFF_INACTIVE,
        'body.staffId',
        'no longer does TYM work',
        'active',
      );
    }
    if (!isClientParty(staff.organisationCode, kase)) {
      throw invalidField(
        CaseErrors.CASE_TEAM_NOT_A_PARTY,
        'body.staffId',
        `works for ${staff.organisationCode}, which is not one of the client’s parties`,
        'party',
      );
    }
    const member = await insertTeamMember(tx, {
      caseId: id,
      staffId: staff.id,
      organisationCode: staff.organisationCode,
      subject: staff.subject,
      role: input.role,
      addedAt: now,
      addedByOrganisation: caller.org,
      addedBySub: caller.sub,
    });
    if (!member) {
      throw invalidField(
        CaseErrors.CASE_TEAM_ALREADY_MEMBER,
        'body.staffId',
        'is already on the team',
        'unique',
      );
    }
    await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
    await teamChanged(tx, caller, kase, now, 'added', member);
    await logAccess(tx, caller, now, [
      { action: 'case.team.add', resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
    return teamView(tx, await findCurrentTeam(tx, id));
  });
}

export async function removeTeamMember(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  staffId: string,
): Promise<TeamMemberView[]> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    const member = await closeTeamMember(tx, id, staffId, {
      at: now,
      organisation: caller.org,
      sub: caller.sub,
    });
    if (!member) {
      throw invalidField(CaseErrors.CASE_TEAM_NOT_MEMBER, 'query.staffId', 'is not on the team', 'member');
    }
    // The case row is locked, so two removals cannot both leave the team empty.
    if ((await countCurrentTeam(tx, id)) === 0) {
      throw new AppError(CaseErrors.CASE_TEAM_LAST_MEMBER, {
        detail: 'Add another member before removing the last one; a case is never without a team.',
      });
    }
    await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
    await teamChanged(tx, caller, kase, now, 'removed', member);
    await logAccess(tx, caller, now, [
      { action: 'case.team.remove', resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
    return teamView(tx, await findCurrentTeam(tx, id));
  });
}

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
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
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
    await logAccess(tx, caller, now, [
      { action: 'case.duties_explained', resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
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
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    if (kase.status !== 'active' || !kase.activatedOn) {
      throw new AppError(CaseErrors.CASE_NOT_ACTIVE, {
        detail: 'A review can be requested once a joint plan is agreed.',
        extensions: { currentStatus: kase.status },
      });
    }
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
    await logAccess(tx, caller, now, [
      { action: 'case.review_request', resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
    return { ...request, status: 'open' };
  });
}

/** The outcome of a proposal: `outcome`, or for one version the v1 `reasonCode` — one of them. */
function endingOutcome(input: {
  outcome?: CaseEndingOutcome;
  reasonCode?: CaseEndingReason;
}): CaseEndingOutcome {
  if (input.outcome && input.reasonCode) {
    throw invalidField(
      CaseErrors.CASE_ENDING_OUTCOME_AMBIGUOUS,
      'body.reasonCode',
      'is the v1 name of outcome: give one of them',
      'exclusive',
    );
  }
  if (input.outcome) return input.outcome;
  if (input.reasonCode) return legacyEndingOutcome(input.reasonCode);
  throw invalidField(
    CaseErrors.CASE_ENDING_OUTCOME_REQUIRED,
    'body.outcome',
    'is required: what the client goes on to',
    'required',
  );
}

/**
 * Proposes ending the client relationship (381/2023 §8) on its one ground, with the outcome;
 * each required party then confirms.
 */
export async function proposeEnding(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { ground?: CaseEndingGround; outcome?: CaseEndingOutcome; reasonCode?: CaseEndingReason },
): Promise<EndingView> {
  const now = deps.clock.now();
  const ground: CaseEndingGround = input.ground ?? 'support_no_longer_needed';
  const outcome = endingOutcome(input);
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    const open = await findOpenProposal(tx, id);
    if (open) {
      throw new AppError(CaseErrors.CASE_ENDING_ALREADY_PROPOSED, {
        detail: 'An ending is already proposed; confirm it or object to it.',
        extensions: { proposalId: open.id },
      });
    }
    const parties = await findAreaParties(tx, kase.cooperationAreaId);
    if (!parties.some((p) => p.roles.includes('kela'))) {
      throw new AppError(CaseErrors.CASE_ENDING_PARTIES_INCOMPLETE, {
        detail: 'Ending needs Kela’s confirmation, but the area has no party in the Kela role.',
      });
    }
    const required = requiredEndingConfirmers(kase, parties);
    const proposal = await insertProposal(tx, {
      caseId: id,
      ground,
      reasonCode: outcome,
      requiredOrganisationCodes: required,
      status: 'open',
      proposedAt: now,
      proposedByOrganisation: caller.org,
      proposedBySub: caller.sub,
    });
    if (!proposal) throw new AppError(CaseErrors.CASE_ENDING_ALREADY_PROPOSED);
    await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
    await recordEvent(tx, {
      type: 'case.ending_proposed',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId: id,
      subjectType: 'case',
      subjectId: id,
      actor: actorOf(caller),
      payload: {
        caseId: id,
        proposalId: proposal.id,
        ground,
        outcome,
        reasonCode: outcome,
        requiredOrganisationCodes: required,
      },
    });
    await logAccess(tx, caller, now, [
      { action: 'case.ending.propose', resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
    return { proposal, confirmations: [] };
  });
}

export interface ConfirmResult extends EndingView {
  kase: CaseRow;
}

/**
 * Confirms the open ending proposal for the caller's organisation. When the last required
 * party confirms, the case ends: `endedOn` today, pending deadlines cancelled, and the
 * erasure deadline 4 years later (381/2023 §12(2)) set — all in this transaction.
 */
export async function confirmEnding(deps: ReferralsDeps, caller: Caller, id: string): Promise<ConfirmResult> {
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    const proposal = await findOpenProposal(tx, id);
    if (!proposal) {
      throw new AppError(CaseErrors.CASE_ENDING_NOT_PROPOSED, { detail: 'Propose the ending first.' });
    }
    if (!canConfirmEnding(caller, proposal.requiredOrganisationCodes)) {
      throw new AppError(CaseErrors.CASE_ENDING_NOT_A_REQUIRED_PARTY, {
        detail: `The ending is confirmed by ${proposal.requiredOrganisationCodes.join(', ')}.`,
      });
    }
    const confirmation = await insertConfirmation(tx, {
      proposalId: proposal.id,
      organisationCode: caller.org,
      confirmedBySub: caller.sub,
      confirmedAt: now,
    });
    if (!confirmation) {
      throw new AppError(CaseErrors.CASE_ENDING_ALREADY_CONFIRMED, {
        detail: `${caller.org} has already confirmed this ending.`,
        extensions: { proposalId: proposal.id },
      });
    }
    const confirmations = await findConfirmations(tx, proposal.id);
    const actor = actorOf(caller);
    const entries = [
      {
        action: 'case.ending.confirm',
        resourceType: 'case' as const,
        resourceId: id,
        clientId: kase.clientId,
      },
    ];
    if (
      !endingComplete(
        proposal.requiredOrganisationCodes,
        confirmations.map((c) => c.organisationCode),
      )
    ) {
      await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
      await logAccess(tx, caller, now, entries);
      return { proposal, confirmations, kase };
    }
    const erasure = erasureDueOn(today);
    const ended = await updateCaseRow(tx, id, ['assessment', 'active'], {
      status: 'ended',
      endedOn: today,
      endGround: proposal.ground,
      endReasonCode: proposal.reasonCode,
      erasureDueOn: erasure.dueOn,
      updatedAt: now,
    });
    if (!ended) throw new Error(`case ${id} changed under its lock`);
    const closed = await closeProposal(tx, proposal.id, { status: 'completed', closedAt: now });
    await insertCaseTransition(tx, {
      caseId: id,
      fromStatus: kase.status,
      toStatus: 'ended',
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
      reasonCode: proposal.ground,
    });
    await cancelCaseDeadlines(tx, id, 'case.ended', { now, actor });
    await setDeadline(
      tx,
      {
        kind: 'case.erasure',
        subjectType: 'case',
        subjectId: id,
        caseId: id,
        cooperationAreaId: kase.cooperationAreaId,
        organisationCodes: kase.partyOrganisationCodes,
      },
      erasure,
      { now, actor },
    );
    await recordEvent(tx, {
      type: 'case.ended',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId: id,
      subjectType: 'case',
      subjectId: id,
      actor,
      payload: {
        caseId: id,
        proposalId: proposal.id,
        endedOn: today,
        ground: proposal.ground,
        outcome: proposal.reasonCode,
        reasonCode: proposal.reasonCode,
        erasureDueOn: erasure.dueOn,
      },
    });
    await logAccess(tx, caller, now, entries);
    return { proposal: closed ?? proposal, confirmations, kase: ended };
  });
}

/** Any party may object to the proposed ending, which closes the proposal. */
export async function objectToEnding(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { reasonText?: string },
): Promise<EndingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    const proposal = await findOpenProposal(tx, id);
    if (!proposal) {
      throw new AppError(CaseErrors.CASE_ENDING_NOT_PROPOSED, {
        detail: 'There is no proposed ending to object to.',
      });
    }
    const closed = await closeProposal(tx, proposal.id, {
      status: 'objected',
      closedAt: now,
      objectedByOrganisation: caller.org,
      objectedBySub: caller.sub,
      objectionText: input.reasonText ?? null,
    });
    if (!closed) throw new Error(`proposal ${proposal.id} changed under the case lock`);
    await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
    await logAccess(tx, caller, now, [
      { action: 'case.ending.object', resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
    return { proposal: closed, confirmations: await findConfirmations(tx, proposal.id) };
  });
}
