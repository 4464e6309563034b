import type { Database } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { AppError, type Clock, type Lang, type Principal } from '@tym/platform';
import { findAgreementSettings } from '../agreements/agreements.service.js';
import { findAreaAccessFacts } from '../area-access/area-access.repository.js';
import { isUuid } from '../cooperation-areas/cooperation-areas.service.js';
import { governancePolicy } from '../policy.js';
import { AssignmentSuggestionErrors } from './assignment-suggestions.errors.js';
import {
  findCandidates,
  findCaseFacts,
  insertClientAccessLogRow,
} from './assignment-suggestions.repository.js';
import { rankCandidates, type Suggestion } from './assignment-suggestions.rules.js';

type Deps = { db: Database; clock: Clock };

export interface SuggestionList {
  caseId: string;
  organisationCode: string;
  targetCaseloadPerFte: number;
  clientLanguage: string;
  items: Suggestion[];
}

/**
 * Staff of the caller's organisation ranked for a case (coordinators and admins of a party of
 * the case's area). Reads the client's language and special arrangements, so the read is
 * logged in the same transaction (906/2019 §17). Never assigns: the case team is changed
 * through the referrals service.
 */
export async function suggestAssignments(
  deps: Deps,
  principal: Principal,
  caseId: string,
  organisationCode: string | undefined,
  audit: { requestId: string; purpose: string; lang: Lang },
): Promise<SuggestionList> {
  const organisation = organisationCode ?? principal.org;
  const notFound = () =>
    new AppError(AssignmentSuggestionErrors.CASE_NOT_FOUND, { detail: `No case ${caseId} you may staff.` });
  if (!isUuid(caseId)) throw notFound();
  return deps.db.transaction(async (tx) => {
    const facts = await findCaseFacts(tx, caseId);
    if (!facts || facts.status === 'ended') throw notFound();
    const access = await findAreaAccessFacts(tx, facts.cooperation_area_id, principal.org, principal.sub);
    if (!governancePolicy.suggestAssignments(principal, access, organisation)) throw notFound();
    const now = deps.clock.now();
    await insertClientAccessLogRow(tx, {
      occurredAt: now,
      requestId: audit.requestId,
      actorSub: principal.sub,
      actorOrganisation: principal.org,
      actorRoles: principal.roles,
      action: 'case.assignment_suggestions.read',
      resourceType: 'case',
      resourceId: caseId,
      clientId: facts.client_id,
      purpose: audit.purpose,
    });
    const settings = await findAgreementSettings(tx, facts.cooperation_area_id, todayInHelsinki(now));
    const candidates = (await findCandidates(tx, organisation, facts)).filter((c) => !c.on_team);
    const items = rankCandidates(
      candidates.map((c) => ({
        staffId: c.staff_id,
        displayName: c.display_name,
        fteMilli: Math.round(Number(c.fte) * 1000),
        languages: c.languages,
        competences: c.competences,
        caseload: c.caseload,
        earlierMemberships: c.earlier_memberships,
      })),
      { preferredLanguage: facts.preferred_language, specialArrangements: facts.special_arrangements },
      settings.targetCaseloadPerFte,
      audit.lang,
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
