import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OrganisationCode, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { suggestAssignments } from './assignment-suggestions.service.js';

const PURPOSE_HEADER = 'x-access-purpose';

export const SuggestionsDto = Type.Object(
  {
    caseId: Uuid('The case'),
    organisationCode: OrganisationCode('The party whose staff are ranked'),
    targetCaseloadPerFte: Type.Number({ description: 'Active clients per FTE used for capacity' }),
    clientLanguage: Type.String({ description: 'The client’s preferred language (ISO 639)' }),
    items: Type.Array(
      Type.Object(
        {
          staffId: Uuid('Staff member'),
          displayName: Type.String({ description: 'Name' }),
          score: Type.Number({ description: 'Rank score; higher first' }),
          capacity: Type.Number({ description: 'FTE in the area × target caseload per FTE' }),
          caseload: Type.Integer({ description: 'Open cases of the area on the person’s teams' }),
          factors: Type.Object(
            {
              remainingCapacity: Type.Number({ description: 'Capacity − caseload (negative: over)' }),
              languageMatch: Type.Boolean({ description: 'Serves in the client’s language' }),
              arrangementsMatched: Type.Array(Type.String(), { description: 'Special arrangements met' }),
              arrangementsUnmatched: Type.Array(Type.String(), {
                description: 'Special arrangements not met',
              }),
              continuity: Type.Boolean({ description: 'Worked with the client before' }),
            },
            { description: 'What the rank is made of' },
          ),
          reasons: Type.Array(Type.String(), {
            description: 'The factors in words, in the negotiated language',
          }),
        },
        { description: 'A suggested staff member' },
      ),
      { description: 'Staff ranked best first; current team members are left out' },
    ),
  },
  { description: 'Suggestions only: nobody is assigned' },
);

export function assignmentSuggestionsRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cases/:caseId/assignment-suggestions',
      {
        schema: {
          tags: ['cases'],
          summary: 'Rank your organisation’s staff for a case (coordinator, admin); never assigns',
          description:
            'By remaining capacity, the client’s language, special arrangements against competences, and ' +
            'continuity. Reads client data, so the read is access-logged (purpose from `X-Access-Purpose`).',
          params: Type.Object({ caseId: Uuid('The case') }, { description: 'Path parameters' }),
          querystring: Type.Object(
            {
              organisation: Type.Optional(OrganisationCode('The party whose staff to rank (default yours)')),
            },
            { additionalProperties: false, description: 'Which party' },
          ),
          headers: Type.Object(
            {
              [PURPOSE_HEADER]: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 200,
                  description: 'Why the data is read (access log)',
                }),
              ),
            },
            { description: 'Headers' },
          ),
          response: { 200: SuggestionsDto, ...problemResponses(404) },
        },
      },
      async (request) => {
        const header = request.headers[PURPOSE_HEADER];
        const purpose = (Array.isArray(header) ? header[0] : header)?.trim() || 'case team staffing';
        const list = await suggestAssignments(
          deps,
          principalOf(request),
          request.params.caseId,
          request.query.organisation,
          { requestId: String(request.id), purpose, lang: request.lang },
        );
        return {
          ...list,
          items: list.items.map((s) => ({
            staffId: s.staffId,
            displayName: s.displayName,
            score: s.score,
            capacity: s.capacity,
            caseload: s.caseload,
            factors: s.factors,
            reasons: s.reasons,
          })),
        } satisfies Static<typeof SuggestionsDto>;
      },
    );
  };
}
