import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Instant, problemResponses, Uuid } from '@tym/platform';
import { loadCaller } from '@tym/referrals';
import { Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import { exportClientData } from './data-subject-export.service.js';
import { renderDataSubjectPdf } from './data-subject-pdf.js';

const PurposeHeaders = Type.Object(
  {
    'x-access-purpose': Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Why (goes to the access log); default: data-subject request',
      }),
    ),
  },
  { description: 'Headers' },
);
const ClientParams = Type.Object({ id: Uuid('Client id') }, { description: 'Path parameters' });
const EmptyBody = Type.Optional(Type.Object({}, { additionalProperties: false, description: 'Empty' }));

const Rows = (description: string) =>
  Type.Array(Type.Object({}, { additionalProperties: true, description: 'A stored row, as stored' }), {
    description,
  });

export const DataSubjectExportDto = Type.Object(
  {
    clientId: Uuid('The client'),
    generatedAt: Instant('When the document was produced'),
    generatedBy: Type.Object(
      {
        organisationCode: Type.String({ description: 'Organisation of the person who produced it' }),
        subject: Type.String({ description: 'Their subject' }),
      },
      { description: 'Who produced it' },
    ),
    client: Type.Object(
      {},
      { additionalProperties: true, description: 'The client record, identity code in clear' },
    ),
    referrals: Rows('Every referral with the client details it brought and its transitions'),
    cases: Rows(
      'Every client relationship with its team, transitions, duties explained, review requests and ending proposals',
    ),
    meetings: Rows('The meetings the client was a participant of, with participants, agenda and decisions'),
    plans: Rows('The joint plan of each case: draft, every agreed version, approvals, reviews, actions'),
    clientMessages: Rows('What the client was told, when and by which channel (letters and e-mails)'),
    accessLog: Rows('Who read or changed the client’s data, when and why, this export included'),
  },
  { description: 'Everything stored about one client, for a data-subject access request (GDPR art. 15)' },
);

export function dataSubjectRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/clients/:id/data-subject-export',
      {
        schema: {
          tags: ['data subject'],
          summary: 'Everything about one client as one document (data-subject access request)',
          description:
            'For staff of one of the client’s parties with full access to the client (on the team of one of their cases); 404 for anyone else. A POST because the read is logged (`client.data_subject_export`) and nothing identifying goes in a URL. See docs/data-protection.md.',
          params: ClientParams,
          headers: PurposeHeaders,
          body: EmptyBody,
          response: { 200: DataSubjectExportDto, ...problemResponses(404) },
        },
      },
      async (request, reply) => {
        const caller = await loadCaller(deps.db, request, 'data-subject request (GDPR art. 15)');
        const doc = await exportClientData(deps, caller, request.params.id);
        reply.header('cache-control', 'no-store');
        return doc;
      },
    );

    app.post(
      '/v1/clients/:id/data-subject-export.pdf',
      {
        schema: {
          tags: ['data subject'],
          summary: 'The data-subject export as a printable PDF (A4)',
          description:
            'The same document as `/v1/clients/{id}/data-subject-export`, every stored field as `name: value`, headings in Finnish, Swedish or English by `Accept-Language`. Same access and logging.',
          params: ClientParams,
          headers: PurposeHeaders,
          body: EmptyBody,
          response: {
            200: {
              description: 'The document',
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
        const caller = await loadCaller(deps.db, request, 'data-subject request (GDPR art. 15)');
        const doc = await exportClientData(deps, caller, request.params.id);
        const pdf = await renderDataSubjectPdf(doc, request.lang);
        return reply
          .type('application/pdf')
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `attachment; filename="TYM-data-subject-${doc.clientId.slice(0, 8)}.pdf"`,
          )
          .send(pdf);
      },
    );
  };
}
