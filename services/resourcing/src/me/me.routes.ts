import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '@tym/db';
import { principalOf, problemResponses, ROLES, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { findOrganisationRow } from '../organisations/organisations.repository.js';
import { OrganisationRefDto, PartyRoleSchema } from '../schemas.js';
import { findStaffBySubject, listStaffAllocations } from '../staff/staff.service.js';

export const MeDto = Type.Object(
  {
    sub: Type.String({ description: 'The `sub` claim of your token' }),
    roles: Type.Array(Type.Enum([...ROLES], { description: 'A role' }), {
      description: 'The roles of your token',
    }),
    organisation: Type.Union(
      [
        Type.Object(
          {
            ...OrganisationRefDto.properties,
            partyRoles: Type.Array(PartyRoleSchema, { description: 'Its TYM party roles' }),
          },
          { description: 'Your organisation' },
        ),
        Type.Null(),
      ],
      { description: 'Your organisation in the directory; null when it is not there' },
    ),
    staff: Type.Union(
      [
        Type.Object(
          {
            id: Uuid('Your staff id (the id colleagues use to invite you or put you on a team)'),
            displayName: Type.String({ description: 'Your name as colleagues see it' }),
            active: Type.Boolean({ description: 'False: you have no personal access right to client data' }),
          },
          { description: 'Your staff record' },
        ),
        Type.Null(),
      ],
      {
        description:
          'Your staff record; null without one (client data needs an active record, 381/2023 §12(4))',
      },
    ),
    allocations: Type.Array(
      Type.Object(
        {
          cooperationAreaId: Uuid('Cooperation area id'),
          cooperationAreaCode: Type.String({ description: 'Cooperation area code' }),
          fte: Type.Number({ description: 'Your share of working time there' }),
        },
        { description: 'An area you work in' },
      ),
      { description: 'The cooperation areas you are allocated to (what you see of clients follows them)' },
    ),
  },
  { description: 'Who you are to this service' },
);
export type MeDto = Static<typeof MeDto>;

/** Who the caller is: token, organisation, staff record and allocations (issue 15). */
export async function describeMe(
  db: Queryable,
  p: { sub: string; org: string; roles: string[] },
): Promise<MeDto> {
  const organisation = await findOrganisationRow(db, p.org);
  const staff = await findStaffBySubject(db, p.org, p.sub);
  const allocations = staff?.active ? await listStaffAllocations(db, staff.id) : [];
  return {
    sub: p.sub,
    roles: p.roles as MeDto['roles'],
    organisation: organisation
      ? {
          code: organisation.code,
          nameFi: organisation.nameFi,
          nameSv: organisation.nameSv,
          nameEn: organisation.nameEn,
          partyRoles: organisation.roles,
        }
      : null,
    staff: staff ? { id: staff.id, displayName: staff.displayName, active: staff.active } : null,
    allocations: allocations.map((a) => ({
      cooperationAreaId: a.cooperationAreaId,
      cooperationAreaCode: a.cooperationAreaCode,
      fte: a.fte,
    })),
  };
}

export function meRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/me',
      {
        schema: {
          tags: ['me'],
          summary: 'Who I am: token roles, my organisation, my staff record and allocations',
          description:
            'Answers every authenticated caller. `staff` is null when the directory has no record of your ' +
            'token’s subject in your organisation; `allocations` lists the areas you work in (empty when ' +
            'the record is inactive).',
          response: { 200: MeDto, ...problemResponses() },
        },
      },
      async (request) => describeMe(deps.db, principalOf(request)),
    );
  };
}
