import type { ParticipantResponse } from '@tym/db';
import { AppError, invalidField } from '@tym/platform';
import { type Caller, logPlanningAccess } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { canRecordResponse } from '../policy.js';
import { meetingTransition } from './meeting.transitions.js';
import { loadForChange, loadMeeting, loadView, type MeetingView } from './meeting-access.js';
import { MeetingErrors } from './meetings.errors.js';
import { findParticipants, updateMeeting, updateParticipant } from './meetings.repository.js';

/** Attendance: the answers to the invitation and who attended. */

export async function recordResponse(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  input: { participantId: string; response: Exclude<ParticipantResponse, 'needs_action'> },
): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase, access } = await loadMeeting(tx, caller, id, true);
    meetingTransition(meeting, 'respond');
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
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.respond', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, meeting);
  });
}

/** Marks the meeting held, with who attended. The meeting must have started. */
export async function markHeld(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  attendance: Array<{ participantId: string; attended: boolean }>,
): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase } = await loadForChange(tx, caller, id);
    const step = meetingTransition(meeting, 'hold');
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
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.attendance', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, updated);
  });
}
