import { compareLocalDates, todayInHelsinki } from '@tym/domain';
import { type Actor, moveCaseDeadlines, recordEvent } from '@tym/jobs';
import { AppError, invalidField } from '@tym/platform';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import { CaseErrors } from '../cases/cases.errors.js';
import { findOpenProposal, insertCaseTransition, updateCaseRow } from '../cases/cases.repository.js';
import { loadForWork } from '../cases/cases.service.js';
import { updateClientRow } from '../clients/clients.repository.js';
import type { ReferralsDeps } from '../deps.js';
import { routeHomeMunicipality } from '../directory.js';
import { canTransferCase, clientPartyCodes } from '../policy/policy.js';
import { findOpenCaseId } from '../referrals/referrals.repository.js';
import { type CaseRouting, partiesLeaving, transferKind } from './transfer-rules.js';
import { TransferErrors } from './transfers.errors.js';
import {
  type CaseTransferRow,
  closeTeamMembersOf,
  insertCaseTransfer,
  moveReferralRouting,
} from './transfers.repository.js';

export interface TransferResult {
  caseId: string;
  transfer: CaseTransferRow | null;
}

const routingOf = (r: CaseRouting) => ({
  cooperationAreaId: r.cooperationAreaId,
  employmentAuthorityCode: r.employmentAuthorityCode,
  wellbeingCountyOrganiserCode: r.wellbeingCountyOrganiserCode,
});

/**
 * The client moved (380/2023 §17: the employment authority of the new home municipality is
 * responsible). Routes the new municipality by the reference data in force on the day of the
 * move and records it on the client. When the employment authority, the HVA organiser or the
 * cooperation area changes (`transferKind`), the case — with its plan, versions and clocks —
 * moves to the new parties in this one transaction: the case's routing and parties, the
 * referral that started it, every deadline row (dates and versions unchanged), the team (the
 * leaving parties' staff leave it; Kela stays), a transition and a transfer record, an event
 * to each side and the access log. The old employment authority and HVA then see nothing of
 * the client (404). Done by staff of the client's current employment authority or HVA.
 */
export async function transferCase(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { homeMunicipalityCode: string; movedOn?: string },
): Promise<TransferResult> {
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const kase = await loadForWork(tx, caller, id);
    if (!canTransferCase(caller, kase)) {
      throw new AppError(TransferErrors.CASE_TRANSFER_NOT_AUTHORITY, {
        detail: `Staff of ${kase.employmentAuthorityCode} or ${kase.wellbeingCountyOrganiserCode} record the client’s move.`,
      });
    }
    const movedOn = input.movedOn ?? today;
    if (compareLocalDates(movedOn, kase.assessmentStartedOn) < 0 || compareLocalDates(movedOn, today) > 0) {
      throw invalidField(
        CaseErrors.CASE_DATE_INVALID,
        'body.movedOn',
        `must be between the assessment start ${kase.assessmentStartedOn} and today ${today}`,
        'range',
      );
    }
    const open = await findOpenProposal(tx, id);
    if (open) {
      throw new AppError(CaseErrors.CASE_ENDING_ALREADY_PROPOSED, {
        detail:
          'An ending is proposed to the current parties: confirm it or object to it before the transfer.',
        extensions: { proposalId: open.id },
      });
    }
    const routing = await routeHomeMunicipality(
      tx,
      input.homeMunicipalityCode,
      'body.homeMunicipalityCode',
      movedOn,
    );
    const to: CaseRouting = {
      cooperationAreaId: routing.cooperationArea.id,
      employmentAuthorityCode: routing.employmentAuthority.organisation.code,
      wellbeingCountyOrganiserCode: routing.hvaOrganiser.code,
    };
    const entries = [
      { action: 'case.transfer', resourceType: 'case' as const, resourceId: id, clientId: kase.clientId },
    ];
    await updateClientRow(tx, kase.clientId, {
      homeMunicipalityCode: routing.municipality.code,
      updatedAt: now,
    });
    if (transferKind(kase, to) === 'municipality_only') {
      await updateCaseRow(tx, id, [kase.status], { updatedAt: now });
      await logAccess(tx, caller, now, entries);
      return { caseId: id, transfer: null };
    }
    if (to.cooperationAreaId !== kase.cooperationAreaId) {
      const existing = await findOpenCaseId(tx, kase.clientId, to.cooperationAreaId);
      if (existing) {
        throw invalidField(
          TransferErrors.CASE_TRANSFER_OPEN_CASE_EXISTS,
          'body.homeMunicipalityCode',
          'routes to an area where the client already has an open client relationship',
          'open_case',
        );
      }
    }
    const partyCodes = clientPartyCodes(to);
    const leaving = partiesLeaving(kase, to);
    const moved = await updateCaseRow(tx, id, [kase.status], {
      ...to,
      partyOrganisationCodes: partyCodes,
      updatedAt: now,
    });
    if (!moved) throw new Error(`case ${id} changed under its lock`);
    await moveReferralRouting(
      tx,
      kase.referralId,
      { ...to, homeMunicipalityCode: routing.municipality.code },
      now,
    );
    const actor: Actor = { organisation: caller.org, sub: caller.sub };
    await moveCaseDeadlines(
      tx,
      id,
      { cooperationAreaId: to.cooperationAreaId, organisationCodes: partyCodes },
      {
        now,
        actor,
      },
    );
    await closeTeamMembersOf(tx, id, leaving, { at: now, organisation: caller.org, sub: caller.sub });
    await insertCaseTransition(tx, {
      caseId: id,
      fromStatus: kase.status,
      toStatus: kase.status,
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
      reasonCode: 'transferred',
    });
    const transfer = await insertCaseTransfer(tx, {
      caseId: id,
      transferredOn: movedOn,
      fromCooperationAreaId: kase.cooperationAreaId,
      fromEmploymentAuthorityCode: kase.employmentAuthorityCode,
      fromWellbeingCountyOrganiserCode: kase.wellbeingCountyOrganiserCode,
      toCooperationAreaId: to.cooperationAreaId,
      toEmploymentAuthorityCode: to.employmentAuthorityCode,
      toWellbeingCountyOrganiserCode: to.wellbeingCountyOrganiserCode,
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
    });
    // Thin payloads: ids, organisation codes and the date — never the municipality.
    const payload = {
      caseId: id,
      transferId: transfer.id,
      transferredOn: movedOn,
      from: routingOf(kase),
      to: routingOf(to),
    };
    await recordEvent(tx, {
      type: 'case.transferred_away',
      occurredAt: now,
      organisationCodes: leaving,
      cooperationAreaId: kase.cooperationAreaId,
      caseId: id,
      subjectType: 'case',
      subjectId: id,
      actor,
      payload,
    });
    await recordEvent(tx, {
      type: 'case.transferred',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: to.cooperationAreaId,
      caseId: id,
      subjectType: 'case',
      subjectId: id,
      actor,
      payload,
    });
    await logAccess(tx, caller, now, entries);
    return { caseId: id, transfer };
  });
}
