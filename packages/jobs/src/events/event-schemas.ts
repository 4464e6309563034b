import { type TSchema, Type } from 'typebox';

/**
 * Building blocks of the event payload schemas. Payloads carry ids, codes, dates, versions and
 * counts only (architecture.md, Data): never names, identity codes or free text.
 */
export const Id = (description: string) => Type.String({ format: 'uuid', description });
export const Code = (description: string) => Type.String({ description });
export const Codes = (description: string) => Type.Array(Type.String(), { description });
export const LocalDate = (description: string) => Type.String({ format: 'date', description });
export const Instant = (description: string) => Type.String({ format: 'date-time', description });
export const Version = (description: string) => Type.Integer({ minimum: 1, description });
export const Nullable = <S extends TSchema>(schema: S, description: string) =>
  Type.Union([schema, Type.Null()], { description });
export const Payload = <P extends Record<string, TSchema>>(properties: P, description: string) =>
  Type.Object(properties, { additionalProperties: false, description });

/** The payload every deadline event carries (packages/jobs/src/deadlines.ts). */
export const deadlineFields = {
  deadlineId: Id('platform.deadlines.id'),
  kind: Code('The kind of deadline, e.g. plan.due or referral.response'),
  dueOn: LocalDate('The statutory due date (Europe/Helsinki)'),
  version: Version('The deadline version; timers belong to one version'),
  status: Code('pending, met, met_late or cancelled'),
  subjectType: Code('What the deadline is about, e.g. case or referral'),
  subjectId: Code('The id of that thing'),
};

/** The payload every meeting event carries (services/planning meetings). */
export const meetingFields = {
  caseId: Id('The case'),
  meetingId: Id('The meeting'),
  kind: Code('The kind of meeting, e.g. assessment or plan'),
  status: Code('scheduled, cancelled or closed'),
  startsAt: Instant('When the meeting starts'),
  endsAt: Instant('When the meeting ends'),
  sequence: Type.Integer({ minimum: 0, description: 'The iCalendar SEQUENCE of the invitation' }),
};

/** Routing of a case to a cooperation area and its two regional parties. */
export const Routing = (description: string) =>
  Payload(
    {
      cooperationAreaId: Id('The cooperation area'),
      employmentAuthorityCode: Code('The employment authority'),
      wellbeingCountyOrganiserCode: Code('The organiser of the wellbeing services county'),
    },
    description,
  );

/** The quota status of one party of an area (services/resourcing utilisation). */
export const quotaFields = {
  cooperationAreaId: Id('The cooperation area'),
  organisationCode: Code('The party whose status crossed'),
  status: Code('ok, over_capacity, below_commitment or no_commitment'),
  previousStatus: Code('The status before'),
  committedFte: Type.Number({ description: 'Full-time equivalents committed under the agreement' }),
  allocatedFte: Type.Number({ description: 'Full-time equivalents allocated to the area' }),
  capacity: Type.Number({ description: 'Cases the allocated staff can carry' }),
  activeCases: Type.Integer({ minimum: 0, description: 'Active cases of the party in the area' }),
  agreementId: Nullable(Id('The agreement in force'), 'The agreement in force, if any'),
};
