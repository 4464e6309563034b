import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, problemResponses } from '@tym/platform';
import { loadCaller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { AccessPurposeHeaders, IdParams } from '../schemas.js';
import {
  CaseDto,
  CaseloadItemDto,
  CaseloadQuery,
  ConfirmationDto,
  DEFAULT_REVIEW_REQUEST_CHANNEL,
  DutiesExplainedBody,
  DutiesExplainedDto,
  EmptyBody,
  EndingDto,
  ObjectionBody,
  ProposeEndingBody,
  ReviewRequestBody,
  ReviewRequestDto,
  ReviewRequestParams,
  ReviewRequestRefusalBody,
  TeamAddBody,
  TeamDto,
  TeamRemoveQuery,
  TimelineDto,
  toCaseDto,
  toCaseloadItemDto,
  toDutiesDto,
  toEndingDto,
  toReviewRequestDto,
  toTeamDto,
  toTimelineDto,
} from './cases.schemas.js';
import {
  addTeamMember,
  confirmEnding,
  getCase,
  getTimeline,
  listCases,
  objectToEnding,
  proposeEnding,
  recordDutiesExplained,
  recordReviewRequest,
  removeTeamMember,
} from './cases.service.js';
import { refuseReviewRequestOf } from './review-request-refusal.service.js';

const tags = ['cases'];
const params = IdParams('Case id');

export function casesRoutes(deps: ReferralsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cases',
      {
        schema: {
          tags,
          summary: 'My caseload',
          description:
            'Cases whose team you are on; coordinators every case of their areas; partners ids and statuses of ' +
            'their organisation’s cases. Newest first; each item carries its next pending deadline. Use ' +
            '`deadlineBefore` for the urgent ones.',
          headers: AccessPurposeHeaders,
          querystring: CaseloadQuery,
          response: { 200: Page(CaseloadItemDto, 'Cases, newest first'), ...problemResponses(403) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM caseload');
        const { cooperationArea, organisation, ...rest } = request.query;
        const page = await listCases(deps, caller, {
          ...rest,
          ...(cooperationArea ? { cooperationAreaId: cooperationArea } : {}),
          ...(organisation ? { organisationCode: organisation } : {}),
        });
        return { items: page.items.map(toCaseloadItemDto), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/cases/:id',
      {
        schema: {
          tags,
          summary: 'Read a case with its team, deadlines and history',
          headers: AccessPurposeHeaders,
          params,
          response: { 200: CaseDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: read');
        return toCaseDto(await getCase(deps, caller, request.params.id));
      },
    );

    app.get(
      '/v1/cases/:id/timeline',
      {
        schema: {
          tags,
          summary: 'What happened in the case, oldest first',
          headers: AccessPurposeHeaders,
          params,
          response: { 200: TimelineDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: timeline');
        return toTimelineDto(await getTimeline(deps, caller, request.params.id));
      },
    );

    app.post(
      '/v1/cases/:id/team',
      {
        schema: {
          tags,
          summary: 'Add a member to the case team',
          description:
            'Only staff of an organisation that is a party of the case’s cooperation area can join.',
          headers: AccessPurposeHeaders,
          params,
          body: TeamAddBody,
          response: { 200: TeamDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: team');
        return toTeamDto(await addTeamMember(deps, caller, request.params.id, request.body));
      },
    );

    app.delete(
      '/v1/cases/:id/team',
      {
        schema: {
          tags,
          summary: 'Remove a member from the case team',
          headers: AccessPurposeHeaders,
          params,
          querystring: TeamRemoveQuery,
          response: { 200: TeamDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: team');
        return toTeamDto(await removeTeamMember(deps, caller, request.params.id, request.query.staffId));
      },
    );

    app.post(
      '/v1/cases/:id/duties-explained',
      {
        schema: {
          tags,
          summary: 'Record that the client’s duties were explained (381/2023 §7(3))',
          headers: AccessPurposeHeaders,
          params,
          body: DutiesExplainedBody,
          response: { 201: DutiesExplainedDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: duties explained');
        const rows = await recordDutiesExplained(deps, caller, request.params.id, request.body);
        return reply.code(201).send(toDutiesDto(rows));
      },
    );

    app.post(
      '/v1/cases/:id/review-requests',
      {
        schema: {
          tags,
          summary: 'Record that the client asked for a review of the plan (381/2023 §6)',
          description:
            'Sets or moves the plan.review_requested deadline. Only once a joint plan is agreed. `channel` ' +
            '(in_person, phone, written, electronic) defaults to in_person; `requestedOn` to today.',
          headers: AccessPurposeHeaders,
          params,
          body: ReviewRequestBody,
          response: { 201: ReviewRequestDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: review request');
        const row = await recordReviewRequest(deps, caller, request.params.id, {
          ...request.body,
          channel: request.body.channel ?? DEFAULT_REVIEW_REQUEST_CHANNEL,
        });
        return reply.code(201).send(toReviewRequestDto(row));
      },
    );

    app.post(
      '/v1/cases/:id/review-requests/:requestId/refusal',
      {
        schema: {
          tags,
          summary:
            'Refuse the client’s review request as clearly unnecessary, with the reason (381/2023 §6(1))',
          description:
            'The client’s employment authority only (it owns the review clock, §6). The request must be open. ' +
            'Cancels the plan.review_requested deadline when no other request is open. Emits ' +
            'case.review_request_refused: the client is told by e-mail (without the reason) and by letter (with it).',
          headers: AccessPurposeHeaders,
          params: ReviewRequestParams,
          body: ReviewRequestRefusalBody,
          response: { 201: ReviewRequestDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: review request refusal');
        const row = await refuseReviewRequestOf(
          deps,
          caller,
          request.params.id,
          request.params.requestId,
          request.body,
        );
        return reply.code(201).send(toReviewRequestDto(row));
      },
    );

    app.post(
      '/v1/cases/:id/ending',
      {
        schema: {
          tags,
          summary: 'Propose ending the client relationship (381/2023 §8)',
          description:
            'On the one ground of §8 (`support_no_longer_needed`: the three parties judge that the client no ' +
            'longer needs the support) with its `outcome` (employed, education, …; the v1 `reasonCode` is read ' +
            'as an outcome for one version). The employment authority, the HVA organiser and Kela then each ' +
            'confirm; any party may object. A client who moves to another area is transferred, not ended ' +
            '(`POST /v1/cases/{id}/transfer`).',
          headers: AccessPurposeHeaders,
          params,
          body: ProposeEndingBody,
          response: { 201: EndingDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: ending');
        const view = await proposeEnding(deps, caller, request.params.id, request.body);
        return reply.code(201).send(toEndingDto(view));
      },
    );

    app.post(
      '/v1/cases/:id/ending/confirmations',
      {
        schema: {
          tags,
          summary: 'Confirm the proposed ending for your organisation',
          description:
            'When the last required party confirms, the case ends: endedOn is set, pending deadlines are ' +
            'cancelled and the erasure deadline 4 years later is set (381/2023 §12(2)). A second confirmation ' +
            'by one organisation is 409 CASE_ENDING_ALREADY_CONFIRMED.',
          headers: AccessPurposeHeaders,
          params,
          body: EmptyBody,
          response: { 200: ConfirmationDto, ...problemResponses(403, 404, 409) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: ending');
        const result = await confirmEnding(deps, caller, request.params.id);
        return {
          ending: toEndingDto(result),
          caseStatus: result.kase.status,
          endedOn: result.kase.endedOn,
          erasureDueOn: result.kase.erasureDueOn,
        };
      },
    );

    app.post(
      '/v1/cases/:id/ending/objections',
      {
        schema: {
          tags,
          summary: 'Object to the proposed ending, which cancels the proposal',
          headers: AccessPurposeHeaders,
          params,
          body: ObjectionBody,
          response: { 200: EndingDto, ...problemResponses(403, 404, 409) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: ending');
        return toEndingDto(await objectToEnding(deps, caller, request.params.id, request.body));
      },
    );
  };
}
