import type { Lang } from '@tym/domain';
import { AppError, decodeCursor, encodeCursor, invalidField } from '@tym/platform';
import { findCase } from '@tym/referrals';
import { type Caller, logPlanningAccess } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { CaseAccessErrors } from '../errors.js';
import { canReadCalendar, clientPartyCodes, hasCaseworkRole } from '../policy.js';
import { renderInvitation } from './ics.js';
import { loadMeeting, loadView } from './meeting-access.js';
import { calendarDays, calendarWindow } from './meeting-calendar.rules.js';
import { type CalendarRow, findCalendarPage } from './meetings.repository.js';

/** The calendar: "my calendar" and a meeting's iCalendar invitation. */

type CalendarCursor = { t: string; i: string };
const isCalendarCursor = (v: unknown): v is CalendarCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as CalendarCursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as CalendarCursor).t)) &&
  typeof (v as CalendarCursor).i === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as CalendarCursor).i);

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
  const { from, to } = calendarDays(query, now);
  const after = decodeCursor(query.cursor, isCalendarCursor);
  if (query.cursor && !after)
    throw invalidField('VALIDATION_FAILED', 'query.cursor', 'is not a cursor this API issued', 'cursor');
  const limit = query.limit ?? 50;
  const window = calendarWindow(from, to);
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
