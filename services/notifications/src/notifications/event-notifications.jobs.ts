import type { events, Queryable } from '@tym/db';
import type { Lang } from '@tym/domain';
import { EVENT_TYPES, type EventRecipients, eventCatalog, eventDefinition, textParamsOf } from '@tym/jobs';
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

/** The meeting events: told to the meeting's participants, with an invitation for some. */
export const MEETING_EVENTS: ReadonlySet<string> = new Set(
  EVENT_TYPES.filter((t) => eventCatalog[t].recipients === 'meeting_participants'),
);

const ICS_METHOD: Record<string, string> = {
  'meeting.scheduled': 'REQUEST',
  'meeting.rescheduled': 'REQUEST',
  'meeting.cancelled': 'CANCEL',
};

/**
 * Params of an event's notification: the scalar values of its thin payload (ids, codes,
 * dates and counts, as the catalog's schema allows) that its texts are filled from.
 */
function paramsOf(event: EventRow): Record<string, string | number | null> {
  return {
    ...textParamsOf(event.payload),
    eventType: event.type,
    caseId: event.caseId,
    cooperationAreaId: event.cooperationAreaId,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
  };
}

/**
 * Who is told of an event (issue 6), as the event catalog names it per type (`recipients`):
 * the meeting's participants, the organisations' administrators (quota, staffing, webhook
 * health), the area's coordinators of the client's parties (the event's organisations) for
 * a new referral, the case team, or nobody (deadline events change timers; the timers
 * themselves tell people). The person who caused the event is not told of it.
 */
async function recipientsOf(
  db: Queryable,
  event: EventRow,
  meetings: MeetingHooks,
): Promise<{ staff: StaffRecipient[]; external: ExternalRecipient[] }> {
  const none = { staff: [], external: [] };
  const recipients: EventRecipients = eventDefinition(event.type)?.recipients ?? 'none';
  switch (recipients) {
    case 'none':
      return none;
    case 'organisation_admins':
      return { staff: await organisationStaffWithRole(db, event.organisationCodes, 'admin'), external: [] };
    case 'meeting_participants': {
      const meetingId =
        typeof event.payload.meetingId === 'string' ? event.payload.meetingId : event.subjectId;
      const attendees = meetings.participants ? await meetings.participants(db, meetingId) : null;
      if (attendees) return attendees;
      return { staff: event.caseId ? await caseTeamRecipients(db, event.caseId) : [], external: [] };
    }
    case 'area_coordinators':
      // The area's coordinators of the client's parties (the event's organisations).
      return {
        staff: await areaCoordinators(db, event.cooperationAreaId, event.organisationCodes),
        external: [],
      };
    case 'case_team':
      return event.caseId ? { staff: await caseTeamRecipients(db, event.caseId), external: [] } : none;
  }
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
