import type { Queryable } from '@tym/db';
import type { Lang, Localized } from '@tym/domain';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalTZDateStub,
} from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { type WallClock, wallClockAt } from '../time-zones.js';
import {
  findAgendaItems,
  findMeetingRow,
  findParticipants,
  type MeetingRow,
  type ParticipantRow,
} from './meetings.repository.js';

/**
 * iCalendar invitations (RFC 5545, with the iTIP methods of RFC 5546) built with
 * ical-generator; the VTIMEZONE comes from timezones-ical-library (current IANA data).
 *
 * What an invitation carries, and what it never does: the kind of meeting, the time, the
 * place or link, the organiser and every participant (name and e-mail). It never carries an
 * identity code, the agenda's free text, minutes or anything on health or social
 * circumstances — calendar servers and forwarded e-mails are outside the parties' control.
 */

/** RFC 2606 `.invalid`: an address that is never delivered, for participants without e-mail. */
const UNDELIVERABLE_DOMAIN = 'tym.invalid';
const UID_DOMAIN = 'tym-planning';

const KIND_TEXT: Record<string, Localized> = {
  assessment: {
    fi: 'monialaisen palvelutarpeen arviointi',
    sv: 'bedömning av sektorsövergripande servicebehov',
    en: 'assessment of multidisciplinary service need',
  },
  planning: {
    fi: 'monialaisen työllistymissuunnitelman laatiminen',
    sv: 'utarbetande av sektorsövergripande sysselsättningsplan',
    en: 'drawing up the joint employment plan',
  },
  review: {
    fi: 'suunnitelman tarkistaminen',
    sv: 'översyn av planen',
    en: 'review of the joint employment plan',
  },
  ending: {
    fi: 'asiakkuuden päättäminen',
    sv: 'avslutande av kundrelationen',
    en: 'ending the client relationship',
  },
  other: { fi: 'yhteistapaaminen', sv: 'gemensamt möte', en: 'joint meeting' },
};

const TEXT = {
  summary: { fi: 'TYM-yhteistapaaminen', sv: 'TYM gemensamt möte', en: 'TYM joint meeting' },
  intro: {
    fi: 'Työllistymistä edistävän monialaisen tuen yhteistapaaminen (laki 381/2023).',
    sv: 'Gemensamt möte inom det sektorsövergripande stödet för främjande av sysselsättning (lag 381/2023).',
    en: 'Joint meeting of multidisciplinary employment support (Act 381/2023).',
  },
  remote: { fi: 'Etäyhteys', sv: 'Distansförbindelse', en: 'Remote link' },
  place: { fi: 'Paikka', sv: 'Plats', en: 'Place' },
  agenda: {
    fi: 'Esityslistalla kohtia',
    sv: 'Punkter på föredragningslistan',
    en: 'Agenda items',
  },
  cancelled: {
    fi: 'Tapaaminen on peruttu.',
    sv: 'Mötet har ställts in.',
    en: 'The meeting has been cancelled.',
  },
} satisfies Record<string, Localized>;

const PARTSTAT: Record<string, ICalAttendeeStatus> = {
  needs_action: ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  declined: ICalAttendeeStatus.DECLINED,
  tentative: ICalAttendeeStatus.TENTATIVE,
};

/** The VTIMEZONE component of an IANA zone, or null when the library does not know it. */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].includes('BEGIN:VTIMEZONE')
    ? block[0]
    : null;
}

/**
 * A date ical-generator writes as the wall-clock time of the meeting's zone (`DTSTART;TZID=`).
 * ical-generator reads such a date through its TZDate interface (`withTimeZone`), so the
 * output never depends on the process's own time zone.
 */
function zonedDate(instant: Date, zone: string): ICalTZDateStub {
  const wall = (f: WallClock) => ({
    getFullYear: () => f.year,
    getMonth: () => f.month - 1,
    getDate: () => f.day,
    getHours: () => f.hour,
    getMinutes: () => f.minute,
    getSeconds: () => f.second,
    getUTCFullYear: () => instant.getUTCFullYear(),
    getUTCMonth: () => instant.getUTCMonth(),
    getUTCDate: () => instant.getUTCDate(),
    getUTCHours: () => instant.getUTCHours(),
    getUTCMinutes: () => instant.getUTCMinutes(),
    getUTCSeconds: () => instant.getUTCSeconds(),
  });
  const d = new Date(instant.getTime()) as Date & {
    internal: Date;
    withTimeZone(tz?: string | null): unknown;
    tzComponents(): WallClock;
  };
  d.internal = new Date(instant.getTime());
  d.withTimeZone = (tz) => wall(wallClockAt(instant, tz ?? zone));
  d.tzComponents = () => wallClockAt(instant, zone);
  return d as unknown as ICalTZDateStub;
}

function address(p: ParticipantRow): string {
  return p.email ?? `participant-${p.id}@${UNDELIVERABLE_DOMAIN}`;
}

export interface InvitationInput {
  meeting: MeetingRow;
  agendaItemCount: number;
  participants: ParticipantRow[];
  lang: Lang;
  now: Date;
}

/** The invitation text of a meeting as it is now: METHOD:REQUEST, or METHOD:CANCEL once cancelled. */
export function renderInvitation(input: InvitationInput): string {
  const { meeting, participants, lang } = input;
  const cancelled = meeting.status === 'cancelled';
  const cal = ical({
    prodId: { company: 'TYM', product: 'planning', language: lang.toUpperCase() },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: null, generator: vtimezone },
  });
  const kind = KIND_TEXT[meeting.kind] ?? KIND_TEXT.other;
  const lines = [TEXT.intro[lang]];
  if (meeting.mode === 'remote' && meeting.onlineUrl)
    lines.push(`${TEXT.remote[lang]}: ${meeting.onlineUrl}`);
  if (meeting.mode === 'in_person' && meeting.address) lines.push(`${TEXT.place[lang]}: ${meeting.address}`);
  if (input.agendaItemCount) lines.push(`${TEXT.agenda[lang]}: ${input.agendaItemCount}`);
  if (cancelled) lines.unshift(TEXT.cancelled[lang]);

  const organiser = participants.find((p) => p.staffId === meeting.organiserStaffId);
  const event = cal.createEvent({
    id: `${meeting.id}@${UID_DOMAIN}`,
    sequence: meeting.sequence,
    stamp: input.now,
    start: zonedDate(meeting.startsAt, meeting.timeZone),
    end: zonedDate(meeting.endsAt, meeting.timeZone),
    timezone: meeting.timeZone,
    summary: `${TEXT.summary[lang]}: ${kind?.[lang] ?? ''}`,
    description: lines.join('\n'),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(meeting.mode === 'in_person' && meeting.address ? { location: meeting.address } : {}),
    ...(meeting.mode === 'remote' && meeting.onlineUrl ? { url: meeting.onlineUrl } : {}),
    organizer: organiser
      ? { name: organiser.displayName, email: address(organiser) }
      : { name: meeting.organiserOrganisationCode, email: `organiser-${meeting.id}@${UNDELIVERABLE_DOMAIN}` },
  });
  for (const p of participants) {
    event.createAttendee({
      email: address(p),
      name: p.displayName,
      role: p.staffId === meeting.organiserStaffId ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
      status: PARTSTAT[p.response] ?? ICalAttendeeStatus.NEEDSACTION,
      rsvp: !cancelled && p.staffId !== meeting.organiserStaffId,
    });
  }
  return cal.toString();
}

/**
 * The invitation of a meeting in `lang`, for the notifications service to attach to e-mails
 * (`recipient` is the participant the e-mail goes to; the file is the same for every
 * attendee, as iTIP requires). Null when there is no such meeting or participant. The caller
 * decides who may receive it and writes the access log.
 */
export async function buildInvitationIcs(
  db: Queryable,
  meetingId: string,
  recipient: { participantId: string } | null,
  lang: Lang,
  now: Date = new Date(),
): Promise<{ ics: string; method: 'REQUEST' | 'CANCEL'; sequence: number } | null> {
  const meeting = await findMeetingRow(db, meetingId);
  if (!meeting) return null;
  // Sequential: `db` may be a transaction (one connection, one query at a time).
  const agenda = await findAgendaItems(db, meetingId);
  const participants = await findParticipants(db, meetingId);
  if (recipient && !participants.some((p) => p.id === recipient.participantId)) return null;
  return {
    ics: renderInvitation({ meeting, agendaItemCount: agenda.length, participants, lang, now }),
    method: meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    sequence: meeting.sequence,
  };
}
