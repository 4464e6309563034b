import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, PaginationQuery, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import {
  listNotifications,
  type NotificationView,
  readAllNotifications,
  readerLanguage,
  readNotification,
} from './notifications.service.js';

export const NotificationDto = Type.Object(
  {
    id: Uuid('Notification id'),
    kind: Type.String({
      description: 'What it is about: an event type (case.ended) or deadline.reminder/due/escalated',
    }),
    title: Type.String({ description: 'Short text in the reader’s language; never personal data' }),
    body: Type.String({ description: 'One or two sentences with a case reference; never personal data' }),
    link: Type.Union([Type.String(), Type.Null()], { description: 'Where to look, when there is a place' }),
    caseId: Type.Union([Uuid('Case'), Type.Null()], { description: 'The case it concerns, if any' }),
    cooperationAreaId: Type.Union([Uuid('Cooperation area'), Type.Null()], {
      description: 'The cooperation area it concerns, if any',
    }),
    createdAt: Instant('When it was created'),
    readAt: Type.Union([Instant('When it was read'), Type.Null()], { description: 'Null while unread' }),
  },
  { description: 'A notification in the caller’s inbox' },
);
export type NotificationDto = Static<typeof NotificationDto>;

export const NotificationListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'true: unread only; false: read only; absent: all' })),
    ...PaginationQuery,
  },
  { additionalProperties: false, description: 'Filter and page' },
);

export const NotificationPage = Type.Object(
  {
    items: Type.Array(NotificationDto, { description: 'Newest first' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; null on the last page',
    }),
    unreadCount: Type.Integer({ minimum: 0, description: 'Unread notifications in the whole inbox' }),
  },
  { description: 'A page of the inbox' },
);

const IdParams = Type.Object({ id: Uuid('Notification id') }, { description: 'Path parameters' });

export function toNotificationDto(v: NotificationView): NotificationDto {
  return {
    id: v.row.id,
    kind: v.row.kind,
    title: v.title,
    body: v.body,
    link: v.link,
    caseId: v.row.caseId,
    cooperationAreaId: v.row.cooperationAreaId,
    createdAt: v.row.createdAt.toISOString(),
    readAt: v.row.readAt?.toISOString() ?? null,
  };
}

/** The caller's own inbox; nobody sees another person's notifications. */
export function notificationsRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The caller’s notifications, newest first, in their language',
          querystring: NotificationListQuery,
          response: { 200: NotificationPage, ...problemResponses() },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const lang = await readerLanguage(deps, p, request.lang);
        const { unread, cursor, limit = 50 } = request.query;
        const page = await listNotifications(deps, p, lang, { unread, cursor, limit });
        return {
          items: page.items.map(toNotificationDto),
          nextCursor: page.nextCursor,
          unreadCount: page.unreadCount,
        };
      },
    );
    app.post(
      '/v1/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Marks one notification read',
          params: IdParams,
          response: { 200: NotificationDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const lang = await readerLanguage(deps, p, request.lang);
        return toNotificationDto(await readNotification(deps, p, lang, request.params.id));
      },
    );
    app.post(
      '/v1/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Marks every unread notification of the caller read',
          response: {
            200: Type.Object(
              { updated: Type.Integer({ minimum: 0, description: 'How many were unread' }) },
              { description: 'Result' },
            ),
            ...problemResponses(),
          },
        },
      },
      async (request) => ({ updated: await readAllNotifications(deps, principalOf(request)) }),
    );
  };
}
