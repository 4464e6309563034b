import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError, OrganisationCode, problemResponses, ROLES, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import { logAccess } from '../access-log/access-log.service.js';
import { type Caller, loadCaller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { type DirectoryCard, findAreaColleagues } from '../directory.js';
import { caseAccess, clientPartyCodes } from '../policy/policy.js';
import { AccessPurposeHeaders, IdParams } from '../schemas.js';
import { CaseErrors } from './cases.errors.js';
import { findCase, isOnCaseTeam } from './cases.queries.js';

/**
 * The colleagues of a case (issue 15): the staff of the client's three parties
 * (`clientPartyCodes`, 381/2023 §4) allocated to the case's cooperation area — whom the
 * team is built from and whom a meeting invites — without passing staff ids around outside
 * the system. Each card has the name, organisation, roles and the allocation to the area;
 * nothing else of the staff register.
 */
export async function listCaseColleagues(
  deps: ReferralsDeps,
  caller: Caller,
  caseId: string,
): Promise<{ cooperationAreaId: string; items: DirectoryCard[] }> {
  return deps.db.transaction(async (tx) => {
    const kase = await findCase(tx, caseId);
    const onTeam = kase ? await isOnCaseTeam(tx, caseId, caller.org, caller.sub) : false;
    const access = kase ? caseAccess(caller, { ...kase, callerOnTeam: onTeam }) : 'none';
    // Partners see a case's id and status only: its people do not exist for them (as its timeline).
    if (!kase || access !== 'full') {
      throw new AppError(CaseErrors.CASE_NOT_FOUND, { detail: `No case ${caseId}, or not one you may see.` });
    }
    // Who works on the client's case is data of the client relationship: logged as a read.
    await logAccess(tx, caller, deps.clock.now(), [
      { action: 'case.colleagues', resourceType: 'case', resourceId: caseId, clientId: kase.clientId },
    ]);
    return {
      cooperationAreaId: kase.cooperationAreaId,
      items: await findAreaColleagues(tx, kase.cooperationAreaId, clientPartyCodes(kase)),
    };
  });
}

export const ColleagueDto = Type.Object(
  {
    staffId: Uuid('Staff id (for the team and meeting invitations)'),
    displayName: Type.String({ description: 'Name shown to colleagues' }),
    organisationCode: OrganisationCode('The party the person works for'),
    roles: Type.Array(Type.Enum([...ROLES], { description: 'A role' }), {
      description: 'The person’s roles',
    }),
    fte: Type.Number({
      description: 'Their allocation to the case’s cooperation area (full-time equivalent)',
    }),
  },
  { description: 'A colleague of one of the client’s parties in the case’s area' },
);

export const ColleaguesDto = Type.Object(
  {
    cooperationAreaId: Uuid('The case’s cooperation area'),
    items: Type.Array(ColleagueDto, { description: 'By organisation, then name' }),
  },
  { description: 'The staff of the case’s three parties allocated to its area' },
);

export function toColleaguesDto(r: {
  cooperationAreaId: string;
  items: DirectoryCard[];
}): Static<typeof ColleaguesDto> {
  return {
    cooperationAreaId: r.cooperationAreaId,
    items: r.items.map((c) => ({
      staffId: c.id,
      displayName: c.displayName,
      organisationCode: c.organisationCode,
      roles: c.roles as Static<typeof ColleagueDto>['roles'],
      fte: c.allocations.find((a) => a.cooperationAreaId === r.cooperationAreaId)?.fte ?? 0,
    })),
  };
}

export function caseColleaguesRoutes(deps: ReferralsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cases/:id/colleagues',
      {
        schema: {
          tags: ['cases'],
          summary: 'The staff of the case’s three parties in its area: who can join the team',
          description:
            'Active staff of the client’s employment authority, HVA and Kela allocated to the case’s cooperation ' +
            'area, with name, organisation, roles and allocation — nothing else. For callers who see the case in ' +
            'full (its team; coordinators of its parties in the area); 404 otherwise. The read is logged.',
          headers: AccessPurposeHeaders,
          params: IdParams('Case id'),
          response: { 200: ColleaguesDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: colleagues');
        return toColleaguesDto(await listCaseColleagues(deps, caller, request.params.id));
      },
    );
  };
}
