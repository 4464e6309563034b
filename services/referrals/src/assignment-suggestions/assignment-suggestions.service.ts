import type { Database } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { AppError, type Clock, type Lang } from '@tym/platform';
import { findAgreementSettings, listAreaStaff, maySuggestAssignments } from '@tym/resourcing';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import { AssignmentSuggestionErrors } from './assignment-suggestions.errors.js';
import { findCaseFacts, findTeamHistory } from './assignment-suggestions.repository.js';
import { rankCandidates, type Suggestion } from './assignment-suggestions.rules.js';

type Deps = { db: Database; clock: Clock };

export interface SuggestionList {
  caseId: string;
  organisationCode: string;
  targetCaseloadPerFte: number;
  clientLanguage: string;
  items: Suggestion[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staff of the caller's organisation ranked for a case (coordinators and admins of a party of
 * the case's area: resourcing's governance policy, `maySuggestAssignments`). Reads the
 * client's language and special arrangements, so the read is logged in the same transaction
 * (906/2019 §17). The staff, their allocations and the agreement's target caseload come from
 * resourcing's exported queries; caseloads and history from this service's case teams.
 * Never assigns: the case team is changed through the case team routes.
 */
export async function suggestAssignments(
  deps: Deps,
  caller: Caller,
  caseId: string,
  organisationCode: string | undefined,
  lang: Lang,
): Promise<SuggestionList> {
  const organisation = organisationCode ?? caller.org;
  const notFound = () =>
    new AppError(AssignmentSuggestionErrors.CASE_NOT_FOUND, { detail: `No case ${caseId} you may staff.` });
  if (!UUID.test(caseId)) throw notFound();
  return deps.db.transaction(async (tx) => {
    const facts = await findCaseFacts(tx, caseId);
    if (!facts || facts.status === 'ended') throw notFound();
    if (!(await maySuggestAssignments(tx, caller, facts.cooperation_area_id, organisation))) throw notFound();
    const now = deps.clock.now();
    await logAccess(tx, caller, now, [
      {
        action: 'case.assignment_suggestions.read',
        resourceType: 'case',
        resourceId: caseId,
        clientId: facts.client_id,
      },
    ]);
    const settings = await findAgreementSettings(tx, facts.cooperation_area_id, todayInHelsinki(now));
    const staff = await listAreaStaff(tx, facts.cooperation_area_id, { organisationCodes: [organisation] });
    const history = await findTeamHistory(
      tx,
      staff.map((s) => s.staffId),
      facts,
    );
    const candidates = staff.filter((s) => !history.get(s.staffId)?.on_team);
    const items = rankCandidates(
      candidates.map((c) => ({
        staffId: c.staffId,
        displayName: c.displayName,
        fteMilli: Math.round(Number(c.fte) * 1000),
        languages: c.languages,
        competences: c.competences,
        caseload: history.get(c.staffId)?.caseload ?? 0,
        earlierMemberships: history.get(c.staffId)?.earlier_memberships ?? 0,
      })),
      { preferredLanguage: facts.preferred_language, specialArrangements: facts.special_arrangements },
      settings.targetCaseloadPerFte,
      lang,
    );
    return {
      caseId,
      organisationCode: organisation,
      targetCaseloadPerFte: settings.targetCaseloadPerFte,
      clientLanguage: facts.preferred_language,
      items,
    };
  });
}
