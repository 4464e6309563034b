import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Instant,
  LocalDate,
  OrganisationCode,
  Page,
  principalOf,
  problemResponses,
  Uuid,
  withIdempotency,
} from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { fullPage, Name } from '../schemas.js';
import {
  changeManagementGroup,
  createManagementGroup,
  getManagementGroup,
  listManagementGroups,
  type ManagementGroup,
  setAnnualTargets,
} from './management-groups.service.js';

const PositionSchema = Type.Enum(['chair', 'vice_chair', 'member'], {
  description: 'chair (named by the employment authority), vice_chair (named by the HVA) or member',
});
const Title = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

const MemberBody = Type.Object(
  {
    organisationCode: OrganisationCode('The party the member represents'),
    position: PositionSchema,
    name: Name('The member’s name'),
    title: Type.Optional(Title('The member’s job title')),
    staffId: Type.Optional(Uuid('The member’s staff record, if any: lets them read the area’s figures')),
    deputy: Type.Object(
      {
        name: Name('The personal deputy’s name'),
        title: Type.Optional(Title('The deputy’s job title')),
        staffId: Type.Optional(Uuid('The deputy’s staff record, if any')),
      },
      { additionalProperties: false, description: 'The member’s personal deputy (381/2023 §9(1))' },
    ),
  },
  { additionalProperties: false, description: 'A member of the group with a personal deputy' },
);

const LeadingPersonBody = Type.Object(
  {
    name: Name('The leading person (johtava henkilö)'),
    deputyName: Name('The leading person’s deputy'),
    approvedOn: LocalDate('When the group approved them'),
    termEndOn: Type.Optional(
      LocalDate(
        'The end of their term: at most the group’s term end, which is the default (VNA 388/2024 §4)',
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'The leading person and deputy, approved by the group and named by the employment authority that set it up (VNA 388/2024 §4)',
  },
);

export const ManagementGroupCreateBody = Type.Object(
  {
    cooperationAreaId: Uuid(
      'The cooperation area the group serves; your organisation is its employment authority',
    ),
    termStartOn: LocalDate('First day of the 5-year term'),
    members: Type.Array(MemberBody, {
      minItems: 1,
      maxItems: 60,
      description: 'Members of every party of the area, one chair and one vice-chair among them',
    }),
    leadingPerson: Type.Optional(LeadingPersonBody),
  },
  { additionalProperties: false, description: 'A new management group (monialaisen tuen johtoryhmä)' },
);

export const ManagementGroupPatchBody = Type.Object(
  {
    termStartOn: Type.Optional(LocalDate('First day of a new 5-year term (the setting-up authority only)')),
    members: Type.Optional(
      Type.Array(MemberBody, {
        maxItems: 30,
        description: 'Your organisation’s members, replacing them; other parties’ members stay',
      }),
    ),
    leadingPerson: Type.Optional(
      Type.Union([LeadingPersonBody, Type.Null()], { description: 'The leading person, or null to clear' }),
    ),
  },
  { additionalProperties: false, minProperties: 1, description: 'The fields to change' },
);

export const AnnualTargetsBody = Type.Object(
  {
    targets: Type.Array(
      Type.Object(
        {
          indicator: Type.String({
            pattern: '^[a-z][a-z0-9_]{0,62}$',
            description: 'Stable indicator code, e.g. plans_within_3_months',
          }),
          label: Name('What the indicator measures, in words'),
          targetValue: Type.Number({ minimum: -1e9, maximum: 1e9, description: 'The target value' }),
          unit: Type.String({
            minLength: 1,
            maxLength: 40,
            description: 'Unit, e.g. percent, clients, days',
          }),
        },
        { additionalProperties: false, description: 'One indicator with its target' },
      ),
      { maxItems: 50, description: 'The year’s targets, replacing the current ones' },
    ),
  },
  { additionalProperties: false, description: 'Annual targets of the management group' },
);

const PersonDto = Type.Object(
  {
    name: Type.String({ description: 'Name' }),
    title: Type.Union([Type.String(), Type.Null()], { description: 'Job title' }),
    staffId: Type.Union([Uuid('Staff record'), Type.Null()], { description: 'Staff record, if linked' }),
  },
  { description: 'A person' },
);

export const ManagementGroupDto = Type.Object(
  {
    id: Uuid('Management group id'),
    cooperationAreaId: Uuid('The cooperation area it serves'),
    wellbeingCountyId: Type.String({ description: 'The HVA area the cooperation area lies in' }),
    employmentAuthorityCode: OrganisationCode('The employment authority that set the group up'),
    term: Type.Object(
      {
        startOn: LocalDate('First day'),
        endOn: LocalDate('Last day (5 years, VNA 388/2024 §1)'),
      },
      { description: 'The current term' },
    ),
    members: Type.Array(
      Type.Object(
        {
          organisationCode: OrganisationCode('The party the member represents'),
          position: PositionSchema,
          name: Type.String({ description: 'The member’s name' }),
          title: Type.Union([Type.String(), Type.Null()], { description: 'The member’s job title' }),
          staffId: Type.Union([Uuid('Staff record'), Type.Null()], {
            description: 'Staff record, if linked',
          }),
          deputy: { ...PersonDto, description: 'The personal deputy' },
        },
        { description: 'A member with a personal deputy' },
      ),
      { description: 'Members by organisation' },
    ),
    leadingPerson: Type.Union(
      [
        Type.Object(
          {
            name: Type.String({ description: 'The leading person' }),
            deputyName: Type.Union([Type.String(), Type.Null()], { description: 'The deputy' }),
            approvedOn: Type.Union([LocalDate('Approval date'), Type.Null()], {
              description: 'When the group approved them',
            }),
            termEndOn: LocalDate('The end of their term, at most the group’s (VNA 388/2024 §4)'),
          },
          { description: 'The leading person (johtava henkilö)' },
        ),
        Type.Null(),
      ],
      { description: 'The leading person and deputy, or null before the group has named them' },
    ),
    annualTargets: Type.Array(
      Type.Object(
        {
          year: Type.Integer({ description: 'Year' }),
          targets: Type.Array(
            Type.Object(
              {
                indicator: Type.String({ description: 'Indicator code' }),
                label: Type.String({ description: 'What it measures' }),
                targetValue: Type.Number({ description: 'Target value' }),
                unit: Type.String({ description: 'Unit' }),
              },
              { description: 'An indicator and its target' },
            ),
            { description: 'The targets' },
          ),
        },
        { description: 'One year’s targets' },
      ),
      { description: 'Annual targets by year' },
    ),
    version: Type.Integer({ description: 'Rises on every change' }),
    createdAt: Instant('When the group was set up'),
    updatedAt: Instant('When it last changed'),
  },
  { description: 'A management group (monialaisen tuen johtoryhmä), 381/2023 §9' },
);
export type ManagementGroupDto = Static<typeof ManagementGroupDto>;

export function toManagementGroupDto(g: ManagementGroup): ManagementGroupDto {
  const years = [...new Set(g.targets.map((t) => t.year))].sort((a, b) => a - b);
  return {
    id: g.row.id,
    cooperationAreaId: g.row.cooperationAreaId,
    wellbeingCountyId: g.row.wellbeingCountyId,
    employmentAuthorityCode: g.row.employmentAuthorityCode,
    term: { startOn: g.row.termStartOn, endOn: g.row.termEndOn },
    members: g.members.map((m) => ({
      organisationCode: m.organisationCode,
      position: m.position,
      name: m.name,
      title: m.title,
      staffId: m.staffId,
      deputy: { name: m.deputyName, title: m.deputyTitle, staffId: m.deputyStaffId },
    })),
    leadingPerson: g.row.leadingPersonName
      ? {
          name: g.row.leadingPersonName,
          deputyName: g.row.leadingPersonDeputyName,
          approvedOn: g.row.leadingPersonsApprovedOn,
          termEndOn: g.row.leadingPersonTermEndOn ?? g.row.termEndOn,
        }
      : null,
    annualTargets: years.map((year) => ({
      year,
      targets: g.targets
        .filter((t) => t.year === year)
        .map((t) => ({
          indicator: t.indicator,
          label: t.label,
          targetValue: Number(t.targetValue),
          unit: t.unit,
        })),
    })),
    version: g.row.version,
    createdAt: g.row.createdAt.toISOString(),
    updatedAt: g.row.updatedAt.toISOString(),
  };
}

const Params = Type.Object({ id: Uuid('Management group id') }, { description: 'Path parameters' });
const TargetParams = Type.Object(
  {
    id: Uuid('Management group id'),
    year: Type.Integer({ minimum: 2025, maximum: 2100, description: 'The year the targets are for' }),
  },
  { description: 'Path parameters' },
);
const tags = ['management-groups'];

export function managementGroupsRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/management-groups',
      {
        schema: {
          tags,
          summary: 'Management groups of the areas you may read',
          description:
            'Coordinators and admins see the groups of areas their organisation is a party of; members and ' +
            'deputies see their own group.',
          querystring: Type.Object(
            { cooperationAreaId: Type.Optional(Uuid('Only the group of this cooperation area')) },
            { additionalProperties: false, description: 'Filters' },
          ),
          response: { 200: Page(ManagementGroupDto, 'Management groups'), ...problemResponses() },
        },
      },
      async (request) =>
        fullPage(
          (await listManagementGroups(deps, principalOf(request), request.query)).map(toManagementGroupDto),
        ),
    );

    app.post(
      '/v1/management-groups',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Set up a management group (admin of the area’s employment authority)',
          description:
            'Term of 5 years (VNA 388/2024 §1) with a `management_group.term` deadline; members of every party ' +
            'each with a personal deputy; chair from your organisation, vice-chair from the HVA. At most one group ' +
            'per employment authority in an HVA area (422 `MANAGEMENT_GROUP_LIMIT_EXCEEDED`). Writes ' +
            '`management_group.created`. Accepts `Idempotency-Key`.',
          body: ManagementGroupCreateBody,
          response: { 201: ManagementGroupDto, ...problemResponses(403, 422) },
        },
      },
      async (request, reply) =>
        withIdempotency(deps.db, request, reply, async (tx) => {
          const group = await createManagementGroup({ ...deps, db: tx }, principalOf(request), request.body);
          reply.header('location', `/v1/management-groups/${group.row.id}`);
          return { status: 201, body: toManagementGroupDto(group) };
        }),
    );

    app.get(
      '/v1/management-groups/:id',
      {
        schema: {
          tags,
          summary: 'One management group with members and annual targets',
          params: Params,
          response: { 200: ManagementGroupDto, ...problemResponses(404) },
        },
      },
      async (request) =>
        toManagementGroupDto(await getManagementGroup(deps, principalOf(request), request.params.id)),
    );

    app.patch(
      '/v1/management-groups/:id',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Change a management group (admin of a party of its area)',
          description:
            '`members` replaces your own organisation’s members; `termStartOn` only the setting-up employment ' +
            'authority (moves the `management_group.term` deadline); `leadingPerson` likewise only the setting-up ' +
            'employment authority, for at most the group’s term (VNA 388/2024 §4). Writes `management_group.updated`.',
          params: Params,
          body: ManagementGroupPatchBody,
          response: { 200: ManagementGroupDto, ...problemResponses(403, 404, 422) },
        },
      },
      async (request) =>
        toManagementGroupDto(
          await changeManagementGroup(deps, principalOf(request), request.params.id, request.body),
        ),
    );

    app.put(
      '/v1/management-groups/:id/annual-targets/:year',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Set the group’s targets for one year (admin of a party of its area)',
          description:
            'Replaces the year’s list. Writes `management_group.targets_set` when something changed.',
          params: TargetParams,
          body: AnnualTargetsBody,
          response: { 200: ManagementGroupDto, ...problemResponses(403, 404) },
        },
      },
      async (request) =>
        toManagementGroupDto(
          await setAnnualTargets(
            deps,
            principalOf(request),
            request.params.id,
            request.params.year,
            request.body.targets,
          ),
        ),
    );
  };
}
