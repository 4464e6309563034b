import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CLIENT_APPROVAL_METHODS, type Database } from '@tym/db';
import { problemResponses } from '@tym/platform';
import { Type } from 'typebox';
import { type Caller, loadCaller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { IfMatchHeaders } from '../schemas.js';
import { missingPlanContents } from './plan-rules.js';
import { PlanDto, PlanParams, toPlanDto } from './plans.schemas.js';
import { approveDraft, draftETag, type PlanView, submitDraft } from './plans.service.js';

/**
 * Submit and approve in one request (issue 15). The organisation that submits the draft —
 * typically the employment authority, which drafts the plan with the HVA and the client
 * (381/2023 §4(2)) — approves it for itself at the same time, and the caseworker may record
 * the client's approval given with them (in the meeting, by signature or electronically).
 * The approval rules stay those of `POST …/plan/approvals`: an organisation approves only
 * for itself and only when the plan needs its approval (`requiredPlanApprovals`: the client,
 * the employment authority and the HVA; Kela when the client needs Kela's rehabilitation);
 * the others approve with their own request. When these were the last approvals needed, the
 * draft becomes the agreed version in the same request.
 *
 * One transaction: the existing steps run in it as savepoints, so a refused approval leaves
 * the draft unsubmitted — a rejected request changes nothing.
 */
export async function submitAndApprove(
  deps: PlanningDeps,
  caller: Caller,
  caseId: string,
  ifMatch: string | undefined,
  input: {
    approveForOrganisation: boolean;
    clientApproval?: { method: (typeof CLIENT_APPROVAL_METHODS)[number] };
  },
): Promise<PlanView> {
  return deps.db.transaction(async (tx) => {
    const inner: PlanningDeps = { ...deps, db: tx as unknown as Database };
    let view: PlanView = await submitDraft(inner, caller, caseId, ifMatch);
    const draftRevision = view.plan?.draftRevision ?? 0;
    if (input.clientApproval) {
      view = await approveDraft(inner, caller, caseId, {
        draftRevision,
        approver: 'client',
        method: input.clientApproval.method,
      });
    }
    if (input.approveForOrganisation) {
      view = await approveDraft(inner, caller, caseId, { draftRevision, approver: 'organisation' });
    }
    return view;
  });
}

export const SubmitAndApproveBody = Type.Object(
  {
    approveForOrganisation: Type.Optional(
      Type.Boolean({ description: 'Approve for your own organisation too (default true)' }),
    ),
    clientApproval: Type.Optional(
      Type.Object(
        {
          method: Type.Enum([...CLIENT_APPROVAL_METHODS], { description: 'How the client approved' }),
        },
        { additionalProperties: false, description: 'Record the client’s approval as well' },
      ),
    ),
  },
  { additionalProperties: false, description: 'What to approve along with the submission' },
);

export function planSubmissionRoutes(deps: PlanningDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/cases/:caseId/plan/draft/submit-and-approve',
      {
        schema: {
          tags: ['plan'],
          summary: 'Submit the draft and approve it for your organisation (and the client) in one request',
          description:
            'Submit (If-Match required, the draft complete: 422 PLAN_INCOMPLETE) then, in the same transaction, ' +
            'your organisation’s approval (unless `approveForOrganisation: false`) and the client’s approval ' +
            'when `clientApproval` gives its method. The rules of `POST …/plan/approvals` apply (422 ' +
            'PLAN_APPROVAL_NOT_REQUIRED when your organisation does not approve this plan); a refusal leaves the ' +
            'draft unsubmitted. When no other approval is needed the plan is agreed at once (plan.agreed).',
          params: PlanParams,
          headers: IfMatchHeaders,
          body: SubmitAndApproveBody,
          response: { 200: PlanDto, ...problemResponses(403, 404, 409, 412, 422, 428) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM joint plan: submit and approve');
        const header = request.headers['if-match'];
        const v = await submitAndApprove(
          deps,
          caller,
          request.params.caseId,
          Array.isArray(header) ? header.join(',') : header,
          {
            approveForOrganisation: request.body.approveForOrganisation ?? true,
            ...(request.body.clientApproval ? { clientApproval: request.body.clientApproval } : {}),
          },
        );
        reply.header('etag', draftETag(v.plan?.draftRevision ?? 0));
        return toPlanDto(v, missingPlanContents);
      },
    );
  };
}
