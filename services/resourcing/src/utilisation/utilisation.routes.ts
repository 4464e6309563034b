import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LocalDate, OrganisationCode, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { PartyRoleSchema } from '../schemas.js';
import { getAreaUtilisation } from './utilisation.service.js';

const StatusSchema = Type.Enum(['ok', 'below_commitment', 'over_capacity', 'no_commitment'], {
  description:
    'ok; below_commitment (allocated FTE < committed); over_capacity (cases > capacity, wins when both hold); ' +
    'no_commitment (no agreement in force or nothing committed)',
});
const Percent = Type.Union([Type.Number(), Type.Null()], {
  description: 'Cases ÷ capacity in per cent; null without capacity',
});

export const UtilisationDto = Type.Object(
  {
    cooperationAreaId: Uuid('The area'),
    on: LocalDate('The day the figures are for'),
    agreement: Type.Union(
      [
        Type.Object(
          { id: Uuid('Agreement'), version: Type.Integer({ description: 'Version in force' }) },
          { description: 'The agreement in force' },
        ),
        Type.Null(),
      ],
      { description: 'The agreement in force that day, or null' },
    ),
    targetCaseloadPerFte: Type.Number({ description: 'Active clients per FTE used for capacity' }),
    targetSource: Type.Enum(['agreement', 'default'], { description: 'Where the target comes from' }),
    parties: Type.Array(
      Type.Object(
        {
          organisationCode: OrganisationCode('Party'),
          roles: Type.Array(PartyRoleSchema, { description: 'Roles in the area' }),
          committedFte: Type.Number({ description: 'FTE committed in the agreement' }),
          committedHeadcount: Type.Integer({ description: 'Staff committed' }),
          allocatedFte: Type.Number({ description: 'FTE allocated to the area by active staff' }),
          allocatedHeadcount: Type.Integer({ description: 'Active staff allocated' }),
          capacity: Type.Number({ description: 'Committed FTE × target caseload per FTE' }),
          activeCases: Type.Integer({ description: 'Open cases where the party has a responsible person' }),
          utilisationPercent: Percent,
          status: StatusSchema,
          people: Type.Array(
            Type.Object(
              {
                staffId: Uuid('Staff member'),
                displayName: Type.String({ description: 'Name' }),
                fte: Type.Number({ description: 'FTE allocated to the area' }),
                caseload: Type.Integer({ description: 'Open cases on whose team the person is' }),
                responsibleCases: Type.Integer({ description: 'Of them, where the person is responsible' }),
                capacity: Type.Number({ description: 'FTE × target caseload per FTE' }),
                utilisationPercent: Percent,
              },
              { description: 'A person’s FTE and caseload' },
            ),
            { description: 'The party’s people in the area' },
          ),
        },
        { description: 'A party’s staffing against its commitment' },
      ),
      { description: 'Per party' },
    ),
    totals: Type.Object(
      {
        committedFte: Type.Number({ description: 'Sum of committed FTE' }),
        allocatedFte: Type.Number({ description: 'Sum of allocated FTE' }),
        capacity: Type.Number({ description: 'Sum of capacities' }),
        activeCases: Type.Integer({
          description: 'Sum of the parties’ active cases (a case with two parties counts twice)',
        }),
        utilisationPercent: Percent,
      },
      { description: 'The parties summed' },
    ),
  },
  { description: 'Whether each party delivers the staff it promised and whether the caseload fits' },
);

export function utilisationRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cooperation-areas/:id/utilisation',
      {
        schema: {
          tags: ['cooperation-areas'],
          summary: 'Staffing and caseload of an area’s parties against the agreement',
          description:
            'Coordinators and admins of a party, management group members, and caseworkers allocated to the area. ' +
            'Others get 404.',
          params: Type.Object({ id: Uuid('Cooperation area id') }, { description: 'Path parameters' }),
          querystring: Type.Object(
            { on: Type.Optional(LocalDate('The day (default today)')) },
            { additionalProperties: false, description: 'The day' },
          ),
          response: { 200: UtilisationDto, ...problemResponses(404) },
        },
      },
      async (request) =>
        (await getAreaUtilisation(deps, principalOf(request), request.params.id, request.query.on)) as Static<
          typeof UtilisationDto
        >,
    );
  };
}
