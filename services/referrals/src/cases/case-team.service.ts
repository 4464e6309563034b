import type { Transaction } from '@tym/db';
import { recordEvent } from '@tym/jobs';
import { AppError, invalidField } from '@tym/platform';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { findStaffMember } from '../directory.js';
import { isClientParty } from '../policy/policy.js';
import { actorOf, type TeamMemberView, teamView, workOnCase } from './case-access.js';
import { CaseErrors } from './cases.errors.js';
import {
  type CaseRow,
  closeTeamMember,
  countCurrentTeam,
  findCurrentTeam,
  insertTeamMember,
  type TeamMemberRow,
  updateCaseRow,
} from './cases.repository.js';

/** The case team: staff of the client's parties added and removed. */

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
  return workOnCase(deps, caller, id, 'case.team.add', async ({ tx, now, kase }) => {
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
    return teamView(tx, await findCurrentTeam(tx, id));
  });
}

export async function removeTeamMember(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  staffId: string,
): Promise<TeamMemberView[]> {
  return workOnCase(deps, caller, id, 'case.team.remove', async ({ tx, now, kase }) => {
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
    return teamView(tx, await findCurrentTeam(tx, id));
  });
}
