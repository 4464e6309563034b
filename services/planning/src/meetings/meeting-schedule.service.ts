import type { GuestRole, MeetingKind, MeetingMode, Transaction } from '@tym/db';
import { AppError, type InvalidField } from '@tym/platform';
import { type Caller, logPlanningAccess } from '../caller.js';
import { caseNotFound, loadCaseAccess, loadCaseForWork } from '../case-access.js';
import type { PlanningDeps } from '../deps.js';
import { findStaffMember } from '../directory.js';
import { CaseAccessErrors } from '../errors.js';
import { clientPartyCodes } from '../policy.js';
import { instantToLocal } from '../time-zones.js';
import { changeMeeting, loadMeeting, loadView, type MeetingView, meetingEvent } from './meeting-access.js';
import { resolvePlace, resolveTiming, type Timing, type TimingInput } from './meeting-timing.rules.js';
import { MeetingErrors } from './meetings.errors.js';
import {
  findCaseMeetings,
  findParticipants,
  findStaffConflicts,
  insertAgendaItems,
  insertMeeting,
  insertParticipants,
  lockStaffCalendars,
  type NewParticipantRow,
  updateMeeting,
} from './meetings.repository.js';

/** Scheduling: book, read, move and cancel a joint meeting. */

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
 * participants must work for one of the client's parties (`clientPartyCodes`). Runs in the
 * transaction of the idempotent POST (`tx`, last like every extra of a use case).
 */
export async function scheduleMeeting(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  input: ScheduleInput,
  tx: Transaction,
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
  return changeMeeting(
    deps,
    caller,
    id,
    { action: 'reschedule', log: 'meeting.reschedule' },
    async ({ meeting, kase, tx, now }) => {
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
      return updated;
    },
  );
}

export async function cancelMeeting(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  reasonCode: string,
): Promise<MeetingView> {
  return changeMeeting(
    deps,
    caller,
    id,
    { action: 'cancel', log: 'meeting.cancel' },
    async ({ meeting, kase, tx, now, step }) => {
      // RFC 5546 §3.2.5: a CANCEL carries a SEQUENCE above the last REQUEST's.
      const updated = await updateMeeting(tx, id, {
        status: step.to,
        cancelledAt: now,
        cancelReasonCode: reasonCode,
        sequence: meeting.sequence + 1,
        updatedAt: now,
      });
      await meetingEvent(tx, 'meeting.cancelled', kase, updated, caller, now, { reasonCode });
      return updated;
    },
  );
}
