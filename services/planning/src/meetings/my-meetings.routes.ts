import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, problemResponses } from '@tym/platform';
import { Type } from 'typebox';
import { loadCaller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { AccessPurposeHeaders } from '../schemas.js';
import { answerForMe } from './meeting-response.js';
import {
  CalendarItemDto,
  CalendarQuery,
  MeetingDto,
  MeetingIdParams,
  toCalendarItemDto,
  toMeetingDto,
} from './meetings.schemas.js';
import { listCalendar } from './meetings.service.js';

export const MyResponseBody = Type.Object(
  {
    response: Type.Enum(['accepted', 'declined', 'tentative'], { description: 'Your answer' }),
  },
  { additionalProperties: false, description: 'Your answer to the invitation' },
);

/**
 * The caller's own side of meetings (issue 15): their invitations and answering one
 * without looking up a participant id first.
 */
export function myMeetingsRoutes(deps: PlanningDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/me/meetings',
      {
        schema: {
          tags: ['meetings', 'me'],
          summary: 'My invitations: the meetings I am invited to, with my answer',
          description:
            'The same list as `GET /v1/meetings` (my calendar), from today for 30 days unless `from`/`to` ' +
            'say otherwise; `myResponse` is `needs_action` until you answer with ' +
            '`POST /v1/meetings/{id}/response`. For caseworkers and coordinators with a staff record.',
          headers: AccessPurposeHeaders,
          querystring: CalendarQuery,
          response: { 200: Page(CalendarItemDto, 'Meetings by start'), ...problemResponses(403) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM calendar: my invitations');
        const page = await listCalendar(deps, caller, request.query);
        return { items: page.items.map(toCalendarItemDto), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/v1/meetings/:id/response',
      {
        schema: {
          tags: ['meetings'],
          summary: 'Answer the invitation for myself (no participant id needed)',
          description:
            'Finds your participant by your organisation and token subject and records the answer, as ' +
            '`POST /v1/meetings/{id}/responses` does. 422 `MEETING_NOT_INVITED` when you see the meeting but ' +
            'are not invited; 404 when you may not see it; 409 when it is no longer scheduled.',
          params: MeetingIdParams,
          headers: AccessPurposeHeaders,
          body: MyResponseBody,
          response: { 200: MeetingDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint meeting: response');
        return toMeetingDto(await answerForMe(deps, caller, request.params.id, request.body.response));
      },
    );
  };
}
