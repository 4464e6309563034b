import {
  GUEST_ROLES,
  MEETING_KINDS,
  MEETING_MODES,
  MEETING_STATUSES,
  PARTICIPANT_KINDS,
  PARTICIPANT_RESPONSES,
  PLAN_ACTION_TYPES,
} from '@tym/db';
import { Instant, LocalDate, OrganisationCode, PaginationQuery, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import { NullableDate, NullableInstant, NullableString } from '../schemas.js';
import type { CalendarRow } from './meetings.repository.js';
import type { MeetingView } from './meetings.service.js';

const LOCAL_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$';

export const MeetingKindSchema = Type.Enum([...MEETING_KINDS], {
  description:
    'Why the parties meet: assessment (381/2023 §4), planning (§5), review (§6), ending (§8), other',
});
export const MeetingStatusSchema = Type.Enum([...MEETING_STATUSES], {
  description: 'scheduled → held → closed (read-only), or scheduled → cancelled',
});
export const MeetingModeSchema = Type.Enum([...MEETING_MODES], {
  description: 'in_person (address) or remote (link)',
});
const ResponseSchema = Type.Enum([...PARTICIPANT_RESPONSES], { description: 'Answer to the invitation' });
const ActionTypeSchema = Type.Enum([...PLAN_ACTION_TYPES], { description: 'Service area of the action' });

const LocalDateTime = (description: string) =>
  Type.String({
    pattern: LOCAL_DATE_TIME,
    description: `${description} (local date-time YYYY-MM-DDTHH:mm in timeZone)`,
  });
const TimeZoneField = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone of start and end, e.g. Europe/Helsinki (the default)',
});
const Email = (description: string) => Type.String({ format: 'email', maxLength: 254, description });
const Phone = (description: string) => Type.String({ pattern: '^\\+?[0-9 ()-]{5,30}$', description });

export const ScheduleMeetingBody = Type.Object(
  {
    kind: MeetingKindSchema,
    start: LocalDateTime('Start'),
    timeZone: Type.Optional(TimeZoneField),
    durationMinutes: Type.Optional(Type.Integer({ description: 'Length in minutes (1–720); or give end' })),
    end: Type.Optional(LocalDateTime('End, instead of durationMinutes')),
    mode: MeetingModeSchema,
    address: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, description: 'Street address (in_person)' }),
    ),
    onlineUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https://',
        maxLength: 500,
        description: 'Meeting link (remote), https',
      }),
    ),
    agenda: Type.Array(
      Type.Object(
        { title: Type.String({ minLength: 1, maxLength: 300, description: 'Agenda item' }) },
        { additionalProperties: false, description: 'An agenda item' },
      ),
      { maxItems: 30, default: [], description: 'Agenda items in order' },
    ),
    participants: Type.Object(
      {
        staff: Type.Array(
          Type.Object(
            { staffId: Uuid('Staff member of a party of the case') },
            { additionalProperties: false, description: 'A staff participant' },
          ),
          {
            maxItems: 30,
            default: [],
            description: 'Staff of the case’s parties; you are added as organiser',
          },
        ),
        client: Type.Optional(
          Type.Object(
            {
              displayName: Type.String({
                minLength: 1,
                maxLength: 200,
                description: 'Name on the invitation',
              }),
              email: Type.Optional(Email('Where the invitation goes')),
              phone: Type.Optional(Phone('Phone number')),
            },
            { additionalProperties: false, description: 'The client, if invited' },
          ),
        ),
        guests: Type.Array(
          Type.Object(
            {
              role: Type.Enum([...GUEST_ROLES], { description: 'Why the guest takes part' }),
              displayName: Type.String({
                minLength: 1,
                maxLength: 200,
                description: 'Name on the invitation',
              }),
              email: Type.Optional(Email('Where the invitation goes')),
              phone: Type.Optional(Phone('Phone number')),
              language: Type.Optional(
                Type.String({ pattern: '^[a-z]{2,3}$', description: 'Interpreter’s language (ISO 639)' }),
              ),
            },
            { additionalProperties: false, description: 'A guest without an account' },
          ),
          {
            maxItems: 20,
            default: [],
            description: 'Interpreters, guardians, support persons, education providers…',
          },
        ),
      },
      { additionalProperties: false, description: 'Who is invited' },
    ),
    allowConflicts: Type.Optional(
      Type.Boolean({ description: 'Book even if a staff participant already has a meeting then' }),
    ),
  },
  { additionalProperties: false, description: 'A joint meeting to schedule' },
);
export type ScheduleMeetingBody = Static<typeof ScheduleMeetingBody>;

export const RescheduleBody = Type.Object(
  {
    start: LocalDateTime('New start'),
    timeZone: Type.Optional(TimeZoneField),
    durationMinutes: Type.Optional(
      Type.Integer({
        description:
          'New length in minutes (1–720); keeps the current length when neither this nor end is given',
      }),
    ),
    end: Type.Optional(LocalDateTime('End, instead of durationMinutes')),
    mode: Type.Optional(MeetingModeSchema),
    address: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, description: 'Street address (in_person)' }),
    ),
    onlineUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https://',
        maxLength: 500,
        description: 'Meeting link (remote), https',
      }),
    ),
    allowConflicts: Type.Optional(
      Type.Boolean({ description: 'Move even if a staff participant has a clash' }),
    ),
  },
  { additionalProperties: false, description: 'The new time (and place) of the meeting' },
);

export const CancelBody = Type.Object(
  {
    reasonCode: Type.Enum(['not_needed', 'client_unavailable', 'staff_unavailable', 'replaced', 'other'], {
      description: 'Why the meeting is cancelled',
    }),
  },
  { additionalProperties: false, description: 'Cancellation' },
);

export const ResponseBody = Type.Object(
  {
    participantId: Uuid('The participant answering'),
    response: Type.Enum(['accepted', 'declined', 'tentative'], { description: 'The answer' }),
  },
  { additionalProperties: false, description: 'An answer to the invitation' },
);

export const HeldBody = Type.Object(
  {
    attendance: Type.Array(
      Type.Object(
        {
          participantId: Uuid('Participant'),
          attended: Type.Boolean({ description: 'Whether they took part' }),
        },
        { additionalProperties: false, description: 'Attendance of one participant' },
      ),
      { maxItems: 60, description: 'Who attended' },
    ),
  },
  { additionalProperties: false, description: 'The meeting was held' },
);

export const MinutesBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          agendaItemId: Uuid('Agenda item'),
          minutes: Type.Optional(
            Type.Union([Type.String({ maxLength: 10000 }), Type.Null()], {
              description: 'What was discussed',
            }),
          ),
          decisions: Type.Array(
            Type.Object(
              {
                text: Type.String({ minLength: 1, maxLength: 2000, description: 'The decision' }),
                action: Type.Optional(
                  Type.Object(
                    {
                      ownerOrganisationCode: OrganisationCode('The one organisation that owns the action'),
                      type: ActionTypeSchema,
                      dueOn: Type.Optional(NullableDate('Due date of the action')),
                    },
                    {
                      additionalProperties: false,
                      description: 'Makes the decision a plan action on closing',
                    },
                  ),
                ),
              },
              { additionalProperties: false, description: 'A decision' },
            ),
            { maxItems: 50, default: [], description: 'Decisions under the item' },
          ),
        },
        { additionalProperties: false, description: 'Minutes of one agenda item' },
      ),
      { maxItems: 30, description: 'Minutes per agenda item (replaces earlier minutes)' },
    ),
  },
  { additionalProperties: false, description: 'The minutes' },
);

export const MeetingIdParams = Type.Object({ id: Uuid('Meeting id') }, { description: 'Path parameters' });
export const CaseIdParams = Type.Object({ caseId: Uuid('Case id') }, { description: 'Path parameters' });

export const InvitationQuery = Type.Object(
  {
    lang: Type.Optional(Type.Enum(['fi', 'sv', 'en'], { description: 'Language; else Accept-Language' })),
  },
  { additionalProperties: false, description: 'Query' },
);

export const CalendarQuery = Type.Object(
  {
    from: Type.Optional(LocalDate('First day (default today)')),
    to: Type.Optional(LocalDate('Last day, included (default from + 30 days; at most 366 days)')),
    ...PaginationQuery,
  },
  { additionalProperties: false, description: 'Query' },
);

const ParticipantDto = Type.Object(
  {
    id: Uuid('Participant id'),
    kind: Type.Enum([...PARTICIPANT_KINDS], { description: 'staff, client or guest' }),
    staffId: Type.Union([Uuid('Staff id'), Type.Null()], {
      description: 'Staff id; null for the client and guests',
    }),
    organisationCode: NullableString('Staff member’s organisation'),
    guestRole: Type.Union([Type.Enum([...GUEST_ROLES]), Type.Null()], { description: 'Guest’s role' }),
    language: NullableString('Interpreter’s language'),
    displayName: Type.String({ description: 'Name on the invitation' }),
    email: NullableString('E-mail for the invitation'),
    phone: NullableString('Phone'),
    response: ResponseSchema,
    respondedAt: NullableInstant('When they answered'),
    attended: Type.Union([Type.Boolean(), Type.Null()], { description: 'Attendance; null until recorded' }),
    organiser: Type.Boolean({ description: 'The organiser' }),
  },
  { description: 'A participant' },
);

const DecisionDto = Type.Object(
  {
    id: Uuid('Decision id'),
    text: Type.String({ description: 'The decision' }),
    action: Type.Union(
      [
        Type.Object(
          {
            ownerOrganisationCode: Type.String({ description: 'Owner organisation' }),
            type: ActionTypeSchema,
            dueOn: NullableDate('Due date'),
          },
          { description: 'The plan action it becomes' },
        ),
        Type.Null(),
      ],
      { description: 'The plan action it becomes; null for a plain decision' },
    ),
    planActionId: Type.Union([Uuid('Plan action'), Type.Null()], {
      description: 'The plan draft action made of it when the meeting closed',
    }),
  },
  { description: 'A decision' },
);

export const MeetingDto = Type.Object(
  {
    id: Uuid('Meeting id'),
    caseId: Uuid('Case id'),
    kind: MeetingKindSchema,
    status: MeetingStatusSchema,
    start: Type.String({ description: 'Start as entered (local date-time in timeZone)' }),
    timeZone: Type.String({ description: 'IANA time zone' }),
    startsAt: Instant('Start'),
    endsAt: Instant('End'),
    durationMinutes: Type.Integer({ description: 'Length in minutes' }),
    mode: MeetingModeSchema,
    address: NullableString('Street address (in_person)'),
    onlineUrl: NullableString('Meeting link (remote)'),
    sequence: Type.Integer({
      description: 'iCalendar SEQUENCE: rises on every reschedule and on cancellation',
    }),
    organiser: Type.Object(
      {
        staffId: Uuid('Organiser'),
        organisationCode: Type.String({ description: 'Organiser’s organisation' }),
      },
      { description: 'Who organises it' },
    ),
    agenda: Type.Array(
      Type.Object(
        {
          id: Uuid('Agenda item id'),
          position: Type.Integer({ description: 'Order' }),
          title: Type.String({ description: 'Item' }),
          minutes: NullableString('What was discussed'),
          decisions: Type.Array(DecisionDto, { description: 'Decisions under the item' }),
        },
        { description: 'An agenda item with its minutes' },
      ),
      { description: 'Agenda in order' },
    ),
    participants: Type.Array(ParticipantDto, { description: 'Everyone invited' }),
    cancelReasonCode: NullableString('Why it was cancelled'),
    heldAt: NullableInstant('Marked held'),
    closedAt: NullableInstant('Closed'),
    cancelledAt: NullableInstant('Cancelled'),
    createdAt: Instant('Scheduled'),
    updatedAt: Instant('Last changed'),
  },
  { description: 'A joint meeting' },
);

export const MeetingListDto = Type.Object(
  { items: Type.Array(MeetingDto, { description: 'Meetings, earliest first' }) },
  { description: 'Meetings of the case' },
);

export const CalendarItemDto = Type.Object(
  {
    id: Uuid('Meeting id'),
    caseId: Uuid('Case id'),
    kind: MeetingKindSchema,
    status: MeetingStatusSchema,
    start: Type.String({ description: 'Start as entered (local date-time in timeZone)' }),
    timeZone: Type.String({ description: 'IANA time zone' }),
    startsAt: Instant('Start'),
    endsAt: Instant('End'),
    mode: MeetingModeSchema,
    address: NullableString('Street address (in_person)'),
    onlineUrl: NullableString('Meeting link (remote)'),
    sequence: Type.Integer({ description: 'iCalendar SEQUENCE' }),
    myResponse: ResponseSchema,
  },
  { description: 'A meeting in my calendar' },
);

export function toMeetingDto(v: MeetingView): Static<typeof MeetingDto> {
  const m = v.meeting;
  return {
    id: m.id,
    caseId: m.caseId,
    kind: m.kind,
    status: m.status,
    start: m.localStart,
    timeZone: m.timeZone,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    durationMinutes: m.durationMinutes,
    mode: m.mode,
    address: m.address,
    onlineUrl: m.onlineUrl,
    sequence: m.sequence,
    organiser: { staffId: m.organiserStaffId, organisationCode: m.organiserOrganisationCode },
    agenda: v.agenda.map((a) => ({
      id: a.id,
      position: a.position,
      title: a.title,
      minutes: a.minutes,
      decisions: v.decisions
        .filter((d) => d.agendaItemId === a.id)
        .map((d) => ({
          id: d.id,
          text: d.text,
          action:
            d.actionOwnerOrganisationCode && d.actionType
              ? {
                  ownerOrganisationCode: d.actionOwnerOrganisationCode,
                  type: d.actionType,
                  dueOn: d.actionDueOn,
                }
              : null,
          planActionId: d.planActionId,
        })),
    })),
    participants: v.participants.map((p) => ({
      id: p.id,
      kind: p.kind,
      staffId: p.staffId,
      organisationCode: p.organisationCode,
      guestRole: p.guestRole,
      language: p.language,
      displayName: p.displayName,
      email: p.email,
      phone: p.phone,
      response: p.response,
      respondedAt: p.respondedAt?.toISOString() ?? null,
      attended: p.attended,
      organiser: p.staffId !== null && p.staffId === m.organiserStaffId,
    })),
    cancelReasonCode: m.cancelReasonCode,
    heldAt: m.heldAt?.toISOString() ?? null,
    closedAt: m.closedAt?.toISOString() ?? null,
    cancelledAt: m.cancelledAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function toCalendarItemDto(r: CalendarRow): Static<typeof CalendarItemDto> {
  const m = r.meeting;
  return {
    id: m.id,
    caseId: m.caseId,
    kind: m.kind,
    status: m.status,
    start: m.localStart,
    timeZone: m.timeZone,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    mode: m.mode,
    address: m.address,
    onlineUrl: m.onlineUrl,
    sequence: m.sequence,
    myResponse: r.myResponse as Static<typeof ResponseSchema>,
  };
}
