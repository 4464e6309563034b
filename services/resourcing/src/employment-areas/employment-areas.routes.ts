import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Instant,
  OrganisationCode,
  Page,
  principalOf,
  problemResponses,
  withIdempotency,
} from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { fullPage, MunicipalityCodeSchema, Name, OrganisationRefDto } from '../schemas.js';
import type { EmploymentAreaListRow } from './employment-areas.repository.js';
import {
  changeEmploymentArea,
  createEmploymentArea,
  type EmploymentAreaDetail,
  getEmploymentArea,
  listEmploymentAreas,
} from './employment-areas.service.js';

const ModelSchema = Type.Enum(['alone', 'host_municipality', 'joint_authority'], {
  description:
    'How the area is organised: a city alone, a host municipality (vastuukunta) for the others, or a joint municipal authority (kuntayhtymä)',
});
const AreaIdSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,59}$',
  description: 'Employment area id (lowercase letters, digits, hyphens); its organisation is `ea-<id>`',
});
const MemberCodes = (description: string) =>
  Type.Array(MunicipalityCodeSchema('Member municipality'), {
    minItems: 1,
    maxItems: 400,
    uniqueItems: true,
    description,
  });

const AreaFields = {
  id: Type.String({ description: 'Employment area id' }),
  nameFi: Type.String({ description: 'Name in Finnish' }),
  nameProvisional: Type.Boolean({ description: 'True while the name is a working label' }),
  model: ModelSchema,
  hostMunicipalityCode: Type.Union([MunicipalityCodeSchema('Host municipality'), Type.Null()], {
    description: 'The host municipality (vastuukunta), where known',
  }),
  status: Type.Enum(['verified', 'derived', 'administered'], {
    description:
      'Where the membership comes from: read in a source, derived from verified counts, or maintained by an administrator',
  }),
  organisationCode: OrganisationCode('The employment authority organising the area'),
  municipalityCodes: Type.Array(MunicipalityCodeSchema('Member municipality'), {
    description: 'Member municipalities by code',
  }),
  wellbeingCountyIds: Type.Array(Type.String({ description: 'County id' }), {
    description: 'The wellbeing services counties the members are in (two for areas spanning counties)',
  }),
  createdAt: Instant('When the area was added'),
  updatedAt: Instant('When the area was last changed'),
};

export const EmploymentAreaDto = Type.Object(AreaFields, {
  description: 'An employment area (työllisyysalue)',
});
export type EmploymentAreaDto = Static<typeof EmploymentAreaDto>;

export const EmploymentAreaDetailDto = Type.Object(
  {
    ...AreaFields,
    organisation: { ...OrganisationRefDto, description: 'The employment authority' },
    members: Type.Array(
      Type.Object(
        {
          code: MunicipalityCodeSchema('Municipality code'),
          nameFi: Type.String({ description: 'Name in Finnish' }),
          nameSv: Type.String({ description: 'Name in Swedish' }),
          wellbeingCountyId: Type.Union([Type.String(), Type.Null()], { description: 'Its county' }),
        },
        { description: 'A member municipality' },
      ),
      { description: 'Member municipalities with names' },
    ),
  },
  { description: 'An employment area with its members and employment authority' },
);
export type EmploymentAreaDetailDto = Static<typeof EmploymentAreaDetailDto>;

export const EmploymentAreaParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$', description: 'Employment area id' }) },
  { description: 'Path parameters' },
);

export const EmploymentAreaCreateBody = Type.Object(
  {
    id: AreaIdSchema,
    nameFi: Name('Name in Finnish'),
    nameProvisional: Type.Optional(
      Type.Boolean({ description: 'The name is a working label (default false)' }),
    ),
    model: ModelSchema,
    hostMunicipalityCode: Type.Optional(MunicipalityCodeSchema('The host municipality; must be a member')),
    municipalityCodes: MemberCodes('Member municipalities; none may belong to another area'),
    organisation: Type.Optional(
      Type.Object(
        {
          nameFi: Name('Name in Finnish'),
          nameSv: Name('Name in Swedish'),
          nameEn: Name('Name in English'),
        },
        {
          additionalProperties: false,
          description:
            'Names of the employment authority organisation if it does not exist yet (default: nameFi in every language); ignored if it exists',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'A new employment area' },
);

export const EmploymentAreaPatchBody = Type.Object(
  {
    nameFi: Type.Optional(Name('New name in Finnish')),
    nameProvisional: Type.Optional(Type.Boolean({ description: 'The name is a working label' })),
    model: Type.Optional(ModelSchema),
    hostMunicipalityCode: Type.Optional(
      Type.Union([MunicipalityCodeSchema('The host municipality; must be a member'), Type.Null()], {
        description: 'The host municipality, or null for none',
      }),
    ),
    municipalityCodes: Type.Optional(
      MemberCodes('The complete new member list; municipalities left out are removed from the area'),
    ),
  },
  { additionalProperties: false, minProperties: 1, description: 'The fields to change' },
);

export function toEmploymentAreaDto(row: EmploymentAreaListRow): EmploymentAreaDto {
  return {
    id: row.id,
    nameFi: row.nameFi,
    nameProvisional: row.nameProvisional,
    model: row.model,
    hostMunicipalityCode: row.hostMunicipalityCode,
    status: row.status,
    organisationCode: row.organisationCode,
    municipalityCodes: row.municipalityCodes,
    wellbeingCountyIds: row.wellbeingCountyIds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toEmploymentAreaDetailDto(row: EmploymentAreaDetail): EmploymentAreaDetailDto {
  return {
    ...toEmploymentAreaDto(row),
    organisation: row.organisation,
    members: row.members.map((m) => ({
      code: m.code,
      nameFi: m.nameFi,
      nameSv: m.nameSv,
      wellbeingCountyId: m.wellbeingCountyId,
    })),
  };
}

const tags = ['employment-areas'];

export function employmentAreasRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/employment-areas',
      {
        schema: {
          tags,
          summary: 'List the employment areas configured so far',
          response: { 200: Page(EmploymentAreaDto, 'Employment areas by id'), ...problemResponses() },
        },
      },
      async (request) => {
        principalOf(request);
        return fullPage((await listEmploymentAreas(deps.db)).map(toEmploymentAreaDto));
      },
    );

    app.get(
      '/v1/employment-areas/:id',
      {
        schema: {
          tags,
          summary: 'One employment area with its member municipalities',
          params: EmploymentAreaParams,
          response: { 200: EmploymentAreaDetailDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        principalOf(request);
        return toEmploymentAreaDetailDto(await getEmploymentArea(deps.db, request.params.id));
      },
    );

    app.post(
      '/v1/employment-areas',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Add an employment area (admin of its employment authority `ea-<id>`)',
          description:
            'Creates the employment authority organisation if missing (role employment_authority) and adds it ' +
            'as a party to the default cooperation area of each county its municipalities are in. Writes ' +
            '`employment_area.created` (and `organisation.created`, `cooperation_area.parties_added`). Accepts ' +
            '`Idempotency-Key`.',
          body: EmploymentAreaCreateBody,
          response: { 201: EmploymentAreaDetailDto, ...problemResponses(403, 409, 422) },
        },
      },
      async (request, reply) =>
        withIdempotency(deps.db, request, reply, async (tx) => {
          const detail = await createEmploymentArea({ ...deps, db: tx }, principalOf(request), request.body);
          reply.header('location', `/v1/employment-areas/${detail.id}`);
          return { status: 201, body: toEmploymentAreaDetailDto(detail) };
        }),
    );

    app.patch(
      '/v1/employment-areas/:id',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Change an employment area or its members (admin of its employment authority)',
          description: 'Writes `employment_area.updated`.',
          params: EmploymentAreaParams,
          body: EmploymentAreaPatchBody,
          response: { 200: EmploymentAreaDetailDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const detail = await changeEmploymentArea(
          deps,
          principalOf(request),
          request.params.id,
          request.body,
        );
        return toEmploymentAreaDetailDto(detail);
      },
    );
  };
}
