/**
 * What every meeting use case shares: loading a meeting as the caller may see it (404
 * otherwise) or change it, the view returned, and the meeting's event.
 */
import type { MeetingStatus, Transaction } from '@tym/db';
import type { Transition } from '@tym/domain';
import { type Actor, type EventPayload, recordEvent } from '@tym/jobs';
import { AppError } from '@tym/platform';
import type { CaseRecord } from '@tym/referrals';
import type { Caller } from '../caller.js';
import { logPlanningAccess } from '../caller.js';
import { assertOpen, loadCaseAccess } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { type CaseAccess, canManageMeeting, seesMeeting } from '../policy.js';
import { type MeetingAction, meetingTransition, refuseMeetingTransition } from './meeting.transitions.js';
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

type MeetingEventType = 'meeting.scheduled' | 'meeting.rescheduled' | 'meeting.cancelled' | 'meeting.closed';

export async function meetingEvent<T extends MeetingEventType>(
  tx: Transaction,
  type: T,
  kase: CaseRecord,
  meeting: MeetingRow,
  caller: Caller,
  now: Date,
  extra: Omit<
    EventPayload<T>,
    'caseId' | 'meetingId' | 'kind' | 'status' | 'startsAt' | 'endsAt' | 'sequence'
  >,
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
    } as EventPayload<T>,
  });
}

export interface MeetingChange extends LoadedMeeting {
  tx: Transaction;
  now: Date;
  /** The table's cell for the action (`meeting.transitions.ts`). */
  step: Transition<MeetingStatus, MeetingAction>;
}

/**
 * The sequence of every meeting change, written once: in one transaction, load the meeting
 * (to manage it: case staff with full access, not closed, the case open; or `asParticipant`,
 * as the caller sees it, locked), check the transition table's cell for `action` (409
 * otherwise), let `run` update it and record its event, write the access log entry `log`,
 * and return the view of the row `run` gives back.
 */
export async function changeMeeting(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  change: { action: MeetingAction; log: string; asParticipant?: boolean },
  run: (c: MeetingChange) => Promise<MeetingRow>,
): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const loaded = change.asParticipant
      ? await loadMeeting(tx, caller, id, true)
      : await loadForChange(tx, caller, id);
    const step = meetingTransition(loaded.meeting, change.action);
    const row = await run({ ...loaded, tx, now, step });
    await logPlanningAccess(tx, caller, now, [
      { action: change.log, caseId: loaded.kase.id, clientId: loaded.kase.clientId },
    ]);
    return loadView(tx, row);
  });
}
