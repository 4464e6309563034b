/**
 * What every meeting use case shares: loading a meeting as the caller may see it (404
 * otherwise) or change it, the view returned, and the meeting's event.
 */
import type { Transaction } from '@tym/db';
import { type Actor, recordEvent } from '@tym/jobs';
import { AppError } from '@tym/platform';
import type { CaseRecord } from '@tym/referrals';
import type { Caller } from '../caller.js';
import { assertOpen, loadCaseAccess } from '../case-access.js';
import { type CaseAccess, canManageMeeting, seesMeeting } from '../policy.js';
import { refuseMeetingTransition } from './meeting.transitions.js';
import { MeetingErrors } from './meetings.errors.js';
import {
  type AgendaItemRow,
  type DecisionRow,
  findAgendaItems,
  findDecisions,
  findMeetingRow,
  findParticipants,
  isInvited,
  type MeetingRow,
  type ParticipantRow,
} from './meetings.repository.js';

export const actorOf = (caller: Caller): Actor => ({ organisation: caller.org, sub: caller.sub });

export interface MeetingView {
  meeting: MeetingRow;
  agenda: AgendaItemRow[];
  participants: ParticipantRow[];
  decisions: DecisionRow[];
}

export async function loadView(tx: Transaction, meeting: MeetingRow): Promise<MeetingView> {
  // One query at a time: a transaction is one connection.
  const agenda = await findAgendaItems(tx, meeting.id);
  const participants = await findParticipants(tx, meeting.id);
  const decisions = await findDecisions(tx, meeting.id);
  return { meeting, agenda, participants, decisions };
}

export function meetingNotFound(id: string): AppError {
  return new AppError(MeetingErrors.MEETING_NOT_FOUND, {
    detail: `No meeting ${id}, or not one you may see.`,
  });
}

export interface LoadedMeeting {
  meeting: MeetingRow;
  kase: CaseRecord;
  access: CaseAccess;
}

/** A meeting the caller may see (case staff, or an invited staff member); 404 otherwise. */
export async function loadMeeting(
  tx: Transaction,
  caller: Caller,
  id: string,
  forUpdate = false,
): Promise<LoadedMeeting> {
  const meeting = await findMeetingRow(tx, id, { forUpdate });
  if (!meeting) throw meetingNotFound(id);
  const loaded = await loadCaseAccess(tx, caller, meeting.caseId);
  if (!loaded) throw meetingNotFound(id);
  const invited = await isInvited(tx, id, caller.org, caller.sub);
  if (!seesMeeting(caller, loaded.access, invited, { clientPartyCodes: loaded.partyCodes })) {
    throw meetingNotFound(id);
  }
  return { meeting, kase: loaded.kase, access: loaded.access };
}

/** A meeting the caller manages: case staff with full access; a closed meeting is read-only. */
export async function loadForChange(tx: Transaction, caller: Caller, id: string): Promise<LoadedMeeting> {
  const loaded = await loadMeeting(tx, caller, id, true);
  if (!canManageMeeting(loaded.access)) {
    throw new AppError('FORBIDDEN', {
      detail: 'Only the case team changes a meeting; you may answer your invitation.',
    });
  }
  // A closed meeting is read-only whatever the action: every `closed` cell of the table refuses.
  if (loaded.meeting.status === 'closed') throw refuseMeetingTransition('closed', 'close');
  assertOpen(loaded.kase);
  return loaded;
}

export async function meetingEvent(
  tx: Transaction,
  type: string,
  kase: CaseRecord,
  meeting: MeetingRow,
  caller: Caller,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordEvent(tx, {
    type,
    occurredAt: now,
    organisationCodes: kase.partyOrganisationCodes,
    cooperationAreaId: kase.cooperationAreaId,
    caseId: kase.id,
    subjectType: 'meeting',
    subjectId: meeting.id,
    actor: actorOf(caller),
    payload: {
      caseId: kase.id,
      meetingId: meeting.id,
      kind: meeting.kind,
      status: meeting.status,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      sequence: meeting.sequence,
      ...extra,
    },
  });
}
