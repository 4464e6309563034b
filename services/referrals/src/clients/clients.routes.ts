import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '@tym/platform';
import { loadCaller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { AccessPurposeHeaders, IdParams } from '../schemas.js';
import { ClientDto, ClientLanguageBody, ClientSearchBody, toClientDto } from './clients.schemas.js';
import { getClient, searchClient, setClientLanguage } from './clients.service.js';

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

    app.put(
      '/v1/clients/:id/language',
      {
        config: { roles: ['caseworker', 'coordinator'] },
        schema: {
          tags,
          summary:
            'Record the language the client wants to be served in (kielilaki 423/2003 §10; caseworker, coordinator)',
          description:
            'Once asked: a client of a bilingual municipality whose referral gave no language is recorded `und` ' +
            'and told in Finnish and Swedish until this is set. For staff who see the client; logged. 404 for a ' +
            'client you may not see.',
          headers: AccessPurposeHeaders,
          params: IdParams('Client id'),
          body: ClientLanguageBody,
          response: { 200: ClientDto, ...problemResponses(403, 404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM client work: record the client’s language');
        return toClientDto(
          await setClientLanguage(deps, caller, request.params.id, request.body.preferredLanguage),
        );
      },
    );

    app.post(
      '/v1/clients/search',
      {
        config: { roles: ['caseworker', 'coordinator'] },
        schema: {
          tags,
          summary: 'Find a client by identity code (caseworker, coordinator)',
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
