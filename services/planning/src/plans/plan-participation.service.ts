import type { ClientParticipationKind } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { recordEvent } from '@tym/jobs';
import { AppError } from '@tym/platform';
import { type Caller, logPlanningAccess } from '../caller.js';
import { caseNotFound, loadCaseAccess } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { clientParticipationProblems } from './plan-rules.js';
import { actorOf, changePlan } from './plan-view.js';
import { PlanErrors } from './plans.errors.js';
import {
  type ClientParticipationRow,
  ensurePlan,
  findActions,
  findClientParticipation,
  findPlanByCase,
  findVersions,
  insertClientParticipation,
} from './plans.repository.js';
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
  return changePlan(deps, caller, caseId, 'plan.client_participation.record', async ({ tx, now, kase }) => {
    const today = todayInHelsinki(now);
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
