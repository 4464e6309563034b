import { AppError, defineErrors } from '@tym/platform';
import type { Caller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { findParticipants } from './meetings.repository.js';
import { getMeeting, type MeetingView, recordResponse } from './meetings.service.js';

/** Error codes of answering for oneself (issue 15). */
export const MeetingResponseErrors = defineErrors({
  MEETING_NOT_INVITED: {
    status: 422,
    title: {
      fi: 'Sinua ei ole kutsuttu tähän tapaamiseen',
      sv: 'Du är inte inbjuden till det här mötet',
      en: 'You are not invited to this meeting',
    },
  },
});

/**
 * Answers the invitation for the caller (issue 15): the participant is found by the
 * caller's organisation and token subject, so no participant id is needed. Everything else
 * — visibility (404), the meeting still scheduled (409), the access log — is the same as
 * `POST /v1/meetings/{id}/responses`, which this calls.
 */
export async function answerForMe(
  deps: PlanningDeps,
  caller: Caller,
  meetingId: string,
  response: 'accepted' | 'declined' | 'tentative',
): Promise<MeetingView> {
  // Staff participant rows say who is invited, nothing of the client; the answer itself
  // then goes through recordResponse and its checks.
  const participants = await findParticipants(deps.db, meetingId);
  const mine = participants.find(
    (p) => p.kind === 'staff' && p.organisationCode === caller.org && p.subject === caller.sub,
  );
  if (!mine) {
    // 404 for a meeting the caller may not see (getMeeting throws it); else they are simply not invited.
    await getMeeting(deps, caller, meetingId);
    throw new AppError(MeetingResponseErrors.MEETING_NOT_INVITED, {
      detail:
        'Only an invited staff member answers for themself; case staff answer for the client and guests with a participant id.',
    });
  }
  return recordResponse(deps, caller, meetingId, { participantId: mine.id, response });
}
