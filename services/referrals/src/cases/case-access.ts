/** Loading a case as the caller may see it or work on it, and the views the use cases share. */
import type { Transaction } from '@tym/db';
import type { Actor } from '@tym/jobs';
import { AppError } from '@tym/platform';
import type { StaffCard } from '@tym/resourcing';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { findStaffCardsById } from '../directory.js';
import { type CaseAccess, caseAccess } from '../policy/policy.js';
import { caseTransition } from './case.transitions.js';
import { CaseErrors } from './cases.errors.js';
import {
  type CaseRow,
  type EndingConfirmationRow,
  type EndingProposalRow,
  findCaseRow,
  isOnTeam,
  type TeamMemberRow,
} from './cases.repository.js';

export const actorOf = (caller: Caller): Actor => ({ organisation: caller.org, sub: caller.sub });

export function notFound(id: string): AppError {
  return new AppError(CaseErrors.CASE_NOT_FOUND, { detail: `No case ${id}, or not one you may see.` });
}

export interface LoadedCase {
  kase: CaseRow;
  access: Exclude<CaseAccess, 'none'>;
  onTeam: boolean;
}

/** A case as the caller may see it; 404 when they may not see it at all. */
export async function loadCase(
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
  // Work keeps the status of an open case; an ended one takes none (409 CASE_ENDED).
  caseTransition(kase, 'work');
  return kase;
}

/** A team member with what the case's parties see of each other: name, roles, organisation. */
export interface TeamMemberView extends TeamMemberRow {
  card: StaffCard | null;
}

export async function teamView(tx: Transaction, rows: TeamMemberRow[]): Promise<TeamMemberView[]> {
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

/**
 * The sequence of every change of an open case, written once: in one transaction, load the
 * case for work (full access, locked; `work` in the case transition table, so an ended case
 * is 409 CASE_ENDED), let `run` check, update, move deadlines and record its event, then
 * write the access log entry `log` for the case and return what `run` gives.
 */
export async function workOnCase<T>(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  log: string,
  run: (c: { tx: Transaction; now: Date; kase: CaseRow }) => Promise<T>,
): Promise<T> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    const result = await run({ tx, now, kase });
    await logAccess(tx, caller, now, [
      { action: log, resourceType: 'case', resourceId: id, clientId: kase.clientId },
    ]);
    return result;
  });
}
