import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, principalOf, problemResponses, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import {
  ERASURE_HOLD_REASONS,
  type ErasureHoldReason,
  type ErasureHoldRow,
  placeErasureHold,
  releaseErasureHold,
} from './erasure-holds.service.js';

export const ErasureHoldDto = Type.Object(
  {
    id: Uuid('Hold id'),
    caseId: Uuid('The case'),
    reasonCode: Type.String({ description: 'pending_matter, statutory_task, appeal or other' }),
    note: Type.Union([Type.String(), Type.Null()], {
      description: 'Staff note on the matter (no client data)',
    }),
    placedAt: Instant('When it was placed'),
    placedByOrganisation: Type.String({ description: 'Organisation of the person who placed it' }),
    releasedAt: Type.Union([Instant('When it was released'), Type.Null()], {
      description: 'Null while active',
    }),
  },
  { description: 'A hold on the erasure of a case’s client data (381/2023 §12(2))' },
);
export type ErasureHoldDto = Static<typeof ErasureHoldDto>;

export const ErasureHoldBody = Type.Object(
  {
    reasonCode: Type.Unsafe<ErasureHoldReason>(
      Type.Union(
        ERASURE_HOLD_REASONS.map((r) => Type.Literal(r)),
        { description: 'Why the data is still needed' },
      ),
    ),
    note: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'The matter, e.g. its diary number; never the client’s personal data',
      }),
    ),
  },
  { additionalProperties: false, description: 'The hold' },
);

const Params = Type.Object({ id: Uuid('Case id') }, { description: 'Path parameters' });

function toDto(row: ErasureHoldRow): ErasureHoldDto {
  return {
    id: row.id,
    caseId: row.caseId,
    reasonCode: row.reasonCode,
    note: row.reasonNote,
    placedAt: row.placedAt.toISOString(),
    placedByOrganisation: row.placedByOrganisation,
    releasedAt: row.releasedAt?.toISOString() ?? null,
  };
}

export function erasureHoldsRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/cases/:id/erasure-hold',
      {
        schema: {
          tags: ['deadlines'],
          summary: 'Puts the erasure of the case’s client data on hold (still needed for a pending matter)',
          params: Params,
          body: ErasureHoldBody,
          response: { 201: ErasureHoldDto, ...problemResponses(404, 409) },
        },
      },
      async (request, reply) => {
        const row = await placeErasureHold(deps, principalOf(request), request.params.id, request.body);
        return reply.code(201).send(toDto(row));
      },
    );
    app.delete(
      '/v1/cases/:id/erasure-hold',
      {
        schema: {
          tags: ['deadlines'],
          summary:
            'Releases the erasure hold; the case is erased at the next sweep if its retention has ended',
          params: Params,
          response: { 200: ErasureHoldDto, ...problemResponses(404) },
        },
      },
      async (request) => toDto(await releaseErasureHold(deps, principalOf(request), request.params.id)),
    );
  };
}
