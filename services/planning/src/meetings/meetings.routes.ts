import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, problemResponses, withIdempotency } from '@tym/platform';
import { Type } from 'typebox';
import { loadCaller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { AccessPurposeHeaders, EmptyBody, IdempotentHeaders } from '../schemas.js';
import {
  CalendarItemDto,
  CalendarQuery,
  CancelBody,
  CaseIdParams,
  HeldBody,
  InvitationQuery,
  MeetingDto,
  MeetingIdParams,
  MeetingListDto,
  MinutesBody,
  RescheduleBody,
  ResponseBody,
  ScheduleMeetingBody,
  toCalendarItemDto,
  toMeetingDto,
} from './meetings.schemas.js';
import {
  cancelMeeting,
  closeMeeting,
  getInvitation,
  getMeeting,
  listCalendar,
  listCaseMeetings,
  markHeld,
  recordMinutes,
  recordResponse,
  rescheduleMeeting,
  scheduleMeeting,
} from './meetings.service.js';

const tags = ['meetings'];

export function meetingsRoutes(deps: PlanningDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/cases/:caseId/meetings',
      {
        schema: {
          tags,
          summary: 'Schedule a joint meeting of the case',
          description:
            'Kinds assessment, planning, review, ending, other; start in a time zone (Europe/Helsinki by default); ' +
            'in person or remote; agenda; staff of the case’s parties, the client and guests. A staff clash is ' +
            '409 MEETING_CONFLICT unless allowConflicts. Emits meeting.scheduled.',
          params: CaseIdParams,
          headers: IdempotentHeaders,
          body: ScheduleMeetingBody,
          response: { 201: MeetingDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint meeting: scheduling');
        return withIdempotency(deps.db, request, reply, async (tx) => ({
          status: 201,
          body: toMeetingDto(await scheduleMeeting(deps, caller, request.params.caseId, request.body, tx)),
        }));
      },
    );

    app.get(
      '/v1/cases/:caseId/meetings',
      {
        schema: {
          tags,
          summary: 'The joint meetings of a case',
          params: CaseIdParams,
          headers: AccessPurposeHeaders,
          response: { 200: MeetingListDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint meetings: list');
        return { items: (await listCaseMeetings(deps, caller, request.params.caseId)).map(toMeetingDto) };
      },
    );

    app.get(
      '/v1/meetings',
      {
        schema: {
          tags,
          summary: 'My calendar: the meetings I am invited to, across cases',
          headers: AccessPurposeHeaders,
          querystring: CalendarQuery,
          response: { 200: Page(CalendarItemDto, 'Meetings by start'), ...problemResponses(403) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM calendar');
        const page = await listCalendar(deps, caller, request.query);
        return { items: page.items.map(toCalendarItemDto), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/meetings/:id',
      {
        schema: {
          tags,
          summary: 'A meeting with its agenda, participants and minutes',
          params: MeetingIdParams,
          headers: AccessPurposeHeaders,
          response: { 200: MeetingDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint meeting: read');
        return toMeetingDto(await getMeeting(deps, caller, request.params.id));
      },
    );

    app.get(
      '/v1/meetings/:id/invitation.ics',
      {
        schema: {
          tags,
          summary: 'The meeting’s iCalendar invitation (RFC 5545)',
          description:
            'METHOD:REQUEST, or METHOD:CANCEL once cancelled; ORGANIZER, every ATTENDEE, SEQUENCE and the VTIMEZONE. ' +
            'In ?lang= or the Accept-Language. Carries no identity codes, agenda text, minutes or health details.',
          params: MeetingIdParams,
          querystring: InvitationQuery,
          headers: AccessPurposeHeaders,
          response: {
            200: {
              description: 'The invitation',
              content: { 'text/calendar': { schema: Type.String({ description: 'iCalendar text' }) } },
            },
            ...problemResponses(404),
          },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint meeting: invitation');
        const lang = request.query.lang ?? request.lang;
        const ics = await getInvitation(deps, caller, request.params.id, lang);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-language', lang)
          .header('content-disposition', `attachment; filename="meeting-${request.params.id}.ics"`)
          .send(ics);
      },
    );

    const action = (
      path: string,
      summary: string,
      body:
        | typeof RescheduleBody
        | typeof CancelBody
        | typeof ResponseBody
        | typeof HeldBody
        | typeof EmptyBody,
      purpose: string,
      run: (
        id: string,
        caller: Awaited<ReturnType<typeof loadCaller>>,
        body: never,
      ) => ReturnType<typeof getMeeting>,
      description?: string,
    ) =>
      app.post(
        `/v1/meetings/:id/${path}`,
        {
          schema: {
            tags,
            summary,
            ...(description ? { description } : {}),
            params: MeetingIdParams,
            headers: AccessPurposeHeaders,
            body,
            response: { 200: MeetingDto, ...problemResponses(403, 404, 409, 422) },
          },
        },
        async (request) => {
          const caller = await loadCaller(deps.db, request, purpose);
          return toMeetingDto(await run(request.params.id, caller, request.body as never));
        },
      );

    action(
      'reschedule',
      'Move a scheduled meeting (raises its SEQUENCE)',
      RescheduleBody,
      'TYM joint meeting: reschedule',
      (id, caller, body) => rescheduleMeeting(deps, caller, id, body),
      'Emits meeting.rescheduled.',
    );
    action(
      'cancel',
      'Cancel a scheduled meeting',
      CancelBody,
      'TYM joint meeting: cancel',
      (id, caller, body: { reasonCode: string }) => cancelMeeting(deps, caller, id, body.reasonCode),
      'The invitation becomes METHOD:CANCEL. Emits meeting.cancelled.',
    );
    action(
      'responses',
      'Answer the invitation (accept, decline, tentative)',
      ResponseBody,
      'TYM joint meeting: response',
      (id, caller, body) => recordResponse(deps, caller, id, body),
      'Staff answer for themselves; case staff record the answers of the client and guests.',
    );
    action(
      'held',
      'Mark the meeting held, with attendance',
      HeldBody,
      'TYM joint meeting: attendance',
      (id, caller, body: { attendance: Array<{ participantId: string; attended: boolean }> }) =>
        markHeld(deps, caller, id, body.attendance),
    );
    action(
      'close',
      'Close a held meeting (read-only afterwards)',
      EmptyBody,
      'TYM joint meeting: close',
      (id, caller) => closeMeeting(deps, caller, id),
      'Decisions with an owner organisation become actions of the plan draft. Emits meeting.closed.',
    );

    app.put(
      '/v1/meetings/:id/minutes',
      {
        schema: {
          tags,
          summary: 'Record the minutes per agenda item, with decisions',
          params: MeetingIdParams,
          headers: AccessPurposeHeaders,
          body: MinutesBody,
          response: { 200: MeetingDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint meeting: minutes');
        return toMeetingDto(await recordMinutes(deps, caller, request.params.id, request.body));
      },
    );
  };
}
