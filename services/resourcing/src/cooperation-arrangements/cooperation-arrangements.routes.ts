import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, problemResponses } from '@tym/platform';
import { Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { CountyIdSchema, Name } from '../schemas.js';
import { getCooperationArrangement, setCooperationArrangement } from './cooperation-arrangements.service.js';

const AreaCode = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'Cooperation area code; the county id for its default area',
});
const AuthorityCodes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 50,
  description: 'The employment authorities (organisation codes) of the area',
});

const ArrangementDto = Type.Object(
  {
    wellbeingCountyId: Type.String({ description: 'The HVA area' }),
    hvaOrganiserCode: Type.String({ description: 'The organiser of social and health care' }),
    arrangement: Type.Union(
      [
        Type.Object({
          areaCount: Type.Integer({ description: 'The negotiated number of cooperation areas' }),
          agreedOn: Type.String({ format: 'date', description: 'When it was agreed' }),
          decisionReference: Type.String({ description: 'The decision it rests on' }),
        }),
        Type.Null(),
      ],
      { description: 'The negotiated arrangement (381/2023 §9(1)); null = the one default area' },
    ),
    employmentAuthorityCodes: Type.Array(Type.String(), {
      description: 'The employment authorities of the region (a member municipality in the county)',
    }),
    maxAreas: Type.Integer({ description: 'At most one cooperation area per employment authority' }),
    areas: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid', description: 'Cooperation area id' }),
        code: Type.String({ description: 'Code' }),
        nameFi: Type.String({ description: 'Name in Finnish' }),
        nameSv: Type.String({ description: 'Name in Swedish' }),
        isDefault: Type.Boolean({ description: 'The county’s default area' }),
        employmentAuthorityCodes: Type.Array(Type.String(), { description: 'Its employment authorities' }),
      }),
      { description: 'The cooperation areas of the region, the default one first' },
    ),
  },
  { description: 'How an HVA area is divided into cooperation areas' },
);

const Params = Type.Object({ countyId: CountyIdSchema('Wellbeing services county id') });

const tags = ['cooperation-areas'];

export function cooperationArrangementsRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/wellbeing-counties/:countyId/cooperation-arrangement',
      {
        schema: {
          tags,
          summary: 'The division of an HVA area into cooperation areas',
          params: Params,
          response: { 200: ArrangementDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        principalOf(request);
        return getCooperationArrangement(deps.db, request.params.countyId, deps.clock.now());
      },
    );

    app.put(
      '/v1/wellbeing-counties/:countyId/cooperation-arrangement',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Record the negotiated arrangement and split the region into cooperation areas',
          description:
            '381/2023 §9(1) as amended by 437/2024: 1 ≤ areas ≤ employment authorities of the region; each ' +
            'authority in exactly one area; the HVA and Kela are parties of each; the default area (code = county ' +
            'id) stays. Areas left out are removed, and authorities moved, only while nothing depends on them ' +
            '(409 `COOPERATION_AREA_IN_USE`). Admins of the HVA organiser or of an employment authority of the region.',
          params: Params,
          body: Type.Object(
            {
              agreedOn: Type.String({ format: 'date', description: 'When the parties agreed on the number' }),
              decisionReference: Name('The decision (body, date, section)'),
              areas: Type.Array(
                Type.Object(
                  {
                    code: AreaCode,
                    nameFi: Name('Name in Finnish'),
                    nameSv: Name('Name in Swedish'),
                    employmentAuthorityCodes: AuthorityCodes,
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 50, description: 'The cooperation areas' },
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: ArrangementDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) =>
        setCooperationArrangement(
          deps.db,
          principalOf(request),
          request.params.countyId,
          request.body,
          deps.clock.now(),
        ),
    );
  };
}
