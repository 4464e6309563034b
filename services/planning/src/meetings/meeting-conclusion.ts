import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '@tym/db';
import { problemResponses } from '@tym/platform';
import { Type } from 'typebox';
import { type Caller, loadCaller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { AccessPurposeHeaders } from '../schemas.js';
import { HeldBody, MeetingDto, MeetingIdParams, MinutesBody, toMeetingDto } from './meetings.schemas.js';
import {
  closeMeeting,
  type MeetingView,
  type MinutesInput,
  markHeld,
  recordMinutes,
} from './meetings.service.js';

/**
 * One request from a held meeting to plan actions (issue 15): attendance (when not yet
 * recorded), the minutes with their decisions, and closing — on which every decision with
 * an owner organisation becomes an action of the plan draft. The steps are those of
 * `POST …/held`, `PUT …/minutes` and `POST …/close`, run in one transaction (savepoints), so
 * a refused step changes nothing.
 */
export async function concludeMeeting(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  input: { attendance?: Array<{ participantId: string; attended: boolean }>; items: MinutesInput['items'] },
): Promise<MeetingView> {
  return deps.db.transaction(async (tx) => {
    const inner: PlanningDeps = { ...deps, db: tx as unknown as Database };
    if (input.attendance) await markHeld(inner, caller, id, input.attendance);
    await recordMinutes(inner, caller, id, { items: input.items });
    return closeMeeting(inner, caller, id);
  });
}

export const ConclusionBody = Type.Object(
  {
    attendance: Type.Optional({
      ...HeldBody.properties.attendance,
      description: 'Who attended; leave out when the meeting is already marked held',
    }),
    items: MinutesBody.properties.items,
  },
  {
    additionalProperties: false,
    description: 'Attendance, minutes and decisions of a meeting that took place',
  },
);

export function meetingConclusionRoutes(deps: PlanningDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/meetings/:id/conclusion',
      {
        schema: {
          tags: ['meetings'],
          summary:
            'Conclude a meeting in one request: attendance, minutes, close — decisions become plan actions',
          description:
            'Runs `POST …/held` (when `attendance` is given), `PUT …/minutes` and `POST …/close` in one ' +
            'transaction: each decision with an `action` becomes an action of the plan draft (its ' +
            '`planActionId` is in the answer). The rules of each step apply (409 before the start or once ' +
            'closed, 422 for an unknown agenda item or participant); a refusal changes nothing. Emits meeting.closed.',
          params: MeetingIdParams,
          headers: AccessPurposeHeaders,
          body: ConclusionBody,
          response: { 200: MeetingDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint meeting: conclusion');
        return toMeetingDto(await concludeMeeting(deps, caller, request.params.id, request.body));
      },
    );
  };
}
