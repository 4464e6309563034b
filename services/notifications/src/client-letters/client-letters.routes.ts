import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, problemResponses, Uuid } from '@tym/platform';
import { loadCaller } from '@tym/referrals';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import {
  getLetterPdf,
  type LetterView,
  listCaseLetters,
  listReferralLetters,
} from './client-letters.service.js';

const AccessPurposeHeaders = Type.Object(
  {
    'x-access-purpose': Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'Why you read this client data (goes to the access log; 906/2019 §17). Without it the route’s default purpose is logged.',
      }),
    ),
  },
  { description: 'Headers' },
);

export const ClientLetterDto = Type.Object(
  {
    id: Uuid('Letter id'),
    kind: Type.String({
      description:
        'referral_received, relationship_started, referral_declined, plan_agreed, plan_reviewed or relationship_ended',
    }),
    label: Type.String({ description: 'What the letter is about, in the request’s language (fi, sv, en)' }),
    languages: Type.Array(Type.String(), {
      description:
        'The letter’s languages: ["fi"], ["sv"], or ["fi","sv"] when the client’s language is not known',
    }),
    languageToBeAsked: Type.Boolean({
      description:
        'The client’s language is not known in a bilingual municipality: ask it and record it on the client (kielilaki 423/2003 §10)',
    }),
    emailed: Type.Boolean({ description: 'The client was also told by e-mail (without the details)' }),
    createdAt: Instant('When the message was made'),
    pdf: Type.String({ description: 'Path of the printable PDF' }),
  },
  { description: 'A letter to the client, for the case’s parties to print and hand or post' },
);
export type ClientLetterDto = Static<typeof ClientLetterDto>;

const LetterList = Type.Object(
  { items: Type.Array(ClientLetterDto, { description: 'Oldest first' }) },
  { description: 'The client’s letters' },
);

function toDto(v: LetterView): ClientLetterDto {
  return {
    id: v.row.id,
    kind: v.row.kind,
    label: v.label,
    languages: v.row.languages,
    languageToBeAsked: v.row.languageToBeAsked,
    emailed: v.emailed,
    createdAt: v.row.createdAt.toISOString(),
    pdf: `/v1/letters/${v.row.id}.pdf`,
  };
}

export function clientLettersRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cases/:id/letters',
      {
        schema: {
          tags: ['client letters'],
          summary: 'The letters to the client of a case (and of the referral that started it)',
          description:
            'What the client was told at each step, as printable letters: staff with full access to the case. Logged in the access log.',
          params: Type.Object({ id: Uuid('Case id') }, { description: 'Path parameters' }),
          headers: AccessPurposeHeaders,
          response: { 200: LetterList, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM client letters: list');
        const items = await listCaseLetters(deps, caller, request.params.id, request.lang);
        return { items: items.map(toDto) };
      },
    );

    app.get(
      '/v1/referrals/:id/letters',
      {
        schema: {
          tags: ['client letters'],
          summary: 'The letters to the client of a referral (received, declined)',
          description: 'Staff who see the referral. Logged in the access log.',
          params: Type.Object({ id: Uuid('Referral id') }, { description: 'Path parameters' }),
          headers: AccessPurposeHeaders,
          response: { 200: LetterList, ...problemResponses(404) },
        },
      },
      async (request) => {
        const caller = await loadCaller(deps.db, request, 'TYM client letters: list');
        const items = await listReferralLetters(deps, caller, request.params.id, request.lang);
        return { items: items.map(toDto) };
      },
    );

    app.get(
      '/v1/letters/:id.pdf',
      {
        schema: {
          tags: ['client letters'],
          summary: 'One letter to the client as a printable PDF (A4)',
          description:
            'Rendered now with the client’s current name and address; in Finnish, Swedish, or both. Logged in the access log.',
          params: Type.Object({ id: Uuid('Letter id') }, { description: 'Path parameters' }),
          headers: AccessPurposeHeaders,
          response: {
            200: {
              description: 'The letter',
              content: {
                'application/pdf': {
                  schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PDF' }),
                },
              },
            },
            ...problemResponses(404),
          },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'TYM client letters: print');
        const { pdf, fileName } = await getLetterPdf(deps, caller, request.params.id);
        return reply
          .type('application/pdf')
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(pdf);
      },
    );
  };
}
