import type { Queryable } from '@tym/db';
import { AppError } from '@tym/platform';
import { type CaseRecord, findCase, isOnCaseTeam } from '@tym/referrals';
import type { Caller } from './caller.js';
import { CaseAccessErrors } from './errors.js';
import { type CaseAccess, caseAccess, clientPartyCodes } from './policy.js';

export interface LoadedCase {
  kase: CaseRecord;
  access: CaseAccess;
  /** The client's parties (`clientPartyCodes`). */
  partyCodes: string[];
}

export function caseNotFound(id: string): AppError {
  return new AppError(CaseAccessErrors.CASE_NOT_FOUND, { detail: `No case ${id}, or not one you may see.` });
}

/** The case and what the caller may do with it, through the referrals service's query functions. */
export async function loadCaseAccess(
  db: Queryable,
  caller: Caller,
  caseId: string,
): Promise<LoadedCase | null> {
  const kase = await findCase(db, caseId);
  if (!kase) return null;
  const partyCodes = clientPartyCodes(kase);
  const onTeam = await isOnCaseTeam(db, caseId, caller.org, caller.sub);
  return {
    kase,
    partyCodes,
    access: caseAccess(caller, { ...kase, clientPartyCodes: partyCodes, callerOnTeam: onTeam }),
  };
}

/** A case the caller works on (full access), not ended; 404 when they may not see it. */
export async function loadCaseForWork(db: Queryable, caller: Caller, caseId: string): Promise<CaseRecord> {
  const loaded = await loadCaseAccess(db, caller, caseId);
  if (loaded?.access !== 'full') throw caseNotFound(caseId);
  assertOpen(loaded.kase);
  return loaded.kase;
}

export function assertOpen(kase: CaseRecord): void {
  if (kase.status === 'ended') {
    throw new AppError(CaseAccessErrors.CASE_ENDED, {
      detail: `The client relationship ended on ${kase.endedOn}; its meetings and plan are read-only.`,
      extensions: { endedOn: kase.endedOn },
    });
  }
}
