import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEADLINE_KINDS, type DeadlineKind } from '@tym/domain';
import { Instant, LocalDate, PaginationQuery, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import { DEADLINE_VIEW_STATUSES, type DeadlineViewStatus } from './deadlines.repository.js';
import { type DeadlineView, listDeadlines } from './deadlines.service.js';

const Kind = Type.Unsafe<DeadlineKind>(
  Type.Union(
    DEADLINE_KINDS.map((k) => Type.Literal(k)),
    { description: 'Kind of deadline' },
  ),
);
const Status = Type.Unsafe<DeadlineViewStatus>(
  Type.Union(
    DEADLINE_VIEW_STATUSES.map((s) => Type.Literal(s)),
    {
      description:
        'upcoming (more than 14 days away), due_soon (within 14 days), overdue (pending after its day), met, met_late, cancelled',
    },
  ),
);

export const DeadlineDto = Type.Object(
  {
    id: Uuid('Deadline id'),
    kind: Type.String({ description: 'Kind of deadline, e.g. plan.due' }),
    subjectType: Type.String({ description: 'What it belongs to: case, referral, agreement…' }),
    subjectId: Type.String({ description: 'The id of that thing' }),
    caseId: Type.Union([Uuid('Case'), Type.Null()], { description: 'The case, when it belongs to one' }),
    cooperationAreaId: Type.Union([Uuid('Cooperation area'), Type.Null()], {
      description: 'The cooperation area',
    }),
    dueOn: LocalDate('The last day'),
    status: Status,
    version: Type.Integer({ minimum: 1, description: 'Rises on every move, meet or cancel' }),
    rule: Type.String({ description: 'The rule that computed the date, e.g. plan.due' }),
    statute: Type.String({ description: 'Where the rule comes from, e.g. 381/2023 §4(2); 150/1930 §3, §5' }),
    explanation: Type.Union([Type.String(), Type.Null()], {
      description: 'How the date was computed, in the caller’s language; null for dates set in the plan',
    }),
    metOn: Type.Union([LocalDate('When it was met'), Type.Null()], { description: 'Null unless met' }),
    updatedAt: Instant('Last change'),
  },
  { description: 'A statutory or agreed deadline' },
);
export type DeadlineDto = Static<typeof DeadlineDto>;

export const DeadlineListQuery = Type.Object(
  {
    cooperationArea: Type.Optional(Uuid('Only deadlines of this cooperation area')),
    kind: Type.Optional(Kind),
    status: Type.Optional(Status),
    ...PaginationQuery,
  },
  { additionalProperties: false, description: 'Filters and page' },
);

const CaseDeadlinesQuery = Type.Object(
  { kind: Type.Optional(Kind), status: Type.Optional(Status), ...PaginationQuery },
  { additionalProperties: false, description: 'Filters and page' },
);

export const DeadlinePage = Type.Object(
  {
    items: Type.Array(DeadlineDto, { description: 'Earliest due first' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; null on the last page',
    }),
  },
  { description: 'A page of deadlines' },
);

export function toDeadlineDto(v: DeadlineView): DeadlineDto {
  const r = v.row;
  return {
    id: r.id,
    kind: r.kind,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    caseId: r.caseId,
    cooperationAreaId: r.cooperationAreaId,
    dueOn: r.dueOn,
    status: v.status,
    version: r.version,
    rule: r.rule,
    statute: r.statute,
    explanation: v.explanation,
    metOn: r.metOn,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Deadlines the caller may see (deadline-visibility.ts), with their status as of today. */
export function deadlinesRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/deadlines',
      {
        schema: {
          tags: ['deadlines'],
          summary: 'Deadlines of the caller’s cases and areas, earliest first',
          querystring: DeadlineListQuery,
          response: { 200: DeadlinePage, ...problemResponses() },
        },
      },
      async (request) => {
        const { cooperationArea, kind, status, cursor, limit = 50 } = request.query;
        const page = await listDeadlines(deps, principalOf(request), request.lang, {
          cooperationAreaId: cooperationArea,
          kind,
          status,
          cursor,
          limit,
        });
        return { items: page.items.map(toDeadlineDto), nextCursor: page.nextCursor };
      },
    );
    app.get(
      '/v1/cases/:id/deadlines',
      {
        schema: {
          tags: ['deadlines'],
          summary: 'Deadlines of one case, earliest first',
          params: Type.Object({ id: Uuid('Case id') }, { description: 'Path parameters' }),
          querystring: CaseDeadlinesQuery,
          response: { 200: DeadlinePage, ...problemResponses(404) },
        },
      },
      async (request) => {
        const { kind, status, cursor, limit = 50 } = request.query;
        const page = await listDeadlines(deps, principalOf(request), request.lang, {
          caseId: request.params.id,
          kind,
          status,
          cursor,
          limit,
        });
        return { items: page.items.map(toDeadlineDto), nextCursor: page.nextCursor };
      },
    );
  };
}
