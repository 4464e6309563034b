import { AppError, invalidField } from '@tym/platform';
import { type CaseRecord, findCaseParties } from '@tym/referrals';
import { type Caller, logPlanningAccess } from '../caller.js';
import { caseNotFound, loadCaseAccess } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { diffPlans, type PlanDiff } from './plan-rules.js';
import { PlanErrors } from './plans.errors.js';
import {
  findActions,
  findPlanByCase,
  findVersion,
  findVersions,
  type PlanActionRow,
  type PlanVersionRow,
} from './plans.repository.js';
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
