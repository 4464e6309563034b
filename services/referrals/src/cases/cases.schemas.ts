import {
  CASE_ENDING_GROUNDS,
  CASE_ENDING_OUTCOMES,
  CASE_ENDING_REASONS,
  CASE_STATUSES,
  REVIEW_REQUEST_REFUSAL_REASONS,
  TEAM_ROLES,
} from '@tym/db';
import { Instant, LocalDate, OrganisationCode, PaginationQuery, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import { ClientRefDto, NullableDate, NullableInstant, NullableString } from '../schemas.js';
import { CaseTransferDto, toCaseTransferDto } from '../transfers/transfers.schemas.js';
import type { DutyExplanationRow } from './cases.repository.js';
import type { CaseloadItem, CaseView, EndingView, TeamMemberView, TimelineEntry } from './cases.service.js';
import type { ReviewRequestView } from './review-request-refusal.service.js';
import type { TeamCompleteness } from './team-completeness.js';

export const CaseStatusSchema = Type.Enum([...CASE_STATUSES], {
  description:
    'assessment (joint need assessment, 381/2023 §4) → active (a joint plan is agreed) → ended (§8)',
});
export const TeamRoleSchema = Type.Enum([...TEAM_ROLES], { description: 'Role on the case team' });
export const EndingGroundSchema = Type.Enum([...CASE_ENDING_GROUNDS], {
  description:
    'The ending ground: the one of 381/2023 §8, the joint assessment of the three parties that the client no ' +
    'longer needs the multidisciplinary support (a move to another area is a transfer, not an ending)',
});
export const EndingOutcomeSchema = Type.Enum([...CASE_ENDING_OUTCOMES], {
  description:
    'What the client goes on to: employed, education, other_services, moved_abroad, deceased, other',
});
/** The v1 reason codes, accepted as `reasonCode` for one version. */
export const LegacyEndingReasonSchema = Type.Enum([...CASE_ENDING_REASONS], {
  description:
    'Deprecated (v1): use `outcome`. employed and education map to themselves; coordination_no_longer_needed, ' +
    'moved_away and other to the outcome other',
  deprecated: true,
});

export const NextDeadlineDto = Type.Union(
  [
    Type.Object(
      {
        kind: Type.String({ description: 'Deadline kind, e.g. plan.due, plan.review_requested' }),
        dueOn: LocalDate('Due by the end of this day'),
      },
      { description: 'The next pending deadline' },
    ),
    Type.Null(),
  ],
  { description: 'The next pending deadline; null when none is pending' },
);

/** Whether the case team holds all three parties (381/2023 §4); omitted for partners. */
const TeamCompletenessFields = {
  teamComplete: Type.Optional(
    Type.Boolean({
      description:
        'The team holds the client’s employment authority, the HVA organiser and Kela (381/2023 §4: joint work)',
    }),
  ),
  missingParties: Type.Optional(
    Type.Array(Type.Enum(['employment_authority', 'wellbeing_county', 'kela']), {
      description: 'The parties with nobody on the team; empty when the team is complete',
    }),
  ),
};

/** The completeness fields of a case or caseload item, when known. */
function teamCompletenessDto(t: TeamCompleteness | undefined) {
  return t ? { teamComplete: t.teamComplete, missingParties: [...t.missingParties] } : {};
}

export const CaseloadItemDto = Type.Object(
  {
    id: Uuid('Case id'),
    status: CaseStatusSchema,
    cooperationAreaId: Type.Optional(Uuid('Cooperation area (omitted for partners)')),
    client: Type.Optional({
      ...ClientRefDto,
      description: 'The client, without identity code (omitted for partners)',
    }),
    assessmentStartedOn: Type.Optional(LocalDate('The joint need assessment started (omitted for partners)')),
    planDueOn: Type.Optional(LocalDate('The joint plan is due (omitted for partners)')),
    endedOn: Type.Optional(NullableDate('The relationship ended (omitted for partners)')),
    nextDeadline: Type.Optional(NextDeadlineDto),
    myRole: Type.Optional(
      Type.Union([TeamRoleSchema, Type.Null()], { description: 'Your role on the team; null if not on it' }),
    ),
    ...TeamCompletenessFields,
  },
  { description: 'A case in the caseload; partners get id and status only' },
);

export const CaseloadQuery = Type.Object(
  {
    mine: Type.Optional(Type.Boolean({ description: 'Only cases whose team you are on' })),
    status: Type.Optional(CaseStatusSchema),
    organisation: Type.Optional(
      OrganisationCode('Only cases with a current team member from this organisation'),
    ),
    cooperationArea: Type.Optional(
      Type.String({ format: 'uuid', description: 'Only cases of this cooperation area' }),
    ),
    deadlineBefore: Type.Optional(
      LocalDate('Only cases whose next pending deadline is strictly before this day'),
    ),
    ...PaginationQuery,
  },
  { additionalProperties: false, description: 'Filters and paging' },
);

const TeamMemberDto = Type.Object(
  {
    staffId: Uuid('Staff member id (directory)'),
    organisationCode: OrganisationCode('Their organisation'),
    role: TeamRoleSchema,
    addedAt: Instant('When they joined the team'),
    displayName: Type.Union([Type.String(), Type.Null()], {
      description: 'Their name in the directory, for every party of the case; null if the record is gone',
    }),
    staffRoles: Type.Array(Type.String(), {
      description: 'Their roles in the directory (caseworker, coordinator, …)',
    }),
    organisation: Type.Object(
      {
        code: OrganisationCode('Their organisation'),
        name: Type.Union(
          [
            Type.Object(
              {
                fi: Type.String({ description: 'In Finnish' }),
                sv: Type.String({ description: 'In Swedish' }),
                en: Type.String({ description: 'In English' }),
              },
              { description: 'The organisation’s name in Finnish, Swedish and English' },
            ),
            Type.Null(),
          ],
          { description: 'The organisation’s name; null if the record is gone' },
        ),
      },
      { description: 'Their organisation' },
    ),
  },
  { description: 'A current member of the case team, with what the case’s parties see of each other' },
);

const DeadlineDto = Type.Object(
  {
    id: Uuid('Deadline id'),
    kind: Type.String({ description: 'plan.due, plan.review_requested, case.erasure, …' }),
    dueOn: LocalDate('Due by the end of this day'),
    status: Type.Enum(['pending', 'met', 'met_late', 'cancelled'], { description: 'Deadline status' }),
    rule: Type.String({ description: 'The rule that computed the date' }),
    statute: Type.String({ description: 'Where the rule comes from, e.g. 381/2023 §4(2); 150/1930 §3, §5' }),
    metOn: NullableDate('When it was met'),
    version: Type.Integer({ description: 'Rises each time the deadline moves or closes' }),
  },
  { description: 'A statutory or agreed deadline of the case' },
);

const CaseTransitionDto = Type.Object(
  {
    fromStatus: Type.Union([CaseStatusSchema, Type.Null()], {
      description: 'Status before; null at the start',
    }),
    toStatus: CaseStatusSchema,
    at: Instant('When'),
    actorOrganisation: OrganisationCode('By which organisation'),
    actorSub: Type.String({ description: 'By whom (token subject)' }),
    reasonCode: NullableString('Why, as a code'),
  },
  { description: 'A state change of the case' },
);

export const EndingDto = Type.Object(
  {
    id: Uuid('Proposal id'),
    status: Type.Enum(['open', 'completed', 'objected'], {
      description: 'open until every required party confirms (completed) or one objects (objected)',
    }),
    ground: EndingGroundSchema,
    outcome: EndingOutcomeSchema,
    reasonCode: Type.String({ description: 'Deprecated (v1): the outcome', deprecated: true }),
    requiredOrganisationCodes: Type.Array(OrganisationCode('An organisation'), {
      description:
        'Who must confirm: the employment authority, the HVA organiser and Kela (Helsinki once for two roles)',
    }),
    confirmedOrganisationCodes: Type.Array(OrganisationCode('An organisation'), {
      description: 'Who has confirmed so far',
    }),
    proposedAt: Instant('When it was proposed'),
    proposedByOrganisation: OrganisationCode('Who proposed'),
    closedAt: NullableInstant('When it completed or was objected to'),
    objectedByOrganisation: NullableString('Who objected'),
  },
  { description: 'A proposal to end the client relationship (381/2023 §8)' },
);

const DutyExplainedDto = Type.Object(
  {
    explainedOn: LocalDate('When the duties were explained'),
    explainedByOrganisation: OrganisationCode('By which organisation'),
    explainedBySub: Type.String({ description: 'By whom (token subject)' }),
    recordedAt: Instant('When it was recorded'),
  },
  { description: 'The client’s duties were explained (381/2023 §7(3))' },
);

const ReviewRefusalReasonSchema = Type.Enum([...REVIEW_REQUEST_REFUSAL_REASONS], {
  description:
    'clearly_unnecessary, recently_reviewed or review_already_scheduled: each a form of "clearly unnecessary" (381/2023 §6(1))',
});

export const ReviewRequestDto = Type.Object(
  {
    id: Uuid('Review request id'),
    requestedOn: LocalDate('When the client asked'),
    channel: Type.Enum(['in_person', 'phone', 'written', 'electronic'], {
      description: 'How the client asked',
    }),
    dueOn: LocalDate('The review is due by this day (plan.review_requested deadline)'),
    recordedByOrganisation: OrganisationCode('Who recorded it'),
    recordedAt: Instant('When it was recorded'),
    status: Type.Enum(['open', 'refused', 'closed'], {
      description: 'open until a review meets it (closed) or the employment authority refuses it (§6(1))',
    }),
    refusal: Type.Union(
      [
        Type.Object(
          {
            refusedOn: LocalDate('When it was refused'),
            reasonCode: ReviewRefusalReasonSchema,
            reason: Type.Union([Type.String(), Type.Null()], {
              description: 'The written reason the client is told; null once erased (381/2023 §12(2))',
            }),
            refusedByOrganisation: OrganisationCode('The employment authority that refused it'),
            refusedAt: Instant('When the refusal was recorded'),
          },
          { description: 'The refusal (381/2023 §6(1))' },
        ),
        Type.Null(),
      ],
      { description: 'The refusal; null unless refused' },
    ),
  },
  { description: 'The client asked for a review of the plan (381/2023 §6)' },
);

export const ReviewRequestRefusalBody = Type.Object(
  {
    reasonCode: ReviewRefusalReasonSchema,
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'Why the review is clearly unnecessary, as the client is told (in the letter)',
    }),
  },
  {
    additionalProperties: false,
    description: 'A refusal of the client’s review request: only with a reason (381/2023 §6(1))',
  },
);

export const ReviewRequestParams = Type.Object(
  { id: Uuid('Case id'), requestId: Uuid('Review request id') },
  { description: 'Path parameters' },
);

export const CaseDto = Type.Object(
  {
    id: Uuid('Case id'),
    status: CaseStatusSchema,
    clientId: Type.Optional(Uuid('The client (omitted for partners)')),
    referralId: Type.Optional(Uuid('The referral that started it (omitted for partners)')),
    cooperationAreaId: Type.Optional(Uuid('Cooperation area (omitted for partners)')),
    employmentAuthorityCode: Type.Optional(OrganisationCode('The client’s employment authority')),
    wellbeingCountyOrganiserCode: Type.Optional(OrganisationCode('The client’s HVA organiser')),
    partyOrganisationCodes: Type.Optional(
      Type.Array(OrganisationCode('A party'), { description: 'Parties of the area when the case started' }),
    ),
    assessmentStartedOn: Type.Optional(
      LocalDate('The joint need assessment and the client relationship started'),
    ),
    planDueOn: Type.Optional(LocalDate('The joint plan is due (3 months, 381/2023 §4(2))')),
    activatedOn: Type.Optional(NullableDate('A joint plan was agreed')),
    endedOn: Type.Optional(NullableDate('The relationship ended')),
    endGround: Type.Optional(
      Type.Union([EndingGroundSchema, Type.Null()], {
        description:
          'The §8 ground it ended on (null while open; null on cases ended before it was recorded)',
      }),
    ),
    endOutcome: Type.Optional(
      Type.Union([EndingOutcomeSchema, Type.Null()], { description: 'What the client went on to' }),
    ),
    endReasonCode: Type.Optional(
      Type.Union([Type.String(), Type.Null()], {
        description: 'Deprecated (v1): the outcome',
        deprecated: true,
      }),
    ),
    erasureDueOn: Type.Optional(
      NullableDate('Personal data is erased after this day (4 years, 381/2023 §12(2))'),
    ),
    team: Type.Optional(Type.Array(TeamMemberDto, { description: 'The current team' })),
    deadlines: Type.Optional(
      Type.Array(DeadlineDto, { description: 'Every deadline of the case, by due date' }),
    ),
    transitions: Type.Optional(
      Type.Array(CaseTransitionDto, { description: 'Every state change, oldest first' }),
    ),
    ending: Type.Optional(
      Type.Union([EndingDto, Type.Null()], { description: 'The latest ending proposal, if any' }),
    ),
    dutiesExplained: Type.Optional(
      Type.Array(DutyExplainedDto, { description: 'When the duties were explained' }),
    ),
    reviewRequests: Type.Optional(
      Type.Array(ReviewRequestDto, { description: 'Review requests of the client' }),
    ),
    transfers: Type.Optional(
      Type.Array(CaseTransferDto, {
        description: 'Moves to the parties of a new home municipality (380/2023 §17), oldest first',
      }),
    ),
    ...TeamCompletenessFields,
  },
  { description: 'A client relationship (asiakkuus); partners get id and status only' },
);

export const TimelineDto = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          at: Instant('When'),
          source: Type.Enum(['event', 'referral_transition', 'case_transition'], {
            description: 'From the event log or a state transition',
          }),
          type: Type.String({ description: 'Event type or the status reached, e.g. case.ended' }),
          actorOrganisation: NullableString('By which organisation'),
          caseSequence: Type.Union([Type.Integer(), Type.Null()], {
            description: 'Per-case event sequence number (events only)',
          }),
          details: Type.Record(Type.String(), Type.Unknown(), {
            description: 'Ids, codes and dates of what happened (never personal data)',
          }),
        },
        { description: 'Something that happened' },
      ),
      { description: 'Oldest first' },
    ),
  },
  { description: 'The history of the case and its referral' },
);

export const TeamAddBody = Type.Object(
  {
    staffId: Type.String({ format: 'uuid', description: 'The staff member (directory id) to add' }),
    role: TeamRoleSchema,
  },
  { additionalProperties: false, description: 'A new team member' },
);

export const TeamRemoveQuery = Type.Object(
  { staffId: Type.String({ format: 'uuid', description: 'The staff member (directory id) to remove' }) },
  { additionalProperties: false, description: 'Who leaves the team' },
);

export const TeamDto = Type.Object(
  { items: Type.Array(TeamMemberDto, { description: 'The current team' }) },
  { description: 'The case team' },
);

export const DutiesExplainedBody = Type.Object(
  { explainedOn: Type.Optional(LocalDate('When the duties were explained; today unless given')) },
  { additionalProperties: false, description: 'The client’s duties were explained (381/2023 §7(3))' },
);

export const DutiesExplainedDto = Type.Object(
  { items: Type.Array(DutyExplainedDto, { description: 'Every record, oldest first' }) },
  { description: 'When the client’s duties were explained' },
);

/**
 * The channel of a review request when none is given: the client asked the caseworker who
 * records it, face to face — the usual way a request reaches the record (issue 15).
 */
export const DEFAULT_REVIEW_REQUEST_CHANNEL = 'in_person' as const;

export const ReviewRequestBody = Type.Object(
  {
    requestedOn: Type.Optional(LocalDate('When the client asked; today unless given')),
    channel: Type.Optional(
      Type.Enum(['in_person', 'phone', 'written', 'electronic'], {
        description: `How the client asked; default \`${DEFAULT_REVIEW_REQUEST_CHANNEL}\` (to the caseworker recording it)`,
      }),
    ),
  },
  { additionalProperties: false, description: 'The client asked for a review of the plan (381/2023 §6)' },
);

export const ProposeEndingBody = Type.Object(
  {
    ground: Type.Optional(EndingGroundSchema),
    outcome: Type.Optional(EndingOutcomeSchema),
    reasonCode: Type.Optional(LegacyEndingReasonSchema),
  },
  {
    additionalProperties: false,
    description:
      'A proposal to end the client relationship on the §8 ground (the default) with its outcome; `outcome` or, ' +
      'for one version, the v1 `reasonCode` — not both',
  },
);

export const EmptyBody = Type.Object({}, { additionalProperties: false, description: 'No fields' });

export const ObjectionBody = Type.Object(
  {
    reasonText: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'Why coordination is still needed' }),
    ),
  },
  { additionalProperties: false, description: 'An objection to the proposed ending' },
);

export const ConfirmationDto = Type.Object(
  {
    ending: EndingDto,
    caseStatus: CaseStatusSchema,
    endedOn: NullableDate('The relationship ended (when this confirmation was the last one)'),
    erasureDueOn: NullableDate('Erasure deadline, once ended'),
  },
  { description: 'The proposal after your confirmation' },
);

export function toTeamDto(rows: TeamMemberView[]) {
  return {
    items: rows.map((m) => ({
      staffId: m.staffId,
      organisationCode: m.organisationCode,
      role: m.role,
      addedAt: m.addedAt.toISOString(),
      displayName: m.card?.displayName ?? null,
      staffRoles: m.card?.roles ?? [],
      organisation: { code: m.organisationCode, name: m.card?.organisation.name ?? null },
    })),
  };
}

export function toEndingDto(v: EndingView): Static<typeof EndingDto> {
  const p = v.proposal;
  return {
    id: p.id,
    status: p.status,
    ground: p.ground,
    outcome: p.reasonCode,
    reasonCode: p.reasonCode,
    requiredOrganisationCodes: p.requiredOrganisationCodes,
    confirmedOrganisationCodes: v.confirmations.map((c) => c.organisationCode),
    proposedAt: p.proposedAt.toISOString(),
    proposedByOrganisation: p.proposedByOrganisation,
    closedAt: p.closedAt?.toISOString() ?? null,
    objectedByOrganisation: p.objectedByOrganisation,
  };
}

export function toDutiesDto(rows: DutyExplanationRow[]) {
  return {
    items: rows.map((d) => ({
      explainedOn: d.explainedOn,
      explainedByOrganisation: d.explainedByOrganisation,
      explainedBySub: d.explainedBySub,
      recordedAt: d.recordedAt.toISOString(),
    })),
  };
}

export function toReviewRequestDto(r: ReviewRequestView): Static<typeof ReviewRequestDto> {
  return {
    id: r.id,
    requestedOn: r.requestedOn,
    channel: r.channel,
    dueOn: r.dueOn,
    recordedByOrganisation: r.recordedByOrganisation,
    recordedAt: r.recordedAt.toISOString(),
    status: r.status,
    refusal:
      r.refusedOn && r.refusalReasonCode && r.refusedByOrganisation && r.refusedAt
        ? {
            refusedOn: r.refusedOn,
            reasonCode: r.refusalReasonCode,
            reason: r.refusalReason,
            refusedByOrganisation: r.refusedByOrganisation,
            refusedAt: r.refusedAt.toISOString(),
          }
        : null,
  };
}

export function toCaseloadItemDto(item: CaseloadItem): Static<typeof CaseloadItemDto> {
  const r = item.row;
  if (item.access === 'ids') return { id: r.id, status: r.status };
  return {
    id: r.id,
    status: r.status,
    cooperationAreaId: r.cooperationAreaId,
    client: {
      id: r.clientId,
      firstNames: r.firstNames,
      lastName: r.lastName,
      homeMunicipalityCode: r.homeMunicipalityCode,
    },
    assessmentStartedOn: r.assessmentStartedOn,
    planDueOn: r.planDueOn,
    endedOn: r.endedOn,
    nextDeadline:
      r.nextDeadlineKind && r.nextDeadlineDueOn
        ? { kind: r.nextDeadlineKind, dueOn: r.nextDeadlineDueOn }
        : null,
    myRole: r.myRole,
    ...teamCompletenessDto(item.teamCompleteness),
  };
}

export function toCaseDto(v: CaseView): Static<typeof CaseDto> {
  const k = v.kase;
  if (v.access === 'ids') return { id: k.id, status: k.status };
  return {
    id: k.id,
    status: k.status,
    clientId: k.clientId,
    referralId: k.referralId,
    cooperationAreaId: k.cooperationAreaId,
    employmentAuthorityCode: k.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: k.wellbeingCountyOrganiserCode,
    partyOrganisationCodes: k.partyOrganisationCodes,
    assessmentStartedOn: k.assessmentStartedOn,
    planDueOn: k.planDueOn,
    activatedOn: k.activatedOn,
    endedOn: k.endedOn,
    endGround: k.endGround,
    endOutcome: k.endReasonCode,
    endReasonCode: k.endReasonCode,
    erasureDueOn: k.erasureDueOn,
    team: toTeamDto(v.team).items,
    deadlines: v.deadlines.map((d) => ({
      id: d.id,
      kind: d.kind,
      dueOn: d.dueOn,
      status: d.status,
      rule: d.rule,
      statute: d.statute,
      metOn: d.metOn,
      version: d.version,
    })),
    transitions: v.transitions.map((t) => ({
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      at: t.at.toISOString(),
      actorOrganisation: t.actorOrganisation,
      actorSub: t.actorSub,
      reasonCode: t.reasonCode,
    })),
    ending: v.ending ? toEndingDto(v.ending) : null,
    dutiesExplained: toDutiesDto(v.dutiesExplained).items,
    reviewRequests: v.reviewRequests.map(toReviewRequestDto),
    transfers: v.transfers.map(toCaseTransferDto),
    ...teamCompletenessDto(v.teamCompleteness),
  };
}

export function toTimelineDto(entries: TimelineEntry[]): Static<typeof TimelineDto> {
  return {
    items: entries.map((e) => ({
      at: e.at.toISOString(),
      source: e.source,
      type: e.type,
      actorOrganisation: e.actorOrganisation,
      caseSequence: e.caseSequence,
      details: e.details,
    })),
  };
}
