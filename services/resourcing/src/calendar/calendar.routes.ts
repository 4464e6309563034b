import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LocalDate, principalOf, problemResponses } from '@tym/platform';
import { Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { computeDueDate } from './calendar.service.js';

const Localized = (description: string) =>
  Type.Object(
    {
      fi: Type.String({ description: 'In Finnish' }),
      sv: Type.String({ description: 'In Swedish' }),
      en: Type.String({ description: 'In English' }),
    },
    { description },
  );

export const DueDateQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({
        format: 'date',
        // Years 1900–2399 (DEADLINE_DATE_RANGE); the end must lie in them too.
        pattern: '^(19|2[0-3])[0-9]{2}-',
        description:
          'The day of the event the limit counts from; default today in Helsinki. Years 1900–2399, ' +
          'and the due date must fall in them too (local date, Europe/Helsinki, YYYY-MM-DD)',
      }),
    ),
    months: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 1200, description: 'A limit in months (give months or days)' }),
    ),
    days: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 36500, description: 'A limit in days (give months or days)' }),
    ),
  },
  { additionalProperties: false, description: 'The start and the length of the limit' },
);

export const DueDateDto = Type.Object(
  {
    from: LocalDate('The day counted from (not itself counted)'),
    amount: Type.Integer({ description: 'The length of the limit' }),
    unit: Type.Enum(['months', 'days'], { description: 'The unit of the length' }),
    nominalOn: LocalDate('Where the count lands before moving to a working day'),
    dueOn: LocalDate('The last day of the limit; met by anything done before it ends in Helsinki'),
    monthEndClamped: Type.Boolean({
      description: 'The target month had no such day, so the count ended on its last day (150/1930 §3)',
    }),
    skipped: Type.Array(
      Type.Object(
        {
          date: LocalDate('A non-working day passed over'),
          kind: Type.Enum(
            [
              'saturday',
              'sunday',
              'public_holiday',
              'christmas_eve',
              'midsummer_eve',
              'may_day',
              'independence_day',
            ],
            { description: 'Why it is not a working day (150/1930 §5)' },
          ),
          name: Localized('Its name'),
        },
        { description: 'A day the limit moved past' },
      ),
      { description: 'Non-working days passed over from nominalOn on; empty when not moved' },
    ),
    explanation: Type.String({ description: 'How the date was reached, in the negotiated language' }),
    statute: Type.String({ description: 'The sections of 150/1930 applied' }),
  },
  { description: 'A statutory due date and how it was reached' },
);

export function calendarRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/calendar/due-date',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Compute a statutory due date (150/1930) with an explanation',
          description:
            'Give exactly one of `months` and `days`. Months count by §3 (same day number, else the month’s ' +
            'last day), days by §2; a last day that is a weekend, holiday, Christmas Eve, Midsummer Eve or ' +
            '1 May moves to the next working day (§5). The explanation follows Accept-Language.',
          querystring: DueDateQuery,
          response: { 200: DueDateDto, ...problemResponses() },
        },
      },
      async (request) => {
        principalOf(request);
        return computeDueDate(deps.clock, request.query, request.lang);
      },
    );
  };
}
