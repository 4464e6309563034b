import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '@tym/platform';
import { loadCaller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { AccessPurposeHeaders, IfMatchHeaders } from '../schemas.js';
import { missingPlanContents } from './plan-rules.js';
import {
  ActionParams,
  ActionResultDto,
  ActionStatusBody,
  ApprovalBody,
  ClientParticipationBody,
  ClientParticipationDto,
  ClientParticipationListDto,
  DiffDto,
  DiffQuery,
  DraftBody,
  PlanDto,
  PlanParams,
  ReviewBody,
  ReviewResultDto,
  SubmitBody,
  toActionResultDto,
  toClientParticipationDto,
  toPlanDto,
  toReviewDto,
  toVersionDto,
  toVersionSummaryDto,
  VersionDto,
  VersionListDto,
  VersionParams,
} from './plans.schemas.js';
import {
  approveDraft,
  diffVersions,
  draftETag,
  getPlan,
  getVersion,
  listClientParticipation,
  listVersions,
  type PlanView,
  putDraft,
  recordClientParticipation,
  recordReview,
  submitDraft,
  updateActionStatus,
} from './plans.service.js';

const tags = ['plan'];
const dto = (v: PlanView) => toPlanDto(v, missingPlanContents);
const etagOf = (v: PlanView) => draftETag(v.plan?.draftRevision ?? 0);

export function plansRoutes(deps: PlanningDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cases/:caseId/plan',
      {
        schema: {
          tags,
          summary: 'The joint plan: the agreed version in force and the draft',
          description:
            'The ETag header is the draft’s revision: send it as If-Match to PUT the draft or submit it.',
          params: PlanParams,
          headers: AccessPurposeHeaders,
          response: { 200: PlanDto, ...problemResponses(404) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: read');
        const v = await getPlan(deps, caller, request.params.caseId);
        reply.header('etag', etagOf(v));
        return dto(v);
      },
    );

    app.put(
      '/v1/cases/:caseId/plan/draft',
      {
        schema: {
          tags,
          summary: 'Write the plan draft (If-Match required)',
          description:
            '412 when the draft changed since you read it, 428 without If-Match. An edit after submission withdraws ' +
            'the approvals given and returns the draft to editing.',
          params: PlanParams,
          headers: IfMatchHeaders,
          body: DraftBody,
          response: { 200: PlanDto, ...problemResponses(404, 409, 412, 422, 428) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: draft');
        const v = await putDraft(
          deps,
          caller,
          request.params.caseId,
          request.body,
          request.headers['if-match'],
        );
        reply.header('etag', etagOf(v));
        return dto(v);
      },
    );

    app.post(
      '/v1/cases/:caseId/plan/draft/submit',
      {
        schema: {
          tags,
          summary: 'Submit the draft for approval (If-Match required)',
          description:
            'The draft must be complete (381/2023 §5, §7): 422 PLAN_INCOMPLETE lists what is missing. Emits plan.submitted.',
          params: PlanParams,
          headers: IfMatchHeaders,
          body: SubmitBody,
          response: { 200: PlanDto, ...problemResponses(404, 409, 412, 422, 428) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: submit');
        const v = await submitDraft(deps, caller, request.params.caseId, request.headers['if-match']);
        reply.header('etag', etagOf(v));
        return dto(v);
      },
    );

    app.post(
      '/v1/cases/:caseId/plan/approvals',
      {
        schema: {
          tags,
          summary: 'Approve the submitted draft: the client (with the method) or your organisation',
          description:
            'Required: the client, the employment authority and the HVA; Kela only when Kela rehabilitation is ' +
            'needed (381/2023 §4(2)). The last approval makes the draft version N, the case active, and sets the ' +
            'review deadline 3 months later. Emits plan.agreed then.',
          params: PlanParams,
          headers: AccessPurposeHeaders,
          body: ApprovalBody,
          response: { 201: PlanDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: approval');
        const v = await approveDraft(deps, caller, request.params.caseId, request.body);
        reply.header('etag', etagOf(v));
        return reply.code(201).send(dto(v));
      },
    );

    app.post(
      '/v1/cases/:caseId/plan/reviews',
      {
        schema: {
          tags,
          summary: 'Record a review of the agreed plan (381/2023 §6)',
          description:
            'unchanged: the review clock restarts from the review day; revised: a new draft from the current ' +
            'version. Emits plan.reviewed.',
          params: PlanParams,
          headers: AccessPurposeHeaders,
          body: ReviewBody,
          response: { 201: ReviewResultDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: review');
        const { review, plan } = await recordReview(deps, caller, request.params.caseId, request.body);
        reply.header('etag', etagOf(plan));
        return reply.code(201).send({ ...toReviewDto(review), plan: dto(plan) });
      },
    );

    app.post(
      '/v1/cases/:caseId/plan/client-participation',
      {
        schema: {
          tags,
          summary:
            'Record that the client did not take part in drawing up or reviewing the plan, or refused a measure (381/2023 §7(2))',
          description:
            'With the day and what was explained; for the employment authority’s labour-policy statement. ' +
            'Append-only. Emits plan.client_participation_recorded (ids, kind and day only).',
          params: PlanParams,
          headers: AccessPurposeHeaders,
          body: ClientParticipationBody,
          response: { 201: ClientParticipationDto, ...problemResponses(404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: client participation');
        const row = await recordClientParticipation(deps, caller, request.params.caseId, request.body);
        return reply.code(201).send(toClientParticipationDto(row));
      },
    );

    app.get(
      '/v1/cases/:caseId/plan/client-participation',
      {
        schema: {
          tags,
          summary: 'The records of the client’s participation (381/2023 §7(2))',
          description: 'For the employment authority’s labour-policy statement; staff with full case access.',
          params: PlanParams,
          headers: AccessPurposeHeaders,
          response: { 200: ClientParticipationListDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: client participation');
        const rows = await listClientParticipation(deps, caller, request.params.caseId);
        return { items: rows.map(toClientParticipationDto) };
      },
    );

    app.get(
      '/v1/cases/:caseId/plan/versions',
      {
        schema: {
          tags,
          summary: 'The agreed versions of the plan',
          params: PlanParams,
          headers: AccessPurposeHeaders,
          response: { 200: VersionListDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: versions');
        const v = await listVersions(deps, caller, request.params.caseId);
        return { items: v.versions.map(toVersionSummaryDto) };
      },
    );

    app.get(
      '/v1/cases/:caseId/plan/versions/:n',
      {
        schema: {
          tags,
          summary: 'One agreed version',
          params: VersionParams,
          headers: AccessPurposeHeaders,
          response: { 200: VersionDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: version');
        const v = await getVersion(deps, caller, request.params.caseId, request.params.n);
        return toVersionDto(v.version, v.live, v.isCurrent);
      },
    );

    app.get(
      '/v1/cases/:caseId/plan/diff',
      {
        schema: {
          tags,
          summary: 'What changed between two versions, per organisation',
          params: PlanParams,
          querystring: DiffQuery,
          headers: AccessPurposeHeaders,
          response: { 200: DiffDto, ...problemResponses(404, 409) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: diff');
        return diffVersions(deps, caller, request.params.caseId, request.query.from, request.query.to);
      },
    );

    app.put(
      '/v1/cases/:caseId/plan/actions/:actionId/status',
      {
        schema: {
          tags,
          summary: 'Update the status of an agreed action (its owner organisation only)',
          description: 'done meets the action’s deadline; cancelled cancels it. Emits plan.action_updated.',
          params: ActionParams,
          headers: AccessPurposeHeaders,
          body: ActionStatusBody,
          response: { 200: ActionResultDto, ...problemResponses(403, 404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: action status');
        const row = await updateActionStatus(
          deps,
          caller,
          request.params.caseId,
          request.params.actionId,
          request.body.status,
        );
        return toActionResultDto(row);
      },
    );
  };
}
