import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, Page, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { fullPage, OrganisationRefDto, PartyRoleSchema } from '../schemas.js';
import {
  type CooperationAreaWithParties,
  getCooperationArea,
  listCooperationAreas,
} from './cooperation-areas.service.js';

export const CooperationAreaDto = Type.Object(
  {
    id: Uuid('Cooperation area id'),
    code: Type.String({ description: 'Stable short code; the county id for a county’s default area' }),
    nameFi: Type.String({ description: 'Name in Finnish' }),
    nameSv: Type.String({ description: 'Name in Swedish' }),
    wellbeingCountyId: Type.String({ description: 'The wellbeing services county (HVA area) it lies in' }),
    isDefault: Type.Boolean({
      description: 'The county’s default area, which every employment authority of the county joins',
    }),
    parties: Type.Array(
      Type.Object(
        {
          organisation: { ...OrganisationRefDto, description: 'The party organisation' },
          roles: Type.Array(PartyRoleSchema, { description: 'Its roles in this area' }),
        },
        { description: 'A party of the area' },
      ),
      { description: 'The parties: the HVA organiser, the employment authorities and Kela' },
    ),
    createdAt: Instant('When the area was added'),
    updatedAt: Instant('When the area was last changed'),
  },
  { description: 'A cooperation area (yhteistoiminta-alue) and its parties' },
);
export type CooperationAreaDto = Static<typeof CooperationAreaDto>;

export const CooperationAreaParams = Type.Object(
  { id: Uuid('Cooperation area id') },
  { description: 'Path parameters' },
);

export function toCooperationAreaDto(area: CooperationAreaWithParties): CooperationAreaDto {
  return {
    id: area.id,
    code: area.code,
    nameFi: area.nameFi,
    nameSv: area.nameSv,
    wellbeingCountyId: area.wellbeingCountyId,
    isDefault: area.isDefault,
    parties: area.parties,
    createdAt: area.createdAt.toISOString(),
    updatedAt: area.updatedAt.toISOString(),
  };
}

const tags = ['cooperation-areas'];

export function cooperationAreasRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cooperation-areas',
      {
        schema: {
          tags,
          summary: 'List the cooperation areas with their parties',
          response: { 200: Page(CooperationAreaDto, 'Cooperation areas by code'), ...problemResponses() },
        },
      },
      async (request) => {
        principalOf(request);
        return fullPage((await listCooperationAreas(deps.db)).map(toCooperationAreaDto));
      },
    );

    app.get(
      '/v1/cooperation-areas/:id',
      {
        schema: {
          tags,
          summary: 'One cooperation area with its parties and their roles',
          params: CooperationAreaParams,
          response: { 200: CooperationAreaDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        principalOf(request);
        return toCooperationAreaDto(await getCooperationArea(deps.db, request.params.id));
      },
    );
  };
}
