import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  hasRole,
  Instant,
  OrganisationCode,
  Page,
  PaginationQuery,
  principalOf,
  problemResponses,
  ROLES,
  Uuid,
  withIdempotency,
} from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { Name } from '../schemas.js';
import {
  changeStaff,
  createStaff,
  getStaff,
  listStaff,
  type StaffWithAllocations,
  setStaffAllocations,
} from './staff.service.js';
import { listDirectory } from './staff-directory.service.js';

const RoleSchema = Type.Enum([...ROLES], { description: 'A role of the person in TYM work' });
const RolesSchema = Type.Array(RoleSchema, {
  uniqueItems: true,
  maxItems: ROLES.length,
  description: 'The person’s roles (as in the `roles` claim of their tokens)',
});
const LanguagesSchema = Type.Array(
  Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 language code, e.g. fi, sv, en' }),
  { uniqueItems: true, maxItems: 20, description: 'Languages the person serves clients in' },
);
const CompetencesSchema = Type.Array(
  Type.String({
    pattern: '^[a-z][a-z0-9_]{0,62}$',
    description: 'A competence label, e.g. social_work, psychology, career_guidance',
  }),
  { uniqueItems: true, maxItems: 30, description: 'Competences the person brings to this area' },
);
const Fte = (description: string) => Type.Number({ exclusiveMinimum: 0, maximum: 1, description });

export const StaffAllocationDto = Type.Object(
  {
    cooperationAreaId: Uuid('Cooperation area id'),
    cooperationAreaCode: Type.String({ description: 'Cooperation area code' }),
    fte: Type.Number({ description: 'Full-time equivalent given to the area (0 < fte ≤ 1, three decimals)' }),
    competences: Type.Array(Type.String({ description: 'Competence label' }), {
      description: 'Competences the person brings to this area',
    }),
    languages: Type.Array(Type.String({ description: 'ISO 639 code' }), {
      description: 'Languages the person serves clients in within this area',
    }),
  },
  { description: 'A share of the person’s working time in one cooperation area' },
);

export const StaffDto = Type.Object(
  {
    id: Uuid('Staff member id'),
    organisationCode: OrganisationCode('The organisation the person works for'),
    subject: Type.String({ description: 'The `sub` claim of the person’s tokens' }),
    displayName: Type.String({ description: 'Name shown to colleagues' }),
    email: Type.Union([Type.String(), Type.Null()], { description: 'Work e-mail address' }),
    roles: Type.Array(RoleSchema, { description: 'The person’s roles' }),
    languages: Type.Array(Type.String({ description: 'ISO 639 code' }), {
      description: 'Languages the person serves clients in',
    }),
    active: Type.Boolean({ description: 'False once the person no longer does TYM work' }),
    totalFte: Type.Number({ description: 'Sum of the allocations (at most 1.0)' }),
    allocations: Type.Array(StaffAllocationDto, { description: 'The person’s allocations by area code' }),
    createdAt: Instant('When the record was created'),
    updatedAt: Instant('When the record was last changed'),
  },
  { description: 'A staff member assigned to TYM work' },
);
export type StaffDto = Static<typeof StaffDto>;

export const StaffCardDto = Type.Object(
  {
    id: Uuid('Staff member id'),
    displayName: Type.String({ description: 'Name shown to colleagues' }),
    organisationCode: OrganisationCode('The organisation the person works for'),
    roles: Type.Array(RoleSchema, { description: 'The person’s roles' }),
    allocations: Type.Array(
      Type.Object(
        {
          cooperationAreaId: Uuid('Cooperation area id'),
          cooperationAreaCode: Type.String({ description: 'Cooperation area code' }),
          fte: Type.Number({ description: 'Full-time equivalent given to the area' }),
        },
        { description: 'The person’s allocation to an area the caller shares' },
      ),
      { description: 'Allocations to the areas the caller is allocated to' },
    ),
  },
  { description: 'A colleague in the directory: name, organisation, roles and allocation; nothing else' },
);
export type StaffCardDto = Static<typeof StaffCardDto>;

export const StaffParams = Type.Object({ id: Uuid('Staff member id') }, { description: 'Path parameters' });

export const StaffListQuery = Type.Object(
  {
    ...PaginationQuery,
    active: Type.Optional(
      Type.Boolean({
        description: 'Only active (true) or inactive (false) staff (your organisation’s register only)',
      }),
    ),
    cooperationArea: Type.Optional(
      Uuid('Directory: only colleagues allocated to this cooperation area (one of yours)'),
    ),
    organisation: Type.Optional(OrganisationCode('Directory: only staff of this organisation')),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Directory: part of the name, any case' }),
    ),
  },
  { additionalProperties: false, description: 'Paging and filters' },
);

export const StaffCreateBody = Type.Object(
  {
    subject: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The `sub` claim of the person’s tokens; unique in your organisation',
    }),
    displayName: Name('Name shown to colleagues'),
    email: Type.Optional(
      Type.String({ format: 'email', maxLength: 254, description: 'Work e-mail address' }),
    ),
    roles: Type.Optional(RolesSchema),
    languages: Type.Optional(LanguagesSchema),
    active: Type.Optional(Type.Boolean({ description: 'Default true' })),
  },
  { additionalProperties: false, description: 'A new staff member of your organisation' },
);

export const StaffPatchBody = Type.Object(
  {
    displayName: Type.Optional(Name('Name shown to colleagues')),
    email: Type.Optional(
      Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()], {
        description: 'Work e-mail address, or null to remove it',
      }),
    ),
    roles: Type.Optional(RolesSchema),
    languages: Type.Optional(LanguagesSchema),
    active: Type.Optional(Type.Boolean({ description: 'False once the person no longer does TYM work' })),
  },
  { additionalProperties: false, minProperties: 1, description: 'The fields to change' },
);

export const StaffAllocationsBody = Type.Object(
  {
    allocations: Type.Array(
      Type.Object(
        {
          cooperationAreaId: Uuid('A cooperation area your organisation is a party of'),
          fte: Fte('Full-time equivalent given to the area (0 < fte ≤ 1, at most three decimals)'),
          competences: Type.Optional(CompetencesSchema),
          languages: Type.Optional(LanguagesSchema),
        },
        { additionalProperties: false, description: 'A share of working time in one area' },
      ),
      { maxItems: 50, description: 'The complete new list; the FTEs sum to at most 1.0' },
    ),
  },
  { additionalProperties: false, description: 'The person’s allocations, replacing the current ones' },
);

export function toStaffDto(s: StaffWithAllocations): StaffDto {
  return {
    id: s.id,
    organisationCode: s.organisationCode,
    subject: s.subject,
    displayName: s.displayName,
    email: s.email,
    roles: s.roles as StaffDto['roles'],
    languages: s.languages,
    active: s.active,
    totalFte: s.totalFte,
    allocations: s.allocations.map((a) => ({
      cooperationAreaId: a.cooperationAreaId,
      cooperationAreaCode: a.cooperationAreaCode,
      fte: a.fte,
      competences: a.competences,
      languages: a.languages,
    })),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const tags = ['staff'];

export function staffRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/staff',
      {
        schema: {
          tags,
          summary: 'The staff directory of your areas, or your organisation’s staff register',
          description:
            'Any staff member (caseworkers too) gets the **directory**: active staff of every party allocated ' +
            'to the cooperation areas you are allocated to, as cards (name, organisation, roles, allocation to ' +
            'the shared areas; nothing else), filtered by `cooperationArea`, `organisation` and `q` (part of ' +
            'the name). Coordinators and admins who give none of those filters get their own organisation’s ' +
            'full register instead (with `active`), as before.',
          querystring: StaffListQuery,
          response: {
            200: Page(
              Type.Union([StaffDto, StaffCardDto]),
              'Staff by display name: register records or directory cards',
            ),
            ...problemResponses(),
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { cooperationArea, organisation, q, active, ...paging } = request.query;
        const directory =
          !hasRole(principal, 'coordinator', 'admin') ||
          cooperationArea !== undefined ||
          organisation !== undefined ||
          q !== undefined;
        if (directory) {
          const page = await listDirectory(deps.db, principal, {
            ...paging,
            ...(cooperationArea ? { cooperationArea } : {}),
            ...(organisation ? { organisation } : {}),
            ...(q ? { q } : {}),
          });
          return {
            items: page.items.map((c) => ({ ...c, roles: c.roles as StaffCardDto['roles'] })),
            nextCursor: page.nextCursor,
          };
        }
        const page = await listStaff(deps, principal, {
          ...paging,
          ...(active !== undefined ? { active } : {}),
        });
        return { items: page.items.map(toStaffDto), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/v1/staff',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Add a staff member to your organisation (admin)',
          description:
            'Writes `staff.created`. Accepts `Idempotency-Key`: a repeat returns the first answer.',
          body: StaffCreateBody,
          response: { 201: StaffDto, ...problemResponses(403, 409) },
        },
      },
      async (request, reply) =>
        withIdempotency(deps.db, request, reply, async (tx) => {
          const member = await createStaff({ ...deps, db: tx }, principalOf(request), request.body);
          reply.header('location', `/v1/staff/${member.id}`);
          return { status: 201, body: toStaffDto(member) };
        }),
    );

    app.get(
      '/v1/staff/:id',
      {
        schema: {
          tags,
          summary: 'One staff member of your organisation with allocations',
          description:
            'Coordinators and admins see their organisation’s staff; anyone sees their own record. Staff of ' +
            'other organisations answer 404.',
          params: StaffParams,
          response: { 200: StaffDto, ...problemResponses(404) },
        },
      },
      async (request) => toStaffDto(await getStaff(deps, principalOf(request), request.params.id)),
    );

    app.patch(
      '/v1/staff/:id',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Change a staff member of your organisation (admin)',
          description: 'Writes `staff.updated` when something changed.',
          params: StaffParams,
          body: StaffPatchBody,
          response: { 200: StaffDto, ...problemResponses(403, 404) },
        },
      },
      async (request) =>
        toStaffDto(await changeStaff(deps, principalOf(request), request.params.id, request.body)),
    );

    app.put(
      '/v1/staff/:id/allocations',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Replace a staff member’s allocations to cooperation areas (admin)',
          description:
            'The FTEs sum to at most 1.0 (422 `ALLOCATION_EXCEEDS_FULL_TIME`); each area must have the ' +
            'organisation as a party (422 `NOT_A_PARTY_OF_AREA`). Writes `staff.allocations_changed` when ' +
            'something changed.',
          params: StaffParams,
          body: StaffAllocationsBody,
          response: { 200: StaffDto, ...problemResponses(403, 404, 422) },
        },
      },
      async (request) =>
        toStaffDto(
          await setStaffAllocations(deps, principalOf(request), request.params.id, request.body.allocations),
        ),
    );
  };
}
