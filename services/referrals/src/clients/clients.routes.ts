import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '@tym/platform';
import { loadCaller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { AccessPurposeHeaders, IdParams } from '../schemas.js';
import { ClientDto, ClientSearchBody, toClientDto } from './clients.schemas.js';
import { getClient, searchClient } from './clients.service.js';

const tags = ['clients'];

export function clientsRoutes(deps: ReferralsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/clients/:id',
      {
        schema: {
          tags,
          summary: 'Read a client',
          description:
            'For staff who see a referral or case of the client. The identity code is in full only for the ' +
            'client’s case team, masked otherwise. Logged in the access log. 404 for a client you may not see.',
          headers: AccessPurposeHeaders,
          params: IdParams('Client id'),
          response: { 200: ClientDto, ...problemResponses(403, 404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM client work: read client details');
        return toClientDto(await getClient(deps, caller, request.params.id));
      },
    );

    app.post(
      '/v1/clients/search',
      {
        schema: {
          tags,
          summary: 'Find a client by identity code',
          description:
            'The identity code goes in the body, never a URL. 422 with a specific code for an invalid identity ' +
            'code; 404 when there is no such client or you may not see them. Every search is logged.',
          headers: AccessPurposeHeaders,
          body: ClientSearchBody,
          response: { 200: ClientDto, ...problemResponses(403, 404, 422) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM client work: find a client');
        return toClientDto(await searchClient(deps, caller, request.body.identityCode));
      },
    );
  };
}
