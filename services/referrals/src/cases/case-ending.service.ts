import type { CaseEndingGround, CaseEndingOutcome, CaseEndingReason } from '@tym/db';
import { erasureDueOn, todayInHelsinki } from '@tym/domain';
import { cancelCaseDeadlines, recordEvent, setDeadline } from '@tym/jobs';
import { AppError } from '@tym/platform';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { findAreaParties } from '../directory.js';
import { canConfirmEnding } from '../policy/policy.js';
import { CaseTransitions, caseTransition } from './case.transitions.js';
import { actorOf, type EndingView, workOnCase } from './case-access.js';
import { endingOutcome } from './case-ending.rules.js';
import { endingComplete, requiredEndingConfirmers } from './case-rules.js';
import { CaseErrors } from './cases.errors.js';
import {
  type CaseRow,
  closeProposal,
  findConfirmations,
  findOpenProposal,
  insertCaseTransition,
  insertConfirmation,
  insertProposal,
  updateCaseRow,
} from './cases.repository.js';
/** Ending the client relationship (381/2023 §8): proposal, confirmations, objection. */

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
  const ground: CaseEndingGround = input.ground ?? 'support_no_longer_needed';
  const outcome = endingOutcome(input);
  return workOnCase(deps, caller, id, 'case.ending.propose', async ({ tx, now, kase }) => {
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
  return workOnCase(deps, caller, id, 'case.ending.confirm', async ({ tx, now, kase }) => {
    const today = todayInHelsinki(now);
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
    if (
      !endingComplete(
        proposal.requiredOrganisationCodes,
        confirmations.map((c) => c.organisationCode),
      )
    ) {
      await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
      return { proposal, confirmations, kase };
    }
    const step = caseTransition(kase, 'end');
    const erasure = erasureDueOn(today);
    const ended = await updateCaseRow(tx, id, CaseTransitions.sourcesOf('end'), {
      status: step.to,
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
      fromStatus: step.from,
      toStatus: step.to,
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
  return workOnCase(deps, caller, id, 'case.ending.object', async ({ tx, now, kase }) => {
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
    return { proposal: closed, confirmations: await findConfirmations(tx, proposal.id) };
  });
}
