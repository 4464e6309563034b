import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayInHelsinki } from '@tym/domain';
import { Page, principalOf, problemResponses } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import {
  CooperationAreaRefDto,
  CountyIdSchema,
  fullPage,
  MunicipalityCodeSchema,
  OrganisationRefDto,
} from '../schemas.js';
import type { MunicipalityRow } from './municipalities.repository.js';
import { findMunicipalityRouting, listMunicipalities } from './municipalities.service.js';

const LanguageSchema = Type.Enum(['fi', 'sv', 'bilingual'], {
  description: 'Official language status of the municipality: Finnish, Swedish or bilingual',
});

export const MunicipalityDto = Type.Object(
  {
    code: MunicipalityCodeSchema('Municipality code'),
    nameFi: Type.String({ description: 'Name in Finnish' }),
    nameSv: Type.String({ description: 'Name in Swedish' }),
    language: LanguageSchema,
    regionFi: Type.String({ description: 'Region (maakunta), in Finnish' }),
    wellbeingCountyId: Type.Union([Type.String(), Type.Null()], {
      description: 'The wellbeing services county; null in Åland, which has none',
    }),
    employmentAreaId: Type.Union([Type.String(), Type.Null()], {
      description: 'The employment area it belongs to; null until one is configured',
    }),
  },
  { description: 'A municipality' },
);
export type MunicipalityDto = Static<typeof MunicipalityDto>;

export const MunicipalityListQuery = Type.Object(
  {
    county: Type.Optional(CountyIdSchema('Only municipalities of this wellbeing services county')),
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false, description: 'Filters' },
);

export const RoutingQuery = Type.Object(
  {
    on: Type.Optional(
      Type.String({
        format: 'date',
        description: 'The routing in force on this day (YYYY-MM-DD); default today in Europe/Helsinki',
      }),
    ),
  },
  { additionalProperties: false, description: 'Routing options' },
);

export const MunicipalityParams = Type.Object(
  { code: MunicipalityCodeSchema('Municipality code, e.g. 091 for Helsinki') },
  { description: 'Path parameters' },
);

export const MunicipalityRoutingDto = Type.Object(
  {
    municipality: Type.Object(
      {
        code: MunicipalityCodeSchema('Municipality code'),
        nameFi: Type.String({ description: 'Name in Finnish' }),
        nameSv: Type.String({ description: 'Name in Swedish' }),
        language: LanguageSchema,
        regionFi: Type.String({ description: 'Region (maakunta), in Finnish' }),
      },
      { description: 'The home municipality' },
    ),
    wellbeingCounty: Type.Object(
      {
        id: Type.String({ description: 'County id' }),
        nameFi: Type.String({ description: 'Name in Finnish' }),
        nameSv: Type.String({ description: 'Name in Swedish' }),
      },
      { description: 'The wellbeing services county the municipality belongs to' },
    ),
    hvaOrganiser: {
      ...OrganisationRefDto,
      description: 'The organiser of social and health care (HVA role)',
    },
    employmentAuthority: Type.Object(
      {
        organisation: { ...OrganisationRefDto, description: 'The employment authority' },
        employmentArea: Type.Object(
          {
            id: Type.String({ description: 'Employment area id' }),
            nameFi: Type.String({ description: 'Name in Finnish' }),
            model: Type.Enum(['alone', 'host_municipality', 'joint_authority'], {
              description: 'How the area is organised',
            }),
            status: Type.Enum(['verified', 'derived', 'administered'], {
              description: 'Where its membership comes from',
            }),
          },
          { description: 'The employment area the municipality belongs to' },
        ),
      },
      { description: 'The employment authority serving the municipality' },
    ),
    cooperationArea: { ...CooperationAreaRefDto, description: 'The cooperation area referrals go to' },
    on: Type.String({ format: 'date', description: 'The day the routing is for (Europe/Helsinki)' }),
    succession: Type.Optional(
      Type.Object(
        {
          code: MunicipalityCodeSchema('The requested municipality, which had ceased by `on`'),
          nameFi: Type.String({ description: 'Its name in Finnish' }),
          nameSv: Type.String({ description: 'Its name in Swedish' }),
          lastDay: Type.String({ format: 'date', description: 'Its last day' }),
          successorCode: MunicipalityCodeSchema('The municipality it merged into'),
        },
        {
          description:
            'Present when the requested municipality had merged into another by `on`; the rest of the answer routes the successor',
        },
      ),
    ),
  },
  { description: 'Who serves a client whose home municipality this is' },
);

export function toMunicipalityDto(row: MunicipalityRow): MunicipalityDto {
  return {
    code: row.code,
    nameFi: row.nameFi,
    nameSv: row.nameSv,
    language: row.language,
    regionFi: row.regionFi,
    wellbeingCountyId: row.wellbeingCountyId,
    employmentAreaId: row.employmentAreaId,
  };
}

const tags = ['municipalities'];

export function municipalitiesRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/municipalities',
      {
        schema: {
          tags,
          summary: 'List the municipalities (all 309 unless filtered)',
          querystring: MunicipalityListQuery,
          response: { 200: Page(MunicipalityDto, 'Municipalities by code'), ...problemResponses() },
        },
      },
      async (request) => {
        principalOf(request);
        return fullPage((await listMunicipalities(deps.db, request.query)).map(toMunicipalityDto));
      },
    );

    app.get(
      '/v1/municipalities/:code',
      {
        schema: {
          tags,
          summary: 'Route a client by home municipality',
          description:
            'The municipality, its HVA organiser, its employment authority and employment area, and the ' +
            'cooperation area referrals go to. 422 `MUNICIPALITY_OUTSIDE_TYM` for Åland, 422 ' +
            '`EMPLOYMENT_AREA_NOT_CONFIGURED` until its employment area is added. A code that is not three ' +
            'digits is a 400; an unknown one a 404. `on` picks the membership in force that day (default today, ' +
            'Europe/Helsinki); a municipality that had merged into another by then is routed as its successor, ' +
            'with `succession` naming the merger.',
          params: MunicipalityParams,
          querystring: RoutingQuery,
          response: { 200: MunicipalityRoutingDto, ...problemResponses(404, 422) },
        },
      },
      async (request) => {
        principalOf(request);
        const on = request.query.on ?? todayInHelsinki(deps.clock.now());
        return findMunicipalityRouting(deps.db, request.params.code, on);
      },
    );
  };
}
