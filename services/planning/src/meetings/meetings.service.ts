import type {
  GuestRole,
  MeetingKind,
  MeetingMode,
  ParticipantResponse,
  PlanActionType,
  Transaction,
} from '@tym/db';
import {
  addDays,
  daysBetween,
  endOfDayInHelsinki,
  type Lang,
  startOfDayInHelsinki,
  todayInHelsinki,
} from '@tym/domain';
import { type Actor, type EventPayload, recordEvent } from '@tym/jobs';
import { AppError, decodeCursor, encodeCursor, type InvalidField, invalidField } from '@tym/platform';
import { type CaseRecord, findCase } from '@tym/referrals';
import { type Caller, logPlanningAccess } from '../caller.js';
import { assertOpen, caseNotFound, loadCaseAccess, loadCaseForWork } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { findStaffMember } from '../directory.js';
import { CaseAccessErrors } from '../errors.js';
import { addDecisionActions } from '../plans/plans.service.js';
import {
  type CaseAccess,
  canManageMeeting,
  canReadCalendar,
  canRecordResponse,
  clientPartyCodes,
  hasCaseworkRole,
  seesMeeting,
} from '../policy.js';
import {
  DEFAULT_TIME_ZONE,
  instantToLocal,
  isLocalDateTime,
  isTimeZone,
  zonedToInstant,
} from '../time-zones.js';
import { renderInvitation } from './ics.js';
import { MeetingErrors } from './meetings.errors.js';
import {
  type AgendaItemRow,
  type CalendarRow,
  type DecisionRow,
  findAgendaItems,
  findCalendarPage,
  findCaseMeetings,
  findDecisions,
  findMeetingRow,
  findParticipants,
  findStaffConflicts,
  insertAgendaItems,
  insertMeeting,
  insertParticipants,
  isInvited,
  lockStaffCalendars,
  type MeetingRow,
  type NewParticipantRow,
  type ParticipantRow,
  replaceDecisions,
  setAgendaMinutes,
  setDecisionPlanAction,
  updateMeeting,
  updateParticipant,
} from './meetings.repository.js';

/** Longest joint meeting the service books: a working day. */
const MAX_DURATION_MINUTES = 12 * 60;

const actorOf = (caller: Caller): Actor => ({ organisation: caller.org, sub: caller.sub });

export interface MeetingView {
  meeting: MeetingRow;
  agenda: AgendaItemRow[];
  participants: ParticipantRow[];
  decisions: DecisionRow[];
}

async function loadView(tx: Transaction, meeting: MeetingRow): Promise<MeetingView> {
  // One query at a time: a transaction is one connection.
  const agenda = await findAgendaItems(tx, meeting.id);
  const participants = await findParticipants(tx, meeting.id);
  const decisions = await findDecisions(tx, meeting.id);
  return { meeting, agenda, participants, decisions };
}

function meetingNotFound(id: string): AppError {
  return new AppError(MeetingErrors.MEETING_NOT_FOUND, {
    detail: `No meeting ${id}, or not one you may see.`,
  });
}

interface LoadedMeeting {
  meeting: MeetingRow;
  kase: CaseRecord;
  access: CaseAccess;
}

/** A meeting the caller may see (case staff, or an invited staff member); 404 otherwise. */
async function loadMeeting(
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
async function loadForChange(tx: Transaction, caller: Caller, id: string): Promise<LoadedMeeting> {
  const loaded = await loadMeeting(tx, caller, id, true);
  if (!canManageMeeting(loaded.access)) {
    throw new AppError('FORBIDDEN', {
      detail: 'Only the case team changes a meeting; you may answer your invitation.',
    });
  }
  assertNotClosed(loaded.meeting);
  assertOpen(loaded.kase);
  return loaded;
}

function assertNotClosed(meeting: MeetingRow): void {
  if (meeting.status === 'closed') {
    throw new AppError(MeetingErrors.MEETING_CLOSED, {
      detail: 'A closed meeting and its minutes are read-only.',
    });
  }
}

function assertScheduled(meeting: MeetingRow): void {
  assertNotClosed(meeting);
  if (meeting.status !== 'scheduled') {
    throw new AppError(MeetingErrors.MEETING_NOT_SCHEDULED, {
      detail: `The meeting is ${meeting.status}.`,
      extensions: { currentStatus: meeting.status },
    });
  }
}

// --- Time ------------------------------------------------------------------------------------

export interface TimingInput {
  start: string;
  timeZone?: string;
  durationMinutes?: number;
  end?: string;
}

interface Timing {
  localStart: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
}

/** Start, zone and length of a meeting: each bad value has its own code and location. */
function resolveTiming(input: TimingInput, now: Date): Timing {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) {
    throw invalidField(
      MeetingErrors.MEETING_TIME_ZONE_UNKNOWN,
      'body.timeZone',
      `${timeZone} is not an IANA time zone name (e.g. Europe/Helsinki)`,
      'timeZone',
    );
  }
  if (!isLocalDateTime(input.start)) {
    throw invalidField(
      MeetingErrors.MEETING_START_INVALID,
      'body.start',
      'is not a real date and time',
      'dateTime',
    );
  }
  const startsAt = zonedToInstant(input.start, timeZone);
  let durationMinutes: number;
  if (input.end !== undefined) {
    if (input.durationMinutes !== undefined) {
      throw invalidField('VALIDATION_FAILED', 'body.end', 'give durationMinutes or end, not both', 'oneOf');
    }
    if (!isLocalDateTime(input.end)) {
      throw invalidField(
        MeetingErrors.MEETING_START_INVALID,
        'body.end',
        'is not a real date and time',
        'dateTime',
      );
    }
    const endsAt = zonedToInstant(input.end, timeZone);
    if (endsAt.getTime() <= startsAt.getTime()) {
      throw invalidField(
        MeetingErrors.MEETING_END_BEFORE_START,
        'body.end',
        'must be after the start',
        'range',
      );
    }
    durationMinutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  } else {
    if (input.durationMinutes === undefined) {
      throw invalidField(
        MeetingErrors.MEETING_DURATION_INVALID,
        'body.durationMinutes',
        'is required (or give end)',
        'required',
      );
    }
    durationMinutes = input.durationMinutes;
  }
  if (durationMinutes <= 0 || durationMinutes > MAX_DURATION_MINUTES) {
    throw invalidField(
      MeetingErrors.MEETING_DURATION_INVALID,
      input.end !== undefined ? 'body.end' : 'body.durationMinutes',
      `must be between 1 and ${MAX_DURATION_MINUTES} minutes`,
      'range',
    );
  }
  if (startsAt.getTime() < now.getTime()) {
    throw invalidField(MeetingErrors.MEETING_IN_PAST, 'body.start', 'is in the past', 'future');
  }
  return {
    localStart: instantToLocal(startsAt, timeZone),
    timeZone,
    startsAt,
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
    durationMinutes,
  };
}

function resolvePlace(input: { mode: MeetingMode; address?: string; onlineUrl?: string }) {
  if (input.mode === 'in_person' && !input.address) {
    throw invalidField(
      MeetingErrors.MEETING_PLACE_REQUIRED,
      'body.address',
      'is required for an in-person meeting',
      'required',
    );
  }
  if (input.mode === 'remote' && !input.onlineUrl) {
    throw invalidField(
      MeetingErrors.MEETING_PLACE_REQUIRED,
      'body.onlineUrl',
      'is required for a remote meeting',
      'required',
    );
  }
  return {
    mode: input.mode,
    address: input.mode === 'in_person' ? (input.address ?? null) : null,
    onlineUrl: input.mode === 'remote' ? (input.onlineUrl ?? null) : null,
  };
}

/** 409 MEETING_CONFLICT naming each clash, unless the request allows it. */
async function checkConflicts(
  tx: Transaction,
  staff: Array<{ staffId: string; displayName: string; organisationCode: string }>,
  timing: Timing,
  exceptMeetingId: string | null,
  allowConflicts: boolean,
): Promise<void> {
  await lockStaffCalendars(
    tx,
    staff.map((s) => s.staffId),
  );
  if (allowConflicts) return;
  const clashes = await findStaffConflicts(
    tx,
    staff.map((s) => s.staffId),
    timing,
    exceptMeetingId,
  );
  if (!clashes.length) return;
  const names = new Map(staff.map((s) => [s.staffId, s]));
  throw new AppError(MeetingErrors.MEETING_CONFLICT, {
    detail: clashes
      .map((c) => {
        const s = names.get(c.staffId);
        return `${s?.displayName ?? c.staffId} (${s?.organisationCode ?? ''}) already has a meeting ${instantToLocal(c.startsAt, timing.timeZone)}–${instantToLocal(c.endsAt, timing.timeZone).slice(11)} ${timing.timeZone}`;
      })
      .join('; '),
    extensions: {
      conflicts: clashes.map((c) => ({
        staffId: c.staffId,
        startsAt: c.startsAt.toISOString(),
        endsAt: c.endsAt.toISOString(),
      })),
    },
  });
}

// --- Scheduling --------------------------------------------------------------------------------

export interface ScheduleInput extends TimingInput {
  kind: MeetingKind;
  mode: MeetingMode;
  address?: string;
  onlineUrl?: string;
  agenda: Array<{ title: string }>;
  participants: {
    staff: Array<{ staffId: string }>;
    client?: { displayName: string; email?: string; phone?: string };
    guests: Array<{
      role: GuestRole;
      displayName: string;
      email?: string;
      phone?: string;
      language?: string;
    }>;
  };
  allowConflicts?: boolean;
}

/**
 * Schedules a joint meeting of the case: the caller organises it and is a participant; staff
 * participants must work for one of the client's parties (`clientPartyCodes`).
 */
export async function scheduleMeeting(
  deps: PlanningDeps,
  tx: Transaction,
  caller: Caller,
  caseId: string,
  input: ScheduleInput,
): Promise<MeetingView> {
  const now = deps.clock.now();
  const kase = await loadCaseForWork(tx, caller, caseId);
  const timing = resolveTiming(input, now);
  const place = resolvePlace(input);
  const parties = new Set(clientPartyCodes(kase));
  const errors: Array<InvalidField & { code: string }> = [];
  const staff: Array<{
    staffId: string;
    displayName: string;
    organisationCode: string;
    subject: string;
    email: string | null;
  }> = [];
  const seen = new Set<string>();
  const organiser = caller.staffId ? await findStaffMember(tx, caller.staffId) : null;
  if (!organiser) throw new AppError(CaseAccessErrors.STAFF_RECORD_REQUIRED);
  for (const [i, p] of input.participants.staff.entries()) {
    const location = `body.participants.staff[${i}].staffId`;
    if (seen.has(p.staffId)) {
      errors.push({
        code: MeetingErrors.MEETING_PARTICIPANT_DUPLICATE,
        location,
        message: 'is listed twice',
        rule: 'unique',
      });
      continue;
    }
    seen.add(p.staffId);
    const member = await findStaffMember(tx, p.staffId);
    if (!member?.active) {
      errors.push({
        code: MeetingErrors.MEETING_PARTICIPANT_UNKNOWN,
        location,
        message: 'is not an active staff member',
        rule: 'staff',
      });
    } else if (!parties.has(member.organisationCode)) {
      errors.push({
        code: MeetingErrors.MEETING_PARTICIPANT_NOT_A_PARTY,
        location,
        message: `works for ${member.organisationCode}, which is not a party of the case`,
        rule: 'party',
      });
    } else {
      staff.push({
        staffId: member.id,
        displayName: member.displayName,
        organisationCode: member.organisationCode,
        subject: member.subject,
        email: member.email,
      });
    }
  }
  for (const [i, g] of input.participants.guests.entries()) {
    if (g.role === 'interpreter' && !g.language) {
      errors.push({
        code: 'VALIDATION_FAILED',
        location: `body.participants.guests[${i}].language`,
        message: 'is required for an interpreter',
        rule: 'required',
      });
    }
  }
  const first = errors[0];
  if (first) {
    throw new AppError(first.code, {
      detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
      errors: errors.map(({ code: _c, ...e }) => e),
    });
  }
  if (!seen.has(organiser.id)) {
    staff.unshift({
      staffId: organiser.id,
      displayName: organiser.displayName,
      organisationCode: organiser.organisationCode,
      subject: organiser.subject,
      email: organiser.email,
    });
  }
  await checkConflicts(tx, staff, timing, null, input.allowConflicts === true);
  const meeting = await insertMeeting(tx, {
    caseId,
    cooperationAreaId: kase.cooperationAreaId,
    kind: input.kind,
    ...timing,
    ...place,
    organiserStaffId: organiser.id,
    organiserOrganisationCode: organiser.organisationCode,
    organiserSub: organiser.subject,
    createdAt: now,
    updatedAt: now,
  });
  await insertAgendaItems(
    tx,
    meeting.id,
    input.agenda.map((a) => a.title),
  );
  const rows: NewParticipantRow[] = staff.map((s) => ({
    meetingId: meeting.id,
    kind: 'staff',
    staffId: s.staffId,
    organisationCode: s.organisationCode,
    subject: s.subject,
    displayName: s.displayName,
    email: s.email,
    response: s.staffId === organiser.id ? 'accepted' : 'needs_action',
    respondedAt: s.staffId === organiser.id ? now : null,
  }));
  const client = input.participants.client;
  if (client) {
    rows.push({
      meetingId: meeting.id,
      kind: 'client',
      displayName: client.displayName,
      email: client.email ?? null,
      phone: client.phone ?? null,
    });
  }
  for (const g of input.participants.guests) {
    rows.push({
      meetingId: meeting.id,
      kind: 'guest',
      guestRole: g.role,
      language: g.language ?? null,
      displayName: g.displayName,
      email: g.email ?? null,
      phone: g.phone ?? null,
    });
  }
  await insertParticipants(tx, rows);
  await meetingEvent(tx, 'meeting.scheduled', kase, meeting, caller, now, {
    staffIds: staff.map((s) => s.staffId).sort(),
  });
  await logPlanningAccess(tx, caller, now, [{ action: 'meeting.schedule', caseId, clientId: kase.clientId }]);
  return loadView(tx, meeting);
}

type MeetingEventType = 'meeting.scheduled' | 'meeting.rescheduled' | 'meeting.cancelled' | 'meeting.closed';

async function meetingEvent<T extends MeetingEventType>(
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

export async function getMeeting(deps: PlanningDeps, caller: Caller, id: string): Promise<MeetingView> {
  return deps.db.transaction(async (tx) => {
    const { meeting, kase } = await loadMeeting(tx, caller, id);
    await logPlanningAccess(tx, caller, deps.clock.now(), [
      { action: 'meeting.read', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, meeting);
  });
}

export async function listCaseMeetings(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
): Promise<MeetingView[]> {
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCaseAccess(tx, caller, caseId);
    if (loaded?.access !== 'full') throw caseNotFound(caseId);
    await logPlanningAccess(tx, caller, deps.clock.now(), [
      { action: 'meeting.list', caseId, clientId: loaded.kase.clientId },
    ]);
    const rows = await findCaseMeetings(tx, caseId);
    const views: MeetingView[] = [];
    for (const m of rows) views.push(await loadView(tx, m));
    return views;
  });
}

export interface RescheduleInput extends TimingInput {
  mode?: MeetingMode;
  address?: string;
  onlineUrl?: string;
  allowConflicts?: boolean;
}

/** Moves a scheduled meeting: same meeting (UID), SEQUENCE + 1, so calendars replace it. */
export async function rescheduleMeeting(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  input: RescheduleInput,
): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase } = await loadForChange(tx, caller, id);
    assertScheduled(meeting);
    // Without a new length the meeting keeps its own.
    const keepLength = input.durationMinutes === undefined && input.end === undefined;
    const timing = resolveTiming(
      {
        ...input,
        timeZone: input.timeZone ?? meeting.timeZone,
        ...(keepLength ? { durationMinutes: meeting.durationMinutes } : {}),
      },
      now,
    );
    const place = resolvePlace({
      mode: input.mode ?? meeting.mode,
      ...((input.address ?? meeting.address) ? { address: input.address ?? meeting.address ?? '' } : {}),
      ...((input.onlineUrl ?? meeting.onlineUrl)
        ? { onlineUrl: input.onlineUrl ?? meeting.onlineUrl ?? '' }
        : {}),
    });
    const staff = (await findParticipants(tx, id))
      .filter((p) => p.kind === 'staff' && p.staffId)
      .map((p) => ({
        staffId: p.staffId ?? '',
        displayName: p.displayName,
        organisationCode: p.organisationCode ?? '',
      }));
    await checkConflicts(tx, staff, timing, id, input.allowConflicts === true);
    const updated = await updateMeeting(tx, id, {
      ...timing,
      ...place,
      sequence: meeting.sequence + 1,
      updatedAt: now,
    });
    await meetingEvent(tx, 'meeting.rescheduled', kase, updated, caller, now, {
      previousStartsAt: meeting.startsAt.toISOString(),
    });
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.reschedule', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, updated);
  });
}

export async function cancelMeeting(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  reasonCode: string,
): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase } = await loadForChange(tx, caller, id);
    assertScheduled(meeting);
    // RFC 5546 §3.2.5: a CANCEL carries a SEQUENCE above the last REQUEST's.
    const updated = await updateMeeting(tx, id, {
      status: 'cancelled',
      cancelledAt: now,
      cancelReasonCode: reasonCode,
      sequence: meeting.sequence + 1,
      updatedAt: now,
    });
    await meetingEvent(tx, 'meeting.cancelled', kase, updated, caller, now, { reasonCode });
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.cancel', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, updated);
  });
}

/** An answer to the invitation: a staff participant for themself, case staff for the client and guests. */
export async function recordResponse(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  input: { participantId: string; response: Exclude<ParticipantResponse, 'needs_action'> },
): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase, access } = await loadMeeting(tx, caller, id, true);
    assertScheduled(meeting);
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
    if (meeting.status === 'cancelled') assertScheduled(meeting);
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
      status: 'held',
      heldAt: meeting.heldAt ?? now,
      updatedAt: now,
    });
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.attendance', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, updated);
  });
}

export interface MinutesInput {
  items: Array<{
    agendaItemId: string;
    minutes?: string | null;
    decisions: Array<{
      text: string;
      action?: { ownerOrganisationCode: string; type: PlanActionType; dueOn?: string | null };
    }>;
  }>;
}

function assertHeld(meeting: MeetingRow): void {
  assertNotClosed(meeting);
  if (meeting.status !== 'held') {
    throw new AppError(MeetingErrors.MEETING_NOT_HELD, {
      detail: 'Record attendance (POST …/held) first.',
      extensions: { currentStatus: meeting.status },
    });
  }
}

/** Minutes per agenda item, with decisions; a decision with an owner becomes a plan action on closing. */
export async function recordMinutes(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  input: MinutesInput,
): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase } = await loadForChange(tx, caller, id);
    assertHeld(meeting);
    const agenda = new Set((await findAgendaItems(tx, id)).map((a) => a.id));
    const parties = new Set(clientPartyCodes(kase));
    const errors: Array<InvalidField & { code: string }> = [];
    input.items.forEach((item, i) => {
      if (!agenda.has(item.agendaItemId)) {
        errors.push({
          code: MeetingErrors.MEETING_AGENDA_ITEM_UNKNOWN,
          location: `body.items[${i}].agendaItemId`,
          message: 'is not an item of this meeting’s agenda',
          rule: 'agenda',
        });
      }
      item.decisions.forEach((d, j) => {
        if (d.action && !parties.has(d.action.ownerOrganisationCode)) {
          errors.push({
            code: MeetingErrors.MEETING_DECISION_OWNER_NOT_A_PARTY,
            location: `body.items[${i}].decisions[${j}].action.ownerOrganisationCode`,
            message: `${d.action.ownerOrganisationCode} is not a party of the case`,
            rule: 'party',
          });
        }
      });
    });
    const first = errors[0];
    if (first) {
      throw new AppError(first.code, {
        detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
        errors: errors.map(({ code: _c, ...e }) => e),
      });
    }
    let position = 0;
    const decisions = input.items.flatMap((item) =>
      item.decisions.map((d) => ({
        meetingId: id,
        agendaItemId: item.agendaItemId,
        position: ++position,
        text: d.text,
        actionOwnerOrganisationCode: d.action?.ownerOrganisationCode ?? null,
        actionType: d.action?.type ?? null,
        actionDueOn: d.action?.dueOn ?? null,
      })),
    );
    for (const item of input.items) await setAgendaMinutes(tx, item.agendaItemId, item.minutes ?? null);
    await replaceDecisions(tx, id, decisions);
    const updated = await updateMeeting(tx, id, { updatedAt: now });
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.minutes', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, updated);
  });
}

/** Closes a held meeting: read-only from now on; decisions with an owner join the plan draft. */
export async function closeMeeting(deps: PlanningDeps, caller: Caller, id: string): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase } = await loadForChange(tx, caller, id);
    assertHeld(meeting);
    const decisions = (await findDecisions(tx, id)).filter(
      (d) => d.actionOwnerOrganisationCode && d.actionType,
    );
    const actionIds = await addDecisionActions(
      tx,
      kase,
      decisions.map((d) => ({
        id: d.id,
        text: d.text,
        ownerOrganisationCode: d.actionOwnerOrganisationCode ?? '',
        type: d.actionType ?? 'other',
        dueOn: d.actionDueOn,
      })),
      now,
    );
    for (const [decisionId, actionId] of actionIds) await setDecisionPlanAction(tx, decisionId, actionId);
    const updated = await updateMeeting(tx, id, { status: 'closed', closedAt: now, updatedAt: now });
    await meetingEvent(tx, 'meeting.closed', kase, updated, caller, now, {
      planActionIds: [...actionIds.values()],
    });
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.close', caseId: kase.id, clientId: kase.clientId },
    ]);
    return loadView(tx, updated);
  });
}

// --- Calendar and invitation -------------------------------------------------------------------

type CalendarCursor = { t: string; i: string };
const isCalendarCursor = (v: unknown): v is CalendarCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as CalendarCursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as CalendarCursor).t)) &&
  typeof (v as CalendarCursor).i === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as CalendarCursor).i);

/** The first day a calendar window may start on. */
const EARLIEST_CALENDAR_DAY = '1900-01-01';

/** Longest calendar window one request reads. */
const MAX_CALENDAR_DAYS = 366;

/** "My calendar": the meetings the caller is invited to between two Helsinki days (both included). */
export async function listCalendar(
  deps: PlanningDeps,
  caller: Caller,
  query: { from?: string; to?: string; limit?: number; cursor?: string },
): Promise<{ items: CalendarRow[]; nextCursor: string | null }> {
  if (!canReadCalendar(caller)) {
    if (hasCaseworkRole(caller)) {
      throw new AppError(CaseAccessErrors.STAFF_RECORD_REQUIRED, {
        detail:
          'Client data is processed only by staff with an active record in the directory (381/2023 §12(4)).',
      });
    }
    throw new AppError('FORBIDDEN', { detail: 'The calendar is for caseworkers and coordinators.' });
  }
  const now = deps.clock.now();
  const from = query.from ?? todayInHelsinki(now);
  // Before 1900 Helsinki kept local mean time, and year 0 is out of PostgreSQL's range.
  if (from < EARLIEST_CALENDAR_DAY) {
    throw invalidField(
      'VALIDATION_FAILED',
      'query.from',
      `must be ${EARLIEST_CALENDAR_DAY} or later`,
      'range',
    );
  }
  let to: string;
  try {
    to = query.to ?? addDays(from, 30);
  } catch (err) {
    // The default window would end after the last day of the calendar (9999-12-31).
    if (!(err instanceof RangeError)) throw err;
    throw invalidField('VALIDATION_FAILED', 'query.from', 'leaves no 30-day window; give to', 'range');
  }
  if (daysBetween(from, to) < 0)
    throw invalidField('VALIDATION_FAILED', 'query.to', 'must not be before from', 'range');
  if (daysBetween(from, to) > MAX_CALENDAR_DAYS) {
    throw invalidField(
      'VALIDATION_FAILED',
      'query.to',
      `must be at most ${MAX_CALENDAR_DAYS} days after from`,
      'range',
    );
  }
  const after = decodeCursor(query.cursor, isCalendarCursor);
  if (query.cursor && !after)
    throw invalidField('VALIDATION_FAILED', 'query.cursor', 'is not a cursor this API issued', 'cursor');
  const limit = query.limit ?? 50;
  let window: { from: Date; to: Date };
  try {
    window = { from: startOfDayInHelsinki(from), to: endOfDayInHelsinki(to) };
  } catch (err) {
    // The end of the last day of the calendar (9999-12-31) is past what dates can hold.
    if (!(err instanceof RangeError)) throw err;
    throw invalidField('VALIDATION_FAILED', 'query.to', 'must be before 9999-12-31', 'range');
  }
  return deps.db.transaction(async (tx) => {
    const rows = await findCalendarPage(tx, caller, window, {
      limit: limit + 1,
      ...(after ? { after } : {}),
    });
    const items = rows.slice(0, limit);
    const clients = new Map<string, string>();
    for (const caseId of new Set(items.map((r) => r.meeting.caseId))) {
      const kase = await findCase(tx, caseId);
      // An invitation shows a meeting only to staff of the client's parties (`seesMeeting`):
      // one left from before the rule, to another organisation, shows nothing.
      if (kase && clientPartyCodes(kase).includes(caller.org)) clients.set(caseId, kase.clientId);
    }
    const visible = items.filter((r) => clients.has(r.meeting.caseId));
    await logPlanningAccess(
      tx,
      caller,
      now,
      items.flatMap((r) => {
        const clientId = clients.get(r.meeting.caseId);
        return clientId ? [{ action: 'meeting.calendar', caseId: r.meeting.caseId, clientId }] : [];
      }),
    );
    const last = items.at(-1);
    return {
      items: visible,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ t: last.meeting.startsAt.toISOString(), i: last.meeting.id })
          : null,
    };
  });
}

/** The iCalendar invitation of a meeting the caller sees, in `lang`. */
export async function getInvitation(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  lang: Lang,
): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { meeting, kase } = await loadMeeting(tx, caller, id);
    const view = await loadView(tx, meeting);
    await logPlanningAccess(tx, caller, now, [
      { action: 'meeting.invitation.read', caseId: kase.id, clientId: kase.clientId },
    ]);
    return renderInvitation({
      meeting,
      agendaItemCount: view.agenda.length,
      participants: view.participants,
      lang,
      now,
    });
  });
}
