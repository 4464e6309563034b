import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, problemResponses } from '@tym/platform';
import { Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { assertCanLoadReferenceData } from '../policy.js';
import { loadEmploymentAreaPeriod } from './employment-areas-load.js';

const Code = Type.String({ description: 'Municipality code' });
const AreaId = Type.String({ description: 'Employment area id' });

export const MembershipChangeSummaryDto = Type.Object(
  {
    validFrom: Type.String({ format: 'date', description: 'The first day of the loaded period' }),
    moved: Type.Array(Type.Object({ municipalityCode: Code, from: AreaId, to: AreaId }), {
      description: 'Municipalities in another area from validFrom',
    }),
    added: Type.Array(Type.Object({ municipalityCode: Code, to: AreaId }), {
      description: 'Municipalities that had no area and have one from validFrom',
    }),
    ended: Type.Array(
      Type.Object({
        municipalityCode: Code,
        from: AreaId,
        successorCode: Type.Union([Code, Type.Null()], { description: 'The municipality it merged into' }),
      }),
      {
        description: 'Municipalities that ceased (merged) by validFrom: their membership ends the day before',
      },
    ),
    ceasedIgnored: Type.Array(Code, { description: 'Listed in the file but ceased by validFrom; left out' }),
    unchanged: Type.Integer({ description: 'Municipalities whose area stays the same' }),
  },
  { description: 'What the load changed; a repeated load answers the same file with nothing moved' },
);

/** Loading reference data that changes over time (issue 11, item 3). */
export function referenceDataRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // This plugin alone reads CSV bodies; everywhere else non-JSON stays a 415.
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 1_048_576 }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      '/v1/reference-data/employment-areas',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['reference-data'],
          consumes: ['text/csv'],
          summary: "Load a new period of employment-area membership (e.g. next year's classification)",
          description:
            'Body: `text/csv` in the shared `employment_areas.csv` format (columns `id` and `member_codes` are ' +
            'read). Every mainland municipality that exists on `validFrom` must be in exactly one known area; ' +
            'municipalities that ceased by then end. Idempotent; answers what changed. Admins of Kela only.',
          querystring: Type.Object(
            {
              validFrom: Type.String({
                format: 'date',
                description: 'First day of the new period (YYYY-MM-DD)',
              }),
            },
            { additionalProperties: false },
          ),
          body: Type.String({ minLength: 1, description: 'The CSV file' }),
          response: { 200: MembershipChangeSummaryDto, ...problemResponses(403, 409, 422) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        assertCanLoadReferenceData(principal);
        return loadEmploymentAreaPeriod(deps.db, {
          csv: request.body,
          validFrom: request.query.validFrom,
          now: deps.clock.now(),
          actor: { organisation: principal.org, sub: principal.sub },
        });
      },
    );
  };
}
