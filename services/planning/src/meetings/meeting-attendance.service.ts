import type { ParticipantResponse } from '@tym/db';
import { AppError, invalidField } from '@tym/platform';
import type { Caller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { canRecordResponse } from '../policy.js';
import { changeMeeting, type MeetingView } from './meeting-access.js';
import { MeetingErrors } from './meetings.errors.js';
import { findParticipants, updateMeeting, updateParticipant } from './meetings.repository.js';

/** Attendance: the answers to the invitation and who attended. */

export async function recordResponse(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  input: { participantId: string; response: Exclude<ParticipantResponse, 'needs_action'> },
): Promise<MeetingView> {
  return changeMeeting(
    deps,
    caller,
    id,
    { action: 'respond', log: 'meeting.respond', asParticipant: true },
    async ({ meeting, access, tx, now }) => {
      const participant = (await findParticipants(tx, id)).find((p) => p.id === input.participantId);
      if (!participant) {
        throw invalidField(
          MeetingErrors.MEETING_PARTICIPANT_NOT_FOUND,
          'body.participantId',
          'is not a participant of this meeting',
          'participant',
        );
      }
      if (!canRecordResponse(caller, access, participant)) {
        throw new AppError(MeetingErrors.MEETING_RESPONSE_NOT_ALLOWED, {
          detail: 'A staff member answers their own invitation.',
        });
      }
      await updateParticipant(tx, participant.id, { response: input.response, respondedAt: now });
      await updateMeeting(tx, id, { updatedAt: now });
      return meeting;
    },
  );
}

/** Marks the meeting held, with who attended. The meeting must have started. */
export async function markHeld(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  attendance: Array<{ participantId: string; attended: boolean }>,
): Promise<MeetingView> {
  return changeMeeting(
    deps,
    caller,
    id,
    { action: 'hold', log: 'meeting.attendance' },
    async ({ meeting, tx, now, step }) => {
      if (meeting.startsAt.getTime() > now.getTime()) {
        throw new AppError(MeetingErrors.MEETING_NOT_STARTED, {
          detail: `The meeting starts at ${meeting.startsAt.toISOString()}.`,
        });
      }
      const participants = new Set((await findParticipants(tx, id)).map((p) => p.id));
      const unknown = attendance.findIndex((a) => !participants.has(a.participantId));
      if (unknown >= 0) {
        throw invalidField(
          MeetingErrors.MEETING_PARTICIPANT_NOT_FOUND,
          `body.attendance[${unknown}].participantId`,
          'is not a participant of this meeting',
          'participant',
        );
      }
      for (const a of attendance) await updateParticipant(tx, a.participantId, { attended: a.attended });
      const updated = await updateMeeting(tx, id, {
        status: step.to,
        heldAt: meeting.heldAt ?? now,
        updatedAt: now,
      });
      return updated;
    },
  );
}
