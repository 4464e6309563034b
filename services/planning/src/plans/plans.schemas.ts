import {
  CLIENT_APPROVAL_METHODS,
  CLIENT_PARTICIPATION_KINDS,
  PLAN_ACTION_STATUSES,
  PLAN_ACTION_TYPES,
  type PlanContents,
  REVIEW_OUTCOMES,
} from '@tym/db';
import { Instant, LocalDate, OrganisationCode, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import { NullableDate, NullableString } from '../schemas.js';
import type {
  ClientParticipationRow,
  PlanActionRow,
  PlanReviewRow,
  PlanVersionRow,
} from './plans.repository.js';
import type { PlanView } from './plans.service.js';

const ActionTypeSchema = Type.Enum([...PLAN_ACTION_TYPES], {
  description: 'Service area: employment, social, health, rehabilitation, education, other (381/2023 §5)',
});
export const ActionStatusSchema = Type.Enum([...PLAN_ACTION_STATUSES], {
  description: 'Status of the action',
});
const Text = (description: string, max = 5000) => Type.String({ maxLength: max, description });

const MappingSchema = Type.Object(
  {
    serviceNeed: Text('Assessed multidisciplinary service need'),
    situationSummary: Text('Summary of the client’s situation'),
  },
  { additionalProperties: false, description: 'Mapping (VNA 385/2024 §1)' },
);
const WorkSearchSchema = Type.Object(
  {
    obligation: Type.Enum(['applies', 'exempted'], { description: 'Work search obligation (380/2023 §48)' }),
    exemptionReason: Type.Optional(
      Type.Union([Text('Why exempted', 2000), Type.Null()], { description: 'Reason of an exemption' }),
    ),
  },
  { additionalProperties: false, description: 'Work search obligation or its exemption with the reason' },
);
const ClientReportSchema = Type.Object(
  {
    dueOn: LocalDate('The client reports by'),
    manner: Text('How the client reports', 2000),
  },
  {
    additionalProperties: false,
    description: 'Deadline and manner of the client’s own report (381/2023 §7(1))',
  },
);
const RehabWorkSchema = Type.Object(
  {
    agreed: Type.Boolean({
      description: 'Rehabilitative work activity is agreed (the plan replaces the activation plan)',
    }),
    benefitsExplainedOn: Type.Optional(NullableDate('The client was told of the benefits (189/2001 §9)')),
  },
  { additionalProperties: false, description: 'Rehabilitative work activity' },
);

export const DraftBody = Type.Object(
  {
    mapping: Type.Optional(MappingSchema),
    goals: Type.Optional(Type.Array(Text('A goal', 2000), { maxItems: 30, description: 'Goals' })),
    actions: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Uuid('Id of an existing action; omit for a new one')),
          ownerOrganisationCode: OrganisationCode('The one organisation that owns the action'),
          type: ActionTypeSchema,
          description: Type.String({ minLength: 1, maxLength: 2000, description: 'What is done' }),
          responsiblePerson: Type.Optional(
            Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'Responsible person' }),
          ),
          dueOn: Type.Optional(NullableDate('Due date (a deadline row once agreed)')),
        },
        { additionalProperties: false, description: 'An agreed action or service' },
      ),
      { maxItems: 100, description: 'Actions and services, each owned by exactly one organisation' },
    ),
    followUp: Type.Optional(Text('How implementation is followed up (381/2023 §5)')),
    workSearch: Type.Optional(WorkSearchSchema),
    clientReport: Type.Optional(ClientReportSchema),
    rehabilitativeWorkActivity: Type.Optional(RehabWorkSchema),
    kelaRehabilitationNeeded: Type.Optional(
      Type.Boolean({
        description: 'The client needs Kela rehabilitation: Kela takes part and approves (§4(2))',
      }),
    ),
  },
  { additionalProperties: false, description: 'The plan draft (sections may be missing until submission)' },
);

export const SubmitBody = Type.Object({}, { additionalProperties: false, description: 'No fields' });

export const ApprovalBody = Type.Object(
  {
    draftRevision: Type.Integer({ minimum: 0, description: 'The draft revision approved (from the ETag)' }),
    approver: Type.Enum(['client', 'organisation'], {
      description: 'client (recorded by a caseworker) or organisation (your own)',
    }),
    method: Type.Optional(
      Type.Enum([...CLIENT_APPROVAL_METHODS], { description: 'How the client approved' }),
    ),
  },
  { additionalProperties: false, description: 'An approval of the submitted draft' },
);

export const ReviewBody = Type.Object(
  {
    outcome: Type.Enum([...REVIEW_OUTCOMES], { description: 'unchanged, or revised (a new draft)' }),
    reviewedOn: Type.Optional(LocalDate('Review day (default today)')),
    meetingId: Type.Optional(Uuid('The review meeting')),
  },
  { additionalProperties: false, description: 'A plan review (381/2023 §6)' },
);

const ClientParticipationKindSchema = Type.Enum([...CLIENT_PARTICIPATION_KINDS], {
  description:
    'did_not_take_part_in_drafting, did_not_take_part_in_review, or refused_measure (381/2023 §7(2))',
});

export const ClientParticipationBody = Type.Object(
  {
    kind: ClientParticipationKindSchema,
    occurredOn: LocalDate('The day it happened (Helsinki), between the assessment start and today'),
    actionId: Type.Optional(Uuid('The refused action of the plan (refused_measure only)')),
    explained: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'What was explained to the client (the duty, the consequences)',
    }),
  },
  {
    additionalProperties: false,
    description: 'The client did not take part in the plan, or refused a measure (381/2023 §7(2))',
  },
);

export const ClientParticipationDto = Type.Object(
  {
    id: Uuid('Record id'),
    kind: ClientParticipationKindSchema,
    occurredOn: LocalDate('The day it happened'),
    actionId: Type.Union([Uuid('The refused action'), Type.Null()], {
      description: 'The refused action; null for the other kinds',
    }),
    explained: Type.String({ description: 'What was explained to the client' }),
    planVersion: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The agreed version in force when recorded; null before the first agreement',
    }),
    recordedByOrganisation: OrganisationCode('Who recorded it'),
    recordedAt: Instant('When it was recorded'),
  },
  { description: 'A record of the client’s participation (381/2023 §7(2)); append-only' },
);

export const ClientParticipationListDto = Type.Object(
  {
    items: Type.Array(ClientParticipationDto, {
      description: 'By the day it happened, then as recorded',
    }),
  },
  { description: 'The client’s participation records of the plan' },
);

export function toClientParticipationDto(r: ClientParticipationRow): Static<typeof ClientParticipationDto> {
  return {
    id: r.id,
    kind: r.kind,
    occurredOn: r.occurredOn,
    actionId: r.actionId,
    explained: r.explained,
    planVersion: r.planVersion,
    recordedByOrganisation: r.recordedByOrganisation,
    recordedAt: r.recordedAt.toISOString(),
  };
}

export const ActionStatusBody = Type.Object(
  { status: ActionStatusSchema },
  { additionalProperties: false, description: 'New status of the action' },
);

export const PlanParams = Type.Object({ caseId: Uuid('Case id') }, { description: 'Path parameters' });
export const VersionParams = Type.Object(
  { caseId: Uuid('Case id'), n: Type.Integer({ minimum: 1, description: 'Version number' }) },
  { description: 'Path parameters' },
);
export const ActionParams = Type.Object(
  { caseId: Uuid('Case id'), actionId: Uuid('Action id') },
  { description: 'Path parameters' },
);
export const DiffQuery = Type.Object(
  {
    from: Type.Integer({ minimum: 1, description: 'Earlier version' }),
    to: Type.Integer({ minimum: 1, description: 'Later version' }),
  },
  { additionalProperties: false, description: 'Query' },
);

const ActionDto = Type.Object(
  {
    id: Uuid('Action id'),
    ownerOrganisationCode: Type.String({ description: 'Owner organisation' }),
    type: ActionTypeSchema,
    description: Type.String({ description: 'What is done' }),
    responsiblePerson: NullableString('Responsible person'),
    dueOn: NullableDate('Due date'),
    sourceDecisionId: Type.Union([Uuid('Decision'), Type.Null()], {
      description: 'Meeting decision it came from',
    }),
    status: ActionStatusSchema,
  },
  { description: 'An action' },
);

const ContentsDto = Type.Object(
  {
    mapping: Type.Union([MappingSchema, Type.Null()], { description: 'Mapping; null until written' }),
    goals: Type.Array(Type.String(), { description: 'Goals' }),
    actions: Type.Array(ActionDto, { description: 'Actions' }),
    followUp: NullableString('How implementation is followed up'),
    workSearch: Type.Union(
      [
        Type.Object(
          {
            obligation: Type.String({ description: 'applies or exempted' }),
            exemptionReason: NullableString('Reason of an exemption'),
          },
          { description: 'Work search' },
        ),
        Type.Null(),
      ],
      { description: 'Work search obligation (380/2023 §48)' },
    ),
    clientReport: Type.Union([ClientReportSchema, Type.Null()], { description: 'Client’s report (§7(1))' }),
    rehabilitativeWorkActivity: Type.Union(
      [
        Type.Object(
          {
            agreed: Type.Boolean({ description: 'Agreed' }),
            benefitsExplainedOn: NullableDate('Benefits explained (189/2001 §9)'),
          },
          { description: 'Rehabilitative work activity' },
        ),
        Type.Null(),
      ],
      { description: 'Rehabilitative work activity' },
    ),
    kelaRehabilitationNeeded: Type.Union([Type.Boolean(), Type.Null()], {
      description: 'Kela rehabilitation needed (381/2023 §4(2)); null until decided',
    }),
  },
  { description: 'Plan contents (381/2023 §5, §7)' },
);

const ApprovalDto = Type.Object(
  {
    approver: Type.String({ description: 'client or an organisation code' }),
    roles: Type.Array(Type.String(), { description: 'Party roles approved for' }),
    method: NullableString('How the client approved'),
    recordedByOrganisation: Type.String({ description: 'Who recorded it' }),
    approvedAt: Instant('When'),
  },
  { description: 'An approval' },
);

const VersionSummaryDto = Type.Object(
  {
    version: Type.Integer({ description: 'Version number' }),
    agreedOn: LocalDate('Agreed'),
    agreedAt: Instant('Agreed (instant)'),
    basis: Type.String({ description: 'initial or revision' }),
  },
  { description: 'An agreed version' },
);

export const VersionDto = Type.Object(
  {
    ...VersionSummaryDto.properties,
    current: Type.Boolean({ description: 'The version in force' }),
    contents: ContentsDto,
    approvals: Type.Array(ApprovalDto, { description: 'Who approved it and how' }),
  },
  { description: 'An agreed version' },
);

export const VersionListDto = Type.Object(
  { items: Type.Array(VersionSummaryDto, { description: 'Agreed versions, oldest first' }) },
  { description: 'Agreed versions' },
);

export const PlanDto = Type.Object(
  {
    caseId: Uuid('Case id'),
    planId: Type.Union([Uuid('Plan id'), Type.Null()], {
      description: 'Plan id; null before the first draft',
    }),
    currentVersion: Type.Union([VersionDto, Type.Null()], { description: 'The agreed version in force' }),
    draft: Type.Union(
      [
        Type.Object(
          {
            revision: Type.Integer({ description: 'Draft revision (the ETag)' }),
            status: Type.Enum(['editing', 'submitted'], {
              description: 'editing, or submitted for approval',
            }),
            contents: ContentsDto,
            requiredApprovals: Type.Array(
              Type.Object(
                {
                  approver: Type.String({ description: 'client or an organisation code' }),
                  roles: Type.Array(Type.String(), { description: 'Party roles' }),
                  approved: Type.Boolean({ description: 'Approved already' }),
                },
                { description: 'A required approval' },
              ),
              { description: 'Who must approve (381/2023 §4(2))' },
            ),
            approvals: Type.Array(ApprovalDto, { description: 'Approvals given to this revision' }),
            missing: Type.Array(
              Type.Object(
                {
                  location: Type.String({ description: 'Field' }),
                  message: Type.String({ description: 'What is missing' }),
                },
                { description: 'A missing field' },
              ),
              { description: 'What submission still needs' },
            ),
          },
          { description: 'The draft' },
        ),
        Type.Null(),
      ],
      { description: 'The draft; null when none' },
    ),
    reviewDueOn: NullableDate('Next review due (381/2023 §6)'),
    clientReportDueOn: NullableDate('Client’s report due (381/2023 §7(1))'),
    lastAgreedOn: NullableDate('Last agreed'),
    lastReviewedOn: NullableDate('Last reviewed'),
    reviews: Type.Array(
      Type.Object(
        {
          id: Uuid('Review id'),
          reviewedOn: LocalDate('Reviewed'),
          outcome: Type.String({ description: 'unchanged or revised' }),
          version: Type.Integer({ description: 'Version reviewed' }),
          nextReviewDueOn: LocalDate('Next review due'),
        },
        { description: 'A review' },
      ),
      { description: 'Reviews, oldest first' },
    ),
    participation: Type.Object(
      {
        assessment: StageParticipationDto('The joint need assessment (381/2023 §4(1))'),
        planning: StageParticipationDto('Drawing up the plan (381/2023 §4(2))'),
      },
      {
        description:
          'Who took part in the joint work, from the attendance of the held meetings of kind assessment and planning',
      },
    ),
    clientParticipation: Type.Array(ClientParticipationDto, {
      description:
        'The client did not take part in drawing up or reviewing the plan, or refused a measure (381/2023 §7(2))',
    }),
  },
  { description: 'The joint plan of a case' },
);

function StageParticipationDto(description: string) {
  return Type.Object(
    {
      meetingIds: Type.Array(Uuid('A held meeting'), { description: 'The held meetings of this stage' }),
      clientTookPart: Type.Boolean({ description: 'The client attended one of them' }),
      organisationCodes: Type.Array(Type.String(), { description: 'Organisations whose staff attended' }),
      missingParties: Type.Array(Type.Enum(['employment_authority', 'wellbeing_county', 'kela']), {
        description: 'Parties the stage needs that nobody attended for (Kela in planning only when needed)',
      }),
    },
    { description },
  );
}

export const ReviewResultDto = Type.Object(
  {
    id: Uuid('Review id'),
    reviewedOn: LocalDate('Reviewed'),
    outcome: Type.String({ description: 'unchanged or revised' }),
    version: Type.Integer({ description: 'Version reviewed' }),
    nextReviewDueOn: LocalDate('Next review due'),
    plan: PlanDto,
  },
  { description: 'The recorded review and the plan' },
);

export const ActionResultDto = Type.Object(
  {
    id: Uuid('Action id'),
    ownerOrganisationCode: Type.String({ description: 'Owner' }),
    status: ActionStatusSchema,
    dueOn: NullableDate('Due date'),
    statusUpdatedAt: Type.Union([Instant('Changed'), Type.Null()], {
      description: 'When the status changed',
    }),
  },
  { description: 'The action' },
);

const OrgDiffDto = Type.Object(
  {
    organisationCode: Type.String({ description: 'Party' }),
    changed: Type.Boolean({ description: 'Anything changed for it' }),
    actionsAdded: Type.Array(Type.String(), { description: 'Its new actions' }),
    actionsRemoved: Type.Array(Type.String(), { description: 'Its removed actions' }),
    actionsChanged: Type.Array(
      Type.Object(
        {
          actionId: Type.String({ description: 'Action' }),
          fields: Type.Array(Type.String(), { description: 'Changed fields' }),
        },
        { description: 'A changed action' },
      ),
      { description: 'Its changed actions' },
    ),
    ownershipReceived: Type.Array(Type.String(), { description: 'Actions handed to it' }),
    ownershipGivenAway: Type.Array(Type.String(), { description: 'Actions handed from it' }),
    participationChanged: Type.Boolean({
      description: 'Kela: whether Kela rehabilitation is needed changed',
    }),
  },
  { description: 'What changed for one organisation' },
);

export const DiffDto = Type.Object(
  {
    from: Type.Integer({ description: 'Earlier version' }),
    to: Type.Integer({ description: 'Later version' }),
    commonSections: Type.Array(Type.String(), { description: 'Sections that changed for every party' }),
    organisations: Type.Array(OrgDiffDto, { description: 'Per party organisation' }),
  },
  { description: 'What changed between two versions, per organisation' },
);

function contentsDto(c: PlanContents, status: (id: string) => string): Static<typeof ContentsDto> {
  return {
    mapping: c.mapping ?? null,
    goals: c.goals ?? [],
    actions: c.actions.map((a) => ({ ...a, status: status(a.id) as Static<typeof ActionStatusSchema> })),
    followUp: c.followUp ?? null,
    workSearch: c.workSearch ?? null,
    clientReport: c.clientReport ?? null,
    rehabilitativeWorkActivity: c.rehabilitativeWorkActivity ?? null,
    kelaRehabilitationNeeded: c.kelaRehabilitationNeeded ?? null,
  };
}

export function toVersionDto(
  v: PlanVersionRow,
  live: Map<string, PlanActionRow>,
  current: boolean,
): Static<typeof VersionDto> {
  return {
    version: v.version,
    agreedOn: v.agreedOn,
    agreedAt: v.agreedAt.toISOString(),
    basis: v.basis,
    current,
    contents: contentsDto(v.contents, (id) =>
      current
        ? (live.get(id)?.status ?? v.actionStatuses[id] ?? 'planned')
        : (v.actionStatuses[id] ?? 'planned'),
    ),
    approvals: v.approvals,
  };
}

export function toVersionSummaryDto(v: PlanVersionRow): Static<typeof VersionSummaryDto> {
  return { version: v.version, agreedOn: v.agreedOn, agreedAt: v.agreedAt.toISOString(), basis: v.basis };
}

export function toPlanDto(
  p: PlanView,
  missing: (c: PlanContents) => Array<{ location: string; message: string }>,
): Static<typeof PlanDto> {
  const draft = p.draft;
  const given = new Set(draft?.approvals.map((a) => a.approver) ?? []);
  return {
    caseId: p.kase.id,
    planId: p.plan?.id ?? null,
    currentVersion: p.current ? toVersionDto(p.current, p.actions, true) : null,
    draft: draft
      ? {
          revision: draft.revision,
          status: draft.status,
          contents: contentsDto(draft.contents, (id) => p.actions.get(id)?.status ?? 'planned'),
          requiredApprovals: draft.requiredApprovals.map((r) => ({ ...r, approved: given.has(r.approver) })),
          approvals: draft.approvals.map((a) => ({
            approver: a.approver,
            roles: a.roles,
            method: a.method,
            recordedByOrganisation: a.recordedByOrganisation,
            approvedAt: a.approvedAt.toISOString(),
          })),
          missing: missing(draft.contents).map((m) => ({ location: m.location, message: m.message })),
        }
      : null,
    reviewDueOn: p.reviewDueOn,
    clientReportDueOn: p.clientReportDueOn,
    lastAgreedOn: p.plan?.lastAgreedOn ?? null,
    lastReviewedOn: p.plan?.lastReviewedOn ?? null,
    reviews: p.reviews.map(toReviewDto),
    participation: p.participation,
    clientParticipation: p.clientParticipation.map(toClientParticipationDto),
  };
}

export function toReviewDto(r: PlanReviewRow) {
  return {
    id: r.id,
    reviewedOn: r.reviewedOn,
    outcome: r.outcome,
    version: r.version,
    nextReviewDueOn: r.nextReviewDueOn,
  };
}

export function toActionResultDto(a: PlanActionRow): Static<typeof ActionResultDto> {
  return {
    id: a.id,
    ownerOrganisationCode: a.ownerOrganisationCode,
    status: a.status,
    dueOn: a.dueOn,
    statusUpdatedAt: a.statusUpdatedAt?.toISOString() ?? null,
  };
}
