import type { Transaction } from '@tym/db';
import { AppError, decodeCursor, encodeCursor, invalidField } from '@tym/platform';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { PolicyErrors } from '../policy/policy.errors.js';
import { type CaseAccess, caseAccess, caseListScope, hasCaseworkRole } from '../policy/policy.js';
import { type CaseTransferRow, findCaseTransfers } from '../transfers/transfers.repository.js';
import { type EndingView, loadCase, notFound, type TeamMemberView, teamView } from './case-access.js';
import {
  type CaseloadFilter,
  type CaseloadRow,
  type CaseRow,
  type CaseTransitionRow,
  type DeadlineRow,
  type DutyExplanationRow,
  findCaseDeadlines,
  findCaseloadPage,
  findCaseTransitions,
  findConfirmations,
  findCurrentTeam,
  findDutyExplanations,
  findLatestProposal,
  findReferralTransitionsOf,
  findReviewRequests,
  findTimelineEvents,
} from './cases.repository.js';
import type { ReviewRequestView } from './review-request-refusal.service.js';
import { reviewRequestStatuses } from './review-request-rules.js';
import { findTeamCompleteness, type TeamCompleteness, teamCompletenessOf } from './team-completeness.js';
/** Reading cases: one case, the caseload, the timeline. */

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
