import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, Page, PaginationQuery, problemResponses } from '@tym/platform';
import { Type } from 'typebox';
import { loadCaller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { AccessPurposeHeaders, IdParams, NullableString } from '../schemas.js';
import type { AccessLogRow } from './access-log.repository.js';
import { readClientAccessLog } from './access-log.service.js';

export const AccessLogEntryDto = Type.Object(
  {
    id: Type.Integer({ description: 'Entry id (rises over time)' }),
    occurredAt: Instant('When the data was read or changed'),
    actorSub: Type.String({ description: 'Who: the subject of the person’s token' }),
    actorOrganisation: Type.String({ description: 'From which organisation' }),
    actorRoles: Type.Array(Type.String({ description: 'A role' }), { description: 'With which roles' }),
    action: Type.String({ description: 'What was done, e.g. client.read, referral.accept, case.team.add' }),
    resourceType: Type.String({ description: 'What kind of data: client, referral or case' }),
    resourceId: NullableString('Which record'),
    purpose: Type.String({ description: 'Why: the X-Access-Purpose given, or the route’s default purpose' }),
    requestId: Type.String({ description: 'The request it happened in' }),
  },
  { description: 'One read or change of the client’s data' },
);

export const AccessLogQuery = Type.Object(PaginationQuery, {
  additionalProperties: false,
  description: 'Paging',
});

function toDto(row: AccessLogRow) {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorSub: row.actorSub,
    actorOrganisation: row.actorOrganisation,
    actorRoles: row.actorRoles,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    purpose: row.purpose,
    requestId: row.requestId,
  };
}

export function accessLogRoutes(deps: ReferralsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/clients/:id/access-log',
      {
        schema: {
          tags: ['access-log'],
          summary: 'Who read or changed a client’s data (auditors)',
          description:
            'The answer to a data-subject request (906/2019 §17; 381/2023 §13): every read and write of the ' +
            'client’s data, newest first. For auditors of an organisation that is a party of a referral or case ' +
            'of the client; 404 otherwise. Reading it is logged too.',
          headers: AccessPurposeHeaders,
          params: IdParams('Client id'),
          querystring: AccessLogQuery,
          response: {
            200: Page(AccessLogEntryDto, 'Access-log entries, newest first'),
            ...problemResponses(404),
          },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'Data-subject request: access log');
        const page = await readClientAccessLog(deps, caller, request.params.id, request.query);
        return { items: page.items.map(toDto), nextCursor: page.nextCursor };
      },
    );
  };
}
