import type { events, Queryable } from '@tym/db';
import type { Lang } from '@tym/domain';
import { type Delivered, deliverNotice, type IcsFor, type NotifyOptions } from './notify.js';
import {
  areaCoordinators,
  caseTeamRecipients,
  type ExternalRecipient,
  organisationStaffWithRole,
  type StaffRecipient,
  withSettings,
} from './recipients.js';

type EventRow = typeof events.$inferSelect;

export interface MeetingAttendees {
  staff: StaffRecipient[];
  /** The client and guests who gave an address: told by e-mail only. */
  external: ExternalRecipient[];
}

/**
 * Who takes part in a meeting and the ICS of an invitation. `notificationsJobs` wires
 * planning's functions here (the one place: `meetingAttendees` and planning's
 * `buildInvitationIcs`); a test may put its own in their place.
 */
export interface MeetingHooks {
  participants?(db: Queryable, meetingId: string): Promise<MeetingAttendees | null>;
  invitationIcs?(
    db: Queryable,
    meetingId: string,
    recipient: { organisationCode?: string; subject?: string; address?: string },
    lang: Lang,
  ): Promise<string | null>;
}

/** Events told to organisations' administrators (quota and staffing, webhook health). */
export const ADMIN_EVENTS = new Set([
  'quota.exceeded',
  'staffing.below_commitment',
  'webhook_endpoint.disabled',
]);
export const MEETING_EVENTS = new Set([
  'meeting.scheduled',
  'meeting.rescheduled',
  'meeting.cancelled',
  'meeting.closed',
]);
/** Deadline events change timers; the timers themselves tell people (deadline.fire). */
const SILENT_PREFIXES = ['deadline.'];

const ICS_METHOD: Record<string, string> = {
  'meeting.scheduled': 'REQUEST',
  'meeting.rescheduled': 'REQUEST',
  'meeting.cancelled': 'CANCEL',
};

/** Params of an event's notification: ids, codes and dates from its thin payload only. */
function paramsOf(event: EventRow): Record<string, string | number | null> {
  const p = event.payload;
  const pick = (k: string) =>
    typeof p[k] === 'string' || typeof p[k] === 'number' ? (p[k] as string | number) : null;
  const params: Record<string, string | number | null> = {
    eventType: event.type,
    caseId: event.caseId,
    cooperationAreaId: event.cooperationAreaId,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
  };
  for (const k of ['meetingId', 'startsAt', 'endpointId', 'reason', 'quotaId']) {
    const v = pick(k);
    if (v !== null) params[k] = v;
  }
  return params;
}

/**
 * Who is told of an event (issue 6): the meeting's participants for meetings, the
 * organisations' administrators for quota, staffing and webhook events, the area's
 * coordinators of the client's parties (the event's organisations) for a new referral, and
 * the case team for any other event of a case. The person who caused the event is not told
 * of it.
 */
async function recipientsOf(
  db: Queryable,
  event: EventRow,
  meetings: MeetingHooks,
): Promise<{ staff: StaffRecipient[]; external: ExternalRecipient[] }> {
  if (SILENT_PREFIXES.some((p) => event.type.startsWith(p))) return { staff: [], external: [] };
  if (ADMIN_EVENTS.has(event.type)) {
    return { staff: await organisationStaffWithRole(db, event.organisationCodes, 'admin'), external: [] };
  }
  if (MEETING_EVENTS.has(event.type)) {
    const meetingId = typeof event.payload.meetingId === 'string' ? event.payload.meetingId : event.subjectId;
    const attendees = meetings.participants ? await meetings.participants(db, meetingId) : null;
    if (attendees) return attendees;
    return { staff: event.caseId ? await caseTeamRecipients(db, event.caseId) : [], external: [] };
  }
  if (event.type === 'referral.submitted') {
    // The area's coordinators of the client's parties (the event's organisations).
    return {
      staff: await areaCoordinators(db, event.cooperationAreaId, event.organisationCodes),
      external: [],
    };
  }
  if (event.caseId) return { staff: await caseTeamRecipients(db, event.caseId), external: [] };
  return { staff: [], external: [] };
}

export interface EventNotificationDeps {
  options: NotifyOptions;
  meetings: MeetingHooks;
}

/** The notifications of one event, inside the dispatch transaction (keyed by the event id). */
export async function notifyEvent(
  tx: Queryable,
  event: EventRow,
  deps: EventNotificationDeps,
  now: Date,
): Promise<Delivered> {
  const { staff, external } = await recipientsOf(tx, event, deps.meetings);
  const others = staff.filter(
    (r) => !(r.organisationCode === event.actorOrganisation && r.subject === event.actorSub),
  );
  if (!others.length && !external.length) return { inbox: 0, emailIds: [] };
  const resolved = await withSettings(tx, others, deps.options.defaultLanguage);
  const meetingId = typeof event.payload.meetingId === 'string' ? event.payload.meetingId : event.subjectId;
  const method = ICS_METHOD[event.type];
  const buildIcs = deps.meetings.invitationIcs;
  const icsFor: IcsFor | undefined =
    MEETING_EVENTS.has(event.type) && method && buildIcs
      ? async (who, lang) => {
          const ics = await buildIcs(
            tx,
            meetingId,
            who.staff
              ? { organisationCode: who.staff.organisationCode, subject: who.staff.subject }
              : { address: who.address ?? '' },
            lang,
          );
          return ics ? { ics, method } : null;
        }
      : undefined;
  return deliverNotice(
    tx,
    {
      kind: event.type,
      sourceKey: `event:${event.eventId}`,
      caseId: event.caseId,
      cooperationAreaId: event.cooperationAreaId,
      params: paramsOf(event),
    },
    resolved,
    external,
    deps.options,
    now,
    icsFor,
  );
}
