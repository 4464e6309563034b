import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  checkIfMatch,
  etagOf,
  IfMatchHeader,
  Instant,
  LocalDate,
  OrganisationCode,
  Page,
  principalOf,
  problemResponses,
  Uuid,
  withIdempotency,
} from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { fullPage, PartyRoleSchema } from '../schemas.js';
import type { JointCostsRow, StaffingReviewRow } from './agreements.repository.js';
import {
  type Agreement,
  approveAgreement,
  computeAgreementCostShares,
  createAgreement,
  getAgreement,
  isInForce,
  listAgreements,
  listAgreementVersions,
  listJointCosts,
  listStaffingReviews,
  recordJointCosts,
  recordStaffingReview,
  replaceAgreement,
} from './agreements.service.js';
import { costShareBasisOf } from './cost-shares.rules.js';

const METHODS = ['proportional_to_headcount', 'proportional_to_fte', 'agreed_percentages'] as const;

const Days = (description: string) => Type.Integer({ minimum: 1, maximum: 365, description });

const SettingsBody = Type.Object(
  {
    referralResponseDays: Type.Optional(Days('Days to accept or decline a referral (default 14)')),
    reviewRequestResponseDays: Type.Optional(Days('Days to act on a client’s review request (default 14)')),
    preRelationshipRetentionDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 90,
        description:
          'Days a declined or withdrawn referral keeps its client details before erasure (381/2023 §12(2); default: the deployment’s, 30)',
      }),
    ),
    reminderLeadDays: Type.Optional(
      Type.Array(Days('Days before a deadline'), {
        uniqueItems: true,
        maxItems: 10,
        description: 'When reminders go out before a deadline (default [14, 3])',
      }),
    ),
    targetCaseloadPerFte: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1000,
        multipleOf: 0.01,
        description: 'Active clients one full-time person is expected to carry (default 40)',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Settings the other services read from the agreement in force',
  },
);

const ContentFields = {
  parties: Type.Array(
    Type.Object(
      {
        organisationCode: OrganisationCode('A party of the management group’s area'),
        costSharePercent: Type.Optional(
          Type.Number({
            description:
              'Agreed share of the joint costs in per cent (only with agreed_percentages; not for Kela)',
          }),
        ),
      },
      { additionalProperties: false, description: 'A party of the agreement' },
    ),
    { minItems: 1, maxItems: 20, description: 'The employment authorities, the HVA and Kela' },
  ),
  servicesArrangement: Type.String({
    minLength: 1,
    maxLength: 20000,
    description: 'How the services are arranged (VNA 388/2024 §3(1))',
  }),
  staffingCommitments: Type.Array(
    Type.Object(
      {
        organisationCode: OrganisationCode('The party committing the staff'),
        taskTitle: Type.String({
          minLength: 1,
          maxLength: 200,
          description: 'Task title, e.g. social worker',
        }),
        headcount: Type.Integer({ minimum: 1, maximum: 10000, description: 'Number of staff' }),
        fte: Type.Number({ description: 'Full-time equivalents, > 0 and ≤ headcount, three decimals' }),
      },
      { additionalProperties: false, description: 'Staff a party assigns (VNA 388/2024 §3(2))' },
    ),
    { maxItems: 200, description: 'Staffing commitments per party and task' },
  ),
  costSharing: Type.Optional(
    Type.Object(
      {
        method: Type.Optional(
          Type.Enum(METHODS, {
            description:
              'proportional_to_headcount: in proportion to the number of staff committed (the default of ' +
              '381/2023 §10, also when omitted); as agreed otherwise: proportional_to_fte (committed FTE) or ' +
              'agreed_percentages (percentages summing to 100)',
          }),
        ),
      },
      { additionalProperties: false, description: 'How the joint costs are shared (default: by headcount)' },
    ),
  ),
  kelaContribution: Type.Union(
    [
      Type.Object(
        {
          kind: Type.Literal('amount', { description: 'A yearly sum' }),
          amountCents: Type.Integer({ description: 'Euro cents per year' }),
        },
        { additionalProperties: false, description: 'Kela pays a sum' },
      ),
      Type.Object(
        {
          kind: Type.Literal('share', { description: 'A share of the joint costs' }),
          percent: Type.Number({ description: 'Per cent of the joint costs, two decimals' }),
        },
        { additionalProperties: false, description: 'Kela pays a share' },
      ),
    ],
    { description: 'Kela’s contribution (VNA 388/2024 §3(5))' },
  ),
  validFrom: LocalDate('First day the agreement is valid'),
  validTo: Type.Optional(
    Type.Union([LocalDate('Last day'), Type.Null()], {
      description: 'Last valid day; null or absent: until further notice',
    }),
  ),
  settings: Type.Optional(SettingsBody),
};

export const AgreementCreateBody = Type.Object(
  { managementGroupId: Uuid('The management group whose parties agree'), ...ContentFields },
  { additionalProperties: false, description: 'A new cooperation agreement (version 1)' },
);
export const AgreementContentBody = Type.Object(ContentFields, {
  additionalProperties: false,
  description: 'The complete content of the next version',
});

export const AgreementDto = Type.Object(
  {
    id: Uuid('Agreement id'),
    cooperationAreaId: Uuid('The area'),
    managementGroupId: Uuid('The management group'),
    version: Type.Integer({ description: 'The version shown' }),
    currentVersion: Type.Integer({
      description: 'The latest version (its ETag is the If-Match for changes)',
    }),
    approvedVersion: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The latest version every party approved',
    }),
    inForce: Type.Boolean({
      description: 'Today within validity and every party approved the current version',
    }),
    validFrom: LocalDate('First valid day'),
    validTo: Type.Union([LocalDate('Last valid day'), Type.Null()], {
      description: 'Last valid day or null',
    }),
    parties: Type.Array(
      Type.Object(
        {
          organisationCode: OrganisationCode('Party'),
          roles: Type.Array(PartyRoleSchema, { description: 'Its roles in the area' }),
          costSharePercent: Type.Union([Type.Number(), Type.Null()], {
            description: 'Agreed share, or null',
          }),
          approval: Type.Union(
            [
              Type.Object(
                {
                  approvedOn: LocalDate('Decision date'),
                  recordedAt: Instant('When it was recorded'),
                  recordedBy: Type.String({ description: 'Who recorded it (sub)' }),
                },
                { description: 'The party’s approval of this version' },
              ),
              Type.Null(),
            ],
            { description: 'The approval of this version, or null' },
          ),
        },
        { description: 'A party and its approval' },
      ),
      { description: 'Parties' },
    ),
    servicesArrangement: Type.String({ description: 'How the services are arranged' }),
    staffingCommitments: Type.Array(
      Type.Object(
        {
          organisationCode: OrganisationCode('Party'),
          taskTitle: Type.String({ description: 'Task title' }),
          headcount: Type.Integer({ description: 'Number of staff' }),
          fte: Type.Number({ description: 'Full-time equivalents' }),
        },
        { description: 'A staffing commitment' },
      ),
      { description: 'Staffing commitments' },
    ),
    costSharing: Type.Object(
      {
        method: Type.Enum(METHODS, { description: 'The rule' }),
        costShareBasis: Type.Union([Type.Enum(['headcount', 'fte']), Type.Null()], {
          description:
            'The basis of a proportional split: headcount (the default) or FTE; null for percentages',
        }),
      },
      { description: 'How joint costs are shared (381/2023 §10)' },
    ),
    kelaContribution: Type.Object(
      {
        kind: Type.Enum(['amount', 'share'], { description: 'Sum or share' }),
        amountCents: Type.Union([Type.Integer(), Type.Null()], { description: 'Yearly sum in cents' }),
        percent: Type.Union([Type.Number(), Type.Null()], { description: 'Share in per cent' }),
      },
      { description: 'Kela’s contribution' },
    ),
    settings: Type.Object(
      {
        referralResponseDays: Type.Integer({ description: 'Days to answer a referral' }),
        reviewRequestResponseDays: Type.Integer({ description: 'Days to act on a review request' }),
        reminderLeadDays: Type.Array(Type.Integer(), { description: 'Reminder lead days' }),
        targetCaseloadPerFte: Type.Number({ description: 'Active clients per FTE' }),
        preRelationshipRetentionDays: Type.Union([Type.Integer(), Type.Null()], {
          description:
            'Days a declined or withdrawn referral keeps its client details; null: the deployment’s default',
        }),
      },
      { description: 'Settings other services read' },
    ),
    nextStaffingReviewDueOn: Type.Union([LocalDate('Due date'), Type.Null()], {
      description: 'The pending staffing-adequacy review deadline',
    }),
    versionCreatedAt: Instant('When this version was written'),
    versionCreatedBy: Type.Object(
      {
        organisationCode: OrganisationCode('Organisation'),
        sub: Type.String({ description: 'Subject' }),
      },
      { description: 'Who wrote this version' },
    ),
    createdAt: Instant('When the agreement was drafted'),
    updatedAt: Instant('When it last changed'),
  },
  { description: 'A cooperation agreement (381/2023 §9–§10, VNA 388/2024 §3), one version' },
);
export type AgreementDto = Static<typeof AgreementDto>;

export function toAgreementDto(a: Agreement): AgreementDto {
  const v = a.version;
  return {
    id: a.row.id,
    cooperationAreaId: a.row.cooperationAreaId,
    managementGroupId: a.row.managementGroupId,
    version: v.version,
    currentVersion: a.row.currentVersion,
    approvedVersion: a.row.approvedVersion,
    inForce: isInForce(a.row, a.today),
    validFrom: v.validFrom,
    validTo: v.validTo,
    parties: a.parties.map((p) => {
      const approval = a.approvals.find((x) => x.organisationCode === p.organisationCode);
      return {
        organisationCode: p.organisationCode,
        roles: p.roles as AgreementDto['parties'][number]['roles'],
        costSharePercent: p.costShareBasisPoints === null ? null : p.costShareBasisPoints / 100,
        approval: approval
          ? {
              approvedOn: approval.approvedOn,
              recordedAt: approval.recordedAt.toISOString(),
              recordedBy: approval.recordedBySub,
            }
          : null,
      };
    }),
    servicesArrangement: v.servicesArrangement,
    staffingCommitments: a.commitments.map((c) => ({
      organisationCode: c.organisationCode,
      taskTitle: c.taskTitle,
      headcount: c.headcount,
      fte: Number(c.fte),
    })),
    costSharing: { method: v.costSharingMethod, costShareBasis: costShareBasisOf(v.costSharingMethod) },
    kelaContribution: {
      kind: v.kelaContributionKind,
      amountCents: v.kelaAmountCents === null ? null : Number(v.kelaAmountCents),
      percent: v.kelaShareBasisPoints === null ? null : v.kelaShareBasisPoints / 100,
    },
    settings: {
      referralResponseDays: v.referralResponseDays,
      reviewRequestResponseDays: v.reviewRequestResponseDays,
      reminderLeadDays: v.reminderLeadDays,
      targetCaseloadPerFte: Number(v.targetCaseloadPerFte),
      preRelationshipRetentionDays: v.preRelationshipRetentionDays,
    },
    nextStaffingReviewDueOn: a.nextStaffingReviewDueOn,
    versionCreatedAt: v.createdAt.toISOString(),
    versionCreatedBy: { organisationCode: v.createdByOrganisation, sub: v.createdBySub },
    createdAt: a.row.createdAt.toISOString(),
    updatedAt: a.row.updatedAt.toISOString(),
  };
}

export const StaffingReviewDto = Type.Object(
  {
    id: Uuid('Review id'),
    agreementId: Uuid('Agreement'),
    agreementVersion: Type.Integer({ description: 'The version reviewed' }),
    reviewedOn: LocalDate('Review day'),
    adequate: Type.Boolean({ description: 'Whether staffing was found adequate' }),
    conclusion: Type.String({ description: 'The conclusion in words' }),
    nextReviewDueOn: LocalDate('Next review due (12 months later)'),
    recordedAt: Instant('When it was recorded'),
    recordedBy: Type.Object(
      { organisationCode: OrganisationCode('Organisation'), sub: Type.String({ description: 'Subject' }) },
      { description: 'Who recorded it' },
    ),
  },
  { description: 'A staffing-adequacy review (VNA 388/2024 §3(3))' },
);

function toReviewDto(r: StaffingReviewRow): Static<typeof StaffingReviewDto> {
  return {
    id: r.id,
    agreementId: r.agreementId,
    agreementVersion: r.agreementVersion,
    reviewedOn: r.reviewedOn,
    adequate: r.adequate,
    conclusion: r.conclusion,
    nextReviewDueOn: r.nextReviewDueOn,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: { organisationCode: r.recordedByOrganisation, sub: r.recordedBySub },
  };
}

const SplitFields = {
  jointCostsCents: Type.Integer({ description: 'Joint costs in cents' }),
  method: Type.Enum(METHODS, { description: 'The rule applied' }),
  kela: Type.Object(
    {
      organisationCode: OrganisationCode('Kela'),
      kind: Type.Enum(['amount', 'share'], { description: 'Sum or share' }),
      percent: Type.Union([Type.Number(), Type.Null()], { description: 'Share in per cent, or null' }),
      cents: Type.Integer({ description: 'Kela’s part in cents' }),
    },
    { description: 'Kela’s part' },
  ),
  sharedCents: Type.Integer({ description: 'What the employment authorities and the HVA share' }),
  shares: Type.Array(
    Type.Object(
      {
        organisationCode: OrganisationCode('Party'),
        roles: Type.Array(PartyRoleSchema, { description: 'Roles' }),
        fte: Type.Number({ description: 'Committed FTE' }),
        headcount: Type.Integer({ description: 'Committed number of staff' }),
        percent: Type.Union([Type.Number(), Type.Null()], { description: 'Agreed percentage, or null' }),
        cents: Type.Integer({ description: 'The party’s share in cents' }),
        roundedUp: Type.Boolean({ description: 'Got a cent left over by rounding (largest remainder)' }),
      },
      { description: 'A party’s share' },
    ),
    { description: 'Shares; with Kela’s part they add up exactly to the joint costs' },
  ),
  arithmetic: Type.Array(Type.String(), {
    description: 'The computation in words, in the negotiated language',
  }),
};

const Split = (description: string) =>
  Type.Union([Type.Object(SplitFields, { description }), Type.Null()], {
    description: `${description}, or null`,
  });

const CostSharesDto = Type.Object(
  {
    agreementId: Uuid('Agreement'),
    version: Type.Integer({ description: 'The version whose rules were applied' }),
    approved: Type.Boolean({ description: 'Every party approved that version' }),
    year: Type.Integer({ description: 'Year' }),
    ...SplitFields,
    budget: Split('The year’s recorded joint-cost budget, split by the same rule'),
    actual: Split('The year’s recorded actual joint costs, split by the same rule'),
  },
  {
    description:
      'The split of joint costs (381/2023 §10): of `jointCosts` when given, otherwise of the recorded actual ' +
      'costs, or the budget when no actual costs are recorded; the budget and the actual costs beside it',
  },
);

const JointCostsDto = Type.Object(
  {
    agreementId: Uuid('Agreement'),
    year: Type.Integer({ description: 'Year' }),
    budgetCents: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Joint-cost budget in cents, or null',
    }),
    actualCents: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Actual joint costs in cents, or null',
    }),
    recordedAt: Instant('When last recorded'),
    recordedBy: Type.Object(
      { organisationCode: OrganisationCode('Organisation'), sub: Type.String({ description: 'Subject' }) },
      { description: 'Who recorded it' },
    ),
  },
  { description: 'A year’s joint-cost budget and actual costs of an agreement (381/2023 §10)' },
);

function toJointCostsDto(r: JointCostsRow): Static<typeof JointCostsDto> {
  return {
    agreementId: r.agreementId,
    year: r.year,
    budgetCents: r.budgetCents,
    actualCents: r.actualCents,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: { organisationCode: r.recordedByOrganisation, sub: r.recordedBySub },
  };
}

const YearParams = Type.Object(
  { id: Uuid('Agreement id'), year: Type.Integer({ minimum: 2025, maximum: 2100, description: 'The year' }) },
  { description: 'Path parameters' },
);
const Cents = (description: string) =>
  Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 }), Type.Null()], { description }),
  );

const Params = Type.Object({ id: Uuid('Agreement id') }, { description: 'Path parameters' });
const IfMatch = Type.Object({ 'if-match': IfMatchHeader('the current version') }, { description: 'Headers' });
const tags = ['agreements'];

export function agreementsRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/agreements',
      {
        schema: {
          tags,
          summary: 'Cooperation agreements of the areas you may read (current versions)',
          querystring: Type.Object(
            { cooperationAreaId: Type.Optional(Uuid('Only this area’s agreements')) },
            { additionalProperties: false, description: 'Filters' },
          ),
          response: { 200: Page(AgreementDto, 'Agreements by validity'), ...problemResponses() },
        },
      },
      async (request) =>
        fullPage((await listAgreements(deps, principalOf(request), request.query)).map(toAgreementDto)),
    );

    app.post(
      '/v1/agreements',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Draft a cooperation agreement (admin of a party)',
          description:
            'Writes version 1 and `agreement.created`, and the `agreement.staffing_review` deadline 12 months after ' +
            '`validFrom`. In force once every party has approved. Accepts `Idempotency-Key`.',
          body: AgreementCreateBody,
          response: { 201: AgreementDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        withIdempotency(deps.db, request, reply, async (tx) => {
          const a = await createAgreement({ ...deps, db: tx }, principalOf(request), request.body);
          reply.header('location', `/v1/agreements/${a.row.id}`);
          reply.header('etag', etagOf(a.row.currentVersion));
          return { status: 201, body: toAgreementDto(a) };
        }),
    );

    app.get(
      '/v1/agreements/:id',
      {
        schema: {
          tags,
          summary: 'The current version of an agreement, with an ETag',
          params: Params,
          response: { 200: AgreementDto, ...problemResponses(404) },
        },
      },
      async (request, reply) => {
        const a = await getAgreement(deps, principalOf(request), request.params.id);
        reply.header('etag', etagOf(a.row.currentVersion));
        return toAgreementDto(a);
      },
    );

    app.put(
      '/v1/agreements/:id',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Write the next version of an agreement (admin of a party; If-Match)',
          description:
            'Needs `If-Match` with the current ETag (428 without, 412 when stale). Writes a new version and ' +
            '`agreement.version_created`; the agreement is out of force until every party approves it. Content ' +
            'equal to the current version writes nothing.',
          params: Params,
          headers: IfMatch,
          body: AgreementContentBody,
          response: { 200: AgreementDto, ...problemResponses(403, 404, 409, 412, 422, 428) },
        },
      },
      async (request, reply) => {
        const a = await replaceAgreement(
          deps,
          principalOf(request),
          request.params.id,
          request.body,
          (current) => checkIfMatch(request.headers['if-match'], current, 'the agreement'),
        );
        reply.header('etag', etagOf(a.row.currentVersion));
        return toAgreementDto(a);
      },
    );

    app.get(
      '/v1/agreements/:id/versions',
      {
        schema: {
          tags,
          summary: 'Every version of an agreement, newest first',
          params: Params,
          response: { 200: Page(AgreementDto, 'Versions, newest first'), ...problemResponses(404) },
        },
      },
      async (request) =>
        fullPage(
          (await listAgreementVersions(deps, principalOf(request), request.params.id)).map(toAgreementDto),
        ),
    );

    app.get(
      '/v1/agreements/:id/versions/:version',
      {
        schema: {
          tags,
          summary: 'One version of an agreement',
          params: Type.Object(
            {
              id: Uuid('Agreement id'),
              version: Type.Integer({ minimum: 1, description: 'Version number' }),
            },
            { description: 'Path parameters' },
          ),
          response: { 200: AgreementDto, ...problemResponses(404) },
        },
      },
      async (request) =>
        toAgreementDto(
          await getAgreement(deps, principalOf(request), request.params.id, request.params.version),
        ),
    );

    app.post(
      '/v1/agreements/:id/approvals',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Record your organisation’s approval of the current version (admin of a party; If-Match)',
          description:
            'Writes `agreement.party_approved`; when the last party approves, `agreement.approved` (the agreement is ' +
            'in force within its validity). Approving again changes nothing.',
          params: Params,
          headers: IfMatch,
          body: Type.Object(
            { approvedOn: LocalDate('The date of your organisation’s decision') },
            { additionalProperties: false, description: 'The approval' },
          ),
          response: { 200: AgreementDto, ...problemResponses(403, 404, 412, 428) },
        },
      },
      async (request, reply) => {
        const a = await approveAgreement(
          deps,
          principalOf(request),
          request.params.id,
          request.body,
          (current) => checkIfMatch(request.headers['if-match'], current, 'the agreement'),
        );
        reply.header('etag', etagOf(a.row.currentVersion));
        return toAgreementDto(a);
      },
    );

    app.get(
      '/v1/agreements/:id/staffing-reviews',
      {
        schema: {
          tags,
          summary: 'Staffing-adequacy reviews of an agreement, newest first',
          params: Params,
          response: { 200: Page(StaffingReviewDto, 'Reviews'), ...problemResponses(404) },
        },
      },
      async (request) =>
        fullPage((await listStaffingReviews(deps, principalOf(request), request.params.id)).map(toReviewDto)),
    );

    app.post(
      '/v1/agreements/:id/staffing-reviews',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Record a staffing-adequacy review (admin of a party)',
          description:
            'Meets the pending `agreement.staffing_review` deadline and sets the next one 12 months later ' +
            '(VNA 388/2024 §3(3)). Writes `agreement.staffing_reviewed`. Accepts `Idempotency-Key`.',
          params: Params,
          body: Type.Object(
            {
              reviewedOn: LocalDate('The day the parties reviewed staffing'),
              adequate: Type.Boolean({
                description: 'Whether staffing is adequate for the number of clients',
              }),
              conclusion: Type.String({
                minLength: 1,
                maxLength: 4000,
                description: 'The conclusion in words',
              }),
            },
            { additionalProperties: false, description: 'The review' },
          ),
          response: { 201: StaffingReviewDto, ...problemResponses(403, 404, 422) },
        },
      },
      async (request, reply) =>
        withIdempotency(deps.db, request, reply, async (tx) => {
          const review = await recordStaffingReview(
            { ...deps, db: tx },
            principalOf(request),
            request.params.id,
            request.body,
          );
          return { status: 201, body: toReviewDto(review) };
        }),
    );

    app.get(
      '/v1/agreements/:id/cost-shares',
      {
        schema: {
          tags,
          summary: 'Split a year’s joint costs between the parties, with the arithmetic',
          description:
            'Kela’s part as agreed; the rest between the employment authorities and the HVA in proportion to ' +
            'the number of staff committed (381/2023 §10, the default), or as agreed by committed FTE or by the ' +
            'agreed percentages. Integer cents, rounded by the largest remainder method so the shares add up ' +
            'exactly to the total. The year’s recorded budget and actual costs are split beside it.',
          params: Params,
          querystring: Type.Object(
            {
              year: Type.Integer({ minimum: 2025, maximum: 2100, description: 'The year' }),
              jointCosts: Type.Optional(
                Type.Integer({
                  minimum: 0,
                  maximum: 10_000_000_000_000,
                  description:
                    'The joint costs to split, in euro cents; omitted: the recorded actual costs, else the budget',
                }),
              ),
            },
            { additionalProperties: false, description: 'The year and its joint costs' },
          ),
          response: { 200: CostSharesDto, ...problemResponses(404, 422) },
        },
      },
      async (request) =>
        (await computeAgreementCostShares(
          deps,
          principalOf(request),
          request.params.id,
          request.query,
          request.lang,
        )) as Static<typeof CostSharesDto>,
    );

    app.get(
      '/v1/agreements/:id/joint-costs',
      {
        schema: {
          tags,
          summary: 'The recorded joint-cost budgets and actual costs of an agreement, by year',
          params: Params,
          response: { 200: Page(JointCostsDto, 'Years, oldest first'), ...problemResponses(404) },
        },
      },
      async (request) =>
        fullPage((await listJointCosts(deps, principalOf(request), request.params.id)).map(toJointCostsDto)),
    );

    app.put(
      '/v1/agreements/:id/joint-costs/:year',
      {
        config: { roles: ['admin'] },
        schema: {
          tags,
          summary: 'Record a year’s joint-cost budget and actual costs (admin of a party)',
          description:
            'Kept beside the split (381/2023 §10): `GET …/cost-shares` splits both by the agreement’s rule. ' +
            'A field left out keeps its value; null clears it. Needs no new approval round. Writes ' +
            '`agreement.joint_costs_recorded`.',
          params: YearParams,
          body: Type.Object(
            {
              budgetCents: Cents('The year’s joint-cost budget in euro cents'),
              actualCents: Cents('The year’s actual joint costs in euro cents'),
            },
            { additionalProperties: false, description: 'The amounts' },
          ),
          response: { 200: JointCostsDto, ...problemResponses(403, 404, 422) },
        },
      },
      async (request) =>
        toJointCostsDto(
          await recordJointCosts(
            deps,
            principalOf(request),
            request.params.id,
            request.params.year,
            request.body,
          ),
        ),
    );
  };
}
