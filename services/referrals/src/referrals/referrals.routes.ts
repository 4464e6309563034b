import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, problemResponses, withIdempotency } from '@tym/platform';
import { loadCaller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { AccessPurposeHeaders, IdempotentHeaders, IdParams } from '../schemas.js';
import {
  AcceptBody,
  AcceptedDto,
  ClientDetailsDecisionBody,
  DeclineBody,
  ReferralCreateBody,
  ReferralCreatedDto,
  ReferralDto,
  ReferralListQuery,
  ReferralSummaryDto,
  toReferralCreatedDto,
  toReferralDto,
  toReferralSummaryDto,
  WithdrawBody,
} from './referrals.schemas.js';
import {
  acceptReferral,
  decideClientDetails,
  declineReferral,
  getReferral,
  listReferrals,
  submitReferral,
  withdrawReferral,
} from './referrals.service.js';

const tags = ['referrals'];

export function referralsRoutes(deps: ReferralsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/referrals',
      {
        config: { roles: ['caseworker', 'coordinator'] },
        schema: {
          tags,
          summary:
            'Refer a client to the joint assessment of multidisciplinary service need (caseworker, coordinator)',
          description:
            'By a caseworker of any party (381/2023 §3). Routed by the client’s home municipality to its ' +
            'cooperation area; `respondBy` is the agreement’s response time (14 days by default, 150/1930). ' +
            'Send an `Idempotency-Key`: a repeat returns the first answer, the same key with another body is 422. ' +
            '409 `REFERRAL_CLIENT_HAS_OPEN_CASE` (with `existingCaseId`) when the client already has an open ' +
            'client relationship in the area; 422 with a specific code for an invalid identity code, an unknown ' +
            'municipality, Åland, an unconfigured area or empty grounds.',
          headers: IdempotentHeaders,
          body: ReferralCreateBody,
          response: { 201: ReferralCreatedDto, ...problemResponses(403, 409, 422) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM referral (381/2023 §3)');
        return withIdempotency(deps.db, request, reply, async (tx) => {
          const result = await submitReferral(deps, caller, request.body, tx);
          return { status: result.status, body: toReferralCreatedDto(result.body) };
        });
      },
    );

    app.get(
      '/v1/referrals',
      {
        schema: {
          tags,
          summary: 'The referral inbox',
          description:
            'Referrals to the cooperation areas you are allocated to, and the ones you made (coordinators: your ' +
            'organisation made), newest first. Each item read is logged.',
          headers: AccessPurposeHeaders,
          querystring: ReferralListQuery,
          response: { 200: Page(ReferralSummaryDto, 'Referrals, newest first'), ...problemResponses(403) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM referral inbox');
        const page = await listReferrals(deps, caller, request.query);
        return { items: page.items.map(toReferralSummaryDto), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/referrals/:id',
      {
        schema: {
          tags,
          summary: 'Read a referral',
          headers: AccessPurposeHeaders,
          params: IdParams('Referral id'),
          response: { 200: ReferralDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM referral: read');
        const { referral, transitions } = await getReferral(deps, caller, request.params.id);
        return toReferralDto(referral, transitions);
      },
    );

    app.post(
      '/v1/referrals/:id/accept',
      {
        schema: {
          tags,
          summary: 'Accept a referral: the joint need assessment and the client relationship start',
          description:
            'Creates the case (381/2023 §4) with `assessmentStartedOn` and `planDueOn` 3 months later; you become ' +
            'its responsible team member. A second accept is 409 `REFERRAL_NOT_SUBMITTED`.',
          headers: AccessPurposeHeaders,
          params: IdParams('Referral id'),
          body: AcceptBody,
          response: { 200: AcceptedDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM referral: accept');
        const result = await acceptReferral(deps, caller, request.params.id, request.body);
        return {
          referral: toReferralDto(result.referral, result.transitions),
          case: {
            id: result.case.id,
            status: 'assessment' as const,
            assessmentStartedOn: result.case.assessmentStartedOn,
            planDueOn: result.case.planDueOn,
          },
        };
      },
    );

    app.post(
      '/v1/referrals/:id/decline',
      {
        schema: {
          tags,
          summary: 'Decline a referral with a reason',
          headers: AccessPurposeHeaders,
          params: IdParams('Referral id'),
          body: DeclineBody,
          response: { 200: ReferralDto, ...problemResponses(403, 404, 409) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM referral: decline');
        const { referral, transitions } = await declineReferral(
          deps,
          caller,
          request.params.id,
          request.body,
        );
        return toReferralDto(referral, transitions);
      },
    );

    app.post(
      '/v1/referrals/:id/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw a referral (the referrer)',
          headers: AccessPurposeHeaders,
          params: IdParams('Referral id'),
          body: WithdrawBody,
          response: { 200: ReferralDto, ...problemResponses(403, 404, 409) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM referral: withdraw');
        const { referral, transitions } = await withdrawReferral(
          deps,
          caller,
          request.params.id,
          request.body,
        );
        return toReferralDto(referral, transitions);
      },
    );

    app.post(
      '/v1/referrals/:id/client-details',
      {
        schema: {
          tags,
          summary: 'Apply or dismiss the client details a referral brought (the client’s parties)',
          description:
            'A referral from anyone but the client’s own parties never changes the client record: when its ' +
            'details differ, they wait on the referral (`clientDetailsStatus: pending`, `submittedClient`). Staff ' +
            'of the client’s employment authority, HVA or Kela allocated to the area apply them to the record or ' +
            'dismiss them. 403 for a referrer that is not a party, 409 when nothing is pending.',
          headers: AccessPurposeHeaders,
          params: IdParams('Referral id'),
          body: ClientDetailsDecisionBody,
          response: { 200: ReferralDto, ...problemResponses(403, 404, 409) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM referral: client details');
        const { referral, transitions } = await decideClientDetails(
          deps,
          caller,
          request.params.id,
          request.body,
        );
        return toReferralDto(referral, transitions);
      },
    );
  };
}
