import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '@tym/platform';
import { loadCaller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { AccessPurposeHeaders, IdParams } from '../schemas.js';
import { TransferBody, TransferResultDto, toCaseTransferDto } from './transfers.schemas.js';
import { transferCase } from './transfers.service.js';

export function transfersRoutes(deps: ReferralsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/cases/:id/transfer',
      {
        schema: {
          tags: ['cases'],
          summary:
            'The client moved: transfer the case to the parties of the new home municipality (380/2023 §17)',
          description:
            'By staff of the client’s current employment authority or HVA who work on the case. Routes the new ' +
            'municipality on `movedOn` (today by default) and records it on the client. When the employment ' +
            'authority, the HVA organiser or the cooperation area changes, the case moves with its plan, versions ' +
            'and deadlines (their dates do not restart): the old employment authority and HVA leave the team and ' +
            'then get 404, the new parties’ coordinators see the case; Kela stays. Otherwise only the home ' +
            'municipality changes (`transferred: false`).',
          headers: AccessPurposeHeaders,
          params: IdParams('Case id'),
          body: TransferBody,
          response: { 200: TransferResultDto, ...problemResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM case: transfer');
        const result = await transferCase(deps, caller, request.params.id, request.body);
        return {
          caseId: result.caseId,
          transferred: result.transfer !== null,
          transfer: result.transfer ? toCaseTransferDto(result.transfer) : null,
        };
      },
    );
  };
}
