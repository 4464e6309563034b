import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, OrganisationCode, Page, principalOf, problemResponses } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import {
  CooperationAreaRefDto,
  fullPage,
  Name,
  OrganisationKindSchema,
  PartyRoleSchema,
} from '../schemas.js';
import type { OrganisationRow } from './organisations.repository.js';
import {
  getOrganisation,
  listOrganisations,
  type OrganisationDetail,
  renameOrganisation,
} from './organisations.service.js';

const OrganisationFields = {
  code: OrganisationCode('Organisation code, also the `org` claim of its staff’s tokens'),
  nameFi: Type.String({ description: 'Name in Finnish' }),
  nameSv: Type.String({ description: 'Name in Swedish' }),
  nameEn: Type.String({ description: 'Name in English' }),
  kind: OrganisationKindSchema,
  roles: Type.Array(PartyRoleSchema, { description: 'The TYM party roles the organisation holds' }),
  createdAt: Instant('When the organisation was added'),
  updatedAt: Instant('When the organisation was last changed'),
};

export const OrganisationDto = Type.Object(OrganisationFields, {
  description: 'A party organisation of the TYM model',
});
export type OrganisationDto = Static<typeof OrganisationDto>;

export const OrganisationDetailDto = Type.Object(
  {
    ...OrganisationFields,
    employmentAreaId: Type.Union([Type.String(), Type.Null()], {
      description: 'The employment area this organisation is the employment authority of, if any',
    }),
    wellbeingCountyId: Type.Union([Type.String(), Type.Null()], {
      description: 'The county whose social and health care this organisation organises, if any',
    }),
    cooperationAreas: Type.Array(
      Type.Object(
        {
          ...CooperationAreaRefDto.properties,
          roles: Type.Array(PartyRoleSchema, { description: 'The organisation’s roles in this area' }),
        },
        { description: 'A cooperation area the organisation is a party of' },
      ),
      { description: 'The cooperation areas the organisation is a party of' },
    ),
  },
  { description: 'A party organisation with its roles and cooperation areas' },
);
export type OrganisationDetailDto = Static<typeof OrganisationDetailDto>;

export const OrganisationListQuery = Type.Object(
  { role: Type.Optional(PartyRoleSchema) },
  { additionalProperties: false, description: 'Filters' },
);
export const OrganisationParams = Type.Object(
  { code: OrganisationCode('Organisation code') },
  { description: 'Path parameters' },
);
export const OrganisationPatchBody = Type.Object(
  {
    nameFi: Type.Optional(Name('New name in Finnish')),
    nameSv: Type.Optional(Name('New name in Swedish')),
    nameEn: Type.Optional(Name('New name in English')),
  },
  { additionalProperties: false, minProperties: 1, description: 'The names to change' },
);

export function toOrganisationDto(row: OrganisationRow): OrganisationDto {
  return {
    code: row.code,
    nameFi: row.nameFi,
    nameSv: row.nameSv,
    nameEn: row.nameEn,
    kind: row.kind,
    roles: row.roles,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toOrganisationDetailDto(row: OrganisationDetail): OrganisationDetailDto {
  return {
    ...toOrganisationDto(row),
    employmentAreaId: row.employmentAreaId,
    wellbeingCountyId: row.wellbeingCountyId,
    cooperationAreas: row.cooperationAreas.map((a) => ({
      id: a.id,
      code: a.code,
      nameFi: a.nameFi,
      nameSv: a.nameSv,
      roles: a.roles,
    })),
  };
}

const tags = ['organisations'];

export function organisationsRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/organisations',
      {
        schema: {
          tags,
          summary: 'List the party organisations, optionally by role',
          description: 'The whole directory in one page. Any authenticated caller may read it.',
          querystring: OrganisationListQuery,
          response: { 200: Page(OrganisationDto, 'Organisations by code'), ...problemResponses() },
        },
      },
      async (request) => {
        principalOf(request);
        const rows = await listOrganisations(deps.db, request.query);
        return fullPage(rows.map(toOrganisationDto));
      },
    );

    app.get(
      '/v1/organisations/:code',
      {
        schema: {
          tags,
          summary: 'One organisation with its roles and the cooperation areas it is a party of',
          params: OrganisationParams,
          response: { 200: OrganisationDetailDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        principalOf(request);
        return toOrganisationDetailDto(await getOrganisation(deps.db, request.params.code));
      },
    );

    app.patch(
      '/v1/organisations/:code',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Rename your own organisation (admin)',
          description: 'Writes `organisation.updated`. An admin may change only their own organisation.',
          params: OrganisationParams,
          body: OrganisationPatchBody,
          response: { 200: OrganisationDetailDto, ...problemResponses(403, 404) },
        },
      },
      async (request) => {
        const detail = await renameOrganisation(
          deps,
          principalOf(request),
          request.params.code,
          request.body,
        );
        return toOrganisationDetailDto(detail);
      },
    );
  };
}
