import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  LANGS,
  type Lang,
  LocalDate,
  OrganisationCode,
  principalOf,
  problemResponses,
  Uuid,
} from '@tym/platform';
import { Type } from 'typebox';
import type { ResourcingDeps } from '../deps.js';
import { keepPage, PAGE_TOKEN_PLACEHOLDER } from './picture-snapshots.service.js';
import { renderPictureCsv } from './situational-picture.csv.js';
import { renderPicturePage } from './situational-picture.page.js';
import {
  createPictureLink,
  getNationalRollUp,
  getPictureByLink,
  getSituationalPicture,
  LINK_TTL_SECONDS,
} from './situational-picture.service.js';

const Shown = Type.Object(
  {
    value: Type.Union([Type.Number(), Type.Null()], { description: 'The value; null when not shown' }),
    suppressed: Type.Boolean({ description: 'Hidden by small-cell suppression' }),
    reason: Type.Union([Type.Enum(['small_cell', 'secondary', 'rate']), Type.Null()], {
      description:
        'small_cell: 1–4 persons ("< 5"); secondary: hidden so a small cell cannot be recovered from totals ("×"); ' +
        'rate: a figure over a hidden or small count; null when shown',
    }),
  },
  { description: 'A shown or suppressed value' },
);

const Indicators = Type.Array(
  Type.Object(
    {
      code: Type.String({ description: 'Indicator code (see the resourcing README)' }),
      group: Type.Enum(['referrals', 'relationships', 'clocks', 'joint_work'], { description: 'Group' }),
      unit: Type.Enum(['persons', 'percent', 'days'], { description: 'Unit' }),
      values: Type.Array(Shown, { description: 'By period, in the order of `periods`' }),
      total: Shown,
    },
    { description: 'One indicator' },
  ),
  { description: 'Every indicator' },
);

export const SituationalPictureDto = Type.Object(
  {
    cooperationAreaId: Uuid('The area'),
    cooperationAreaName: Type.Object(
      { fi: Type.String({ description: 'Finnish' }), sv: Type.String({ description: 'Swedish' }) },
      { description: 'The area’s name' },
    ),
    from: LocalDate('First day of the period'),
    to: LocalDate('Last day of the period'),
    by: Type.Enum(['month', 'quarter'], { description: 'Period length' }),
    periods: Type.Array(Type.String({ description: '`2026-01` or `2026-Q1`' }), {
      description: 'The periods',
    }),
    indicators: Indicators,
    plansOverdueNow: Shown,
    staffing: Type.Object(
      {
        on: LocalDate('The day of the staffing figures (the period’s end, or today)'),
        targetCaseloadPerFte: Type.Number({ description: 'The agreement’s active clients per FTE' }),
        parties: Type.Array(
          Type.Object(
            {
              organisationCode: OrganisationCode('Party'),
              committedFte: Type.Number({ description: 'FTE committed by the agreement' }),
              allocatedFte: Type.Number({ description: 'FTE allocated by active staff' }),
              activeClients: Shown,
              activeClientsPerAllocatedFte: Type.Union([Type.Number(), Type.Null()], {
                description: 'Active clients ÷ allocated FTE; null when not shown',
              }),
            },
            { description: 'A party' },
          ),
          { description: 'Per party' },
        ),
        totals: Type.Object(
          {
            committedFte: Type.Number({ description: 'Sum' }),
            allocatedFte: Type.Number({ description: 'Sum' }),
          },
          { description: 'Summed' },
        ),
      },
      { description: 'Staffing against the agreement (381/2023 §9(2))' },
    ),
    byEmploymentAuthority: Type.Optional(
      Type.Array(
        Type.Object(
          { organisationCode: Type.String({ description: 'Employment authority' }), indicators: Indicators },
          { description: 'One employment authority of the area' },
        ),
        {
          description:
            'With `breakdown=employment_authority`: the indicators per employment authority within the area, ' +
            'suppressed together with the area’s figures',
        },
      ),
    ),
    costShares: Type.Array(
      Type.Object(
        {
          year: Type.Integer({ description: 'Year' }),
          agreementId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
            description: 'The agreement in force, or null',
          }),
          basis: Type.Union([Type.Literal('actual'), Type.Literal('budget'), Type.Null()], {
            description: 'Recorded actual costs, else the budget; null when neither is recorded',
          }),
          jointCostsCents: Type.Union([Type.Integer(), Type.Null()], { description: 'Joint costs, cents' }),
          method: Type.Union([Type.String(), Type.Null()], {
            description: 'The agreement’s cost-sharing rule',
          }),
          parties: Type.Array(
            Type.Object(
              {
                organisationCode: Type.String({ description: 'Party' }),
                cents: Type.Integer({ description: 'Its share, cents' }),
                percent: Type.Number({ description: 'Its share of the joint costs, %' }),
              },
              { description: 'One party’s share' },
            ),
            { description: 'Per party, Kela included' },
          ),
        },
        { description: 'One year’s split' },
      ),
      { description: 'Cost shares of the years of the period (381/2023 §10)' },
    ),
    computedAt: Type.String({
      format: 'date-time',
      description:
        'When these figures were computed: a kept snapshot is answered only while no event of the area was ' +
        'committed after its computation began, else the picture is computed now',
    }),
    targets: Type.Array(
      Type.Object(
        {
          year: Type.Integer({ description: 'Year' }),
          indicator: Type.String({ description: 'Target indicator code' }),
          label: Type.String({ description: 'Label the group gave' }),
          unit: Type.String({ description: 'Unit' }),
          targetValue: Type.Number({ description: 'Target' }),
          actual: Shown,
          trend: Type.Union([Type.Array(Shown), Type.Null()], {
            description: 'By period, when the code is one of the picture’s indicators',
          }),
        },
        { description: 'A target beside its actual' },
      ),
      { description: 'The management group’s annual targets (VNA 388/2024 §2)' },
    ),
  },
  { description: 'The joint situational picture of a cooperation area, suppressed for small cells' },
);

const PictureQuery = Type.Object(
  {
    from: Type.Optional(
      LocalDate('First day (snapped to the month’s or quarter’s first); default 1 Jan this year'),
    ),
    to: Type.Optional(
      LocalDate('Last day (snapped to the month’s or quarter’s end); default 31 Dec this year'),
    ),
    by: Type.Optional(Type.Enum(['month', 'quarter'], { description: 'Period length (default month)' })),
  },
  { additionalProperties: false, description: 'The period' },
);
const Params = Type.Object({ id: Uuid('Cooperation area id') }, { description: 'Path parameters' });

/** `snapshot` when the answer came from a kept, up-to-date snapshot; `live` when computed now. */
export const PICTURE_SOURCE_HEADER = 'x-picture-source';

export function situationalPictureRoutes(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/cooperation-areas/:id/situational-picture',
      {
        schema: {
          tags: ['cooperation-areas'],
          summary: 'The joint situational picture of an area: indicators by period, staffing and targets',
          description:
            'Members and deputies of the area’s management group, coordinators and admins of its parties, auditors ' +
            'of its parties. Others get 404. Counts of 1–4 persons are suppressed (with secondary suppression). ' +
            '`Accept: text/csv` gives one row per indicator and period.',
          params: Params,
          querystring: Type.Object(
            {
              ...PictureQuery.properties,
              breakdown: Type.Optional(
                Type.Enum(['employment_authority'], {
                  description: 'Also the indicators per employment authority within the area',
                }),
              ),
            },
            { additionalProperties: false, description: 'The period, and an optional breakdown' },
          ),
          response: {
            200: {
              description: 'The picture',
              content: {
                'application/json': { schema: SituationalPictureDto },
                'text/csv': { schema: Type.String({ description: 'CSV, one row per indicator and period' }) },
              },
            },
            ...problemResponses(400, 404),
          },
        },
      },
      async (request, reply) => {
        const { picture, source } = await getSituationalPicture(
          deps,
          principalOf(request),
          request.params.id,
          request.query,
        );
        reply
          .header('cache-control', 'no-store')
          .header('vary', 'accept, accept-language')
          .header(PICTURE_SOURCE_HEADER, source);
        const accept = request.headers.accept ?? '';
        if (accept.includes('text/csv')) {
          return reply
            .type('text/csv; charset=utf-8')
            .header(
              'content-disposition',
              `attachment; filename="situational-picture-${picture.from}-${picture.to}.csv"`,
            )
            .send(renderPictureCsv(picture, request.lang));
        }
        return reply.type('application/json; charset=utf-8').send(picture);
      },
    );

    app.get(
      '/v1/situational-picture/national',
      {
        schema: {
          tags: ['cooperation-areas'],
          summary:
            'The national roll-up: the picture’s indicators per employment authority or wellbeing services county',
          description:
            'Admins and auditors of any organisation (403 for others). Each unit is suppressed on its own by the same ' +
            'small-cell rules; staffing and targets stay with the areas.',
          querystring: Type.Object(
            {
              ...PictureQuery.properties,
              groupBy: Type.Enum(['employment_authority', 'wellbeing_county'], {
                description:
                  'Per employment authority (municipality or employment area) or per wellbeing services county',
              }),
            },
            { additionalProperties: false, description: 'The period and the grouping' },
          ),
          response: {
            200: Type.Object(
              {
                groupBy: Type.Enum(['employment_authority', 'wellbeing_county'], { description: 'Grouping' }),
                from: LocalDate('First day'),
                to: LocalDate('Last day'),
                by: Type.Enum(['month', 'quarter'], { description: 'Period length' }),
                periods: Type.Array(Type.String({ description: 'Period label' }), {
                  description: 'The periods',
                }),
                units: Type.Array(
                  Type.Object(
                    {
                      organisationCode: OrganisationCode('The authority or the county’s organiser'),
                      name: Type.Object(
                        {
                          fi: Type.String({ description: 'Finnish' }),
                          sv: Type.String({ description: 'Swedish' }),
                          en: Type.String({ description: 'English' }),
                        },
                        { description: 'Name' },
                      ),
                      indicators: SituationalPictureDto.properties.indicators,
                    },
                    { description: 'One unit' },
                  ),
                  { description: 'Every unit with referrals or cases' },
                ),
              },
              { description: 'The national roll-up' },
            ),
            ...problemResponses(400, 403),
          },
        },
      },
      async (request) => {
        const { groupBy, ...period } = request.query;
        return getNationalRollUp(deps, principalOf(request), { ...period, groupBy });
      },
    );

    app.post(
      '/v1/cooperation-areas/:id/situational-picture/links',
      {
        schema: {
          tags: ['cooperation-areas'],
          summary: 'A short-lived signed link to the picture’s page, to open in a browser',
          description:
            `Whoever may read the picture. The link is valid for ${LINK_TTL_SECONDS / 60} minutes and carries an ` +
            'HMAC-signed token (area, period, expiry; no personal data), so no bearer token goes into a browser.',
          params: Params,
          body: Type.Object(
            {
              from: Type.Optional(LocalDate('First day')),
              to: Type.Optional(LocalDate('Last day')),
              by: Type.Optional(Type.Enum(['month', 'quarter'], { description: 'Period length' })),
              lang: Type.Optional(
                Type.Enum(['fi', 'sv', 'en'], {
                  description: 'Page language (default from Accept-Language)',
                }),
              ),
            },
            { additionalProperties: false, description: 'The period and language of the page' },
          ),
          response: {
            201: Type.Object(
              {
                url: Type.String({ description: 'The page: a path with the signed token' }),
                expiresAt: Type.String({ format: 'date-time', description: 'When the link stops working' }),
              },
              { description: 'The link' },
            ),
            ...problemResponses(400, 404),
          },
        },
      },
      async (request, reply) => {
        const { lang, ...period } = request.body ?? {};
        const link = await createPictureLink(deps, principalOf(request), request.params.id, period);
        return reply.code(201).send({
          url: pageUrl(link.token, lang ?? request.lang),
          expiresAt: link.expiresAt,
        });
      },
    );

    app.get(
      '/v1/situational-picture/page',
      {
        config: { public: true },
        schema: {
          tags: ['cooperation-areas'],
          summary: 'The picture as an HTML page with charts (opened from a signed link)',
          description:
            'Accepts only a token from `POST …/situational-picture/links`; an expired or altered token gives 404. ' +
            'Server-rendered, no script; each chart has its data as a table; Finnish, Swedish or English.',
          querystring: Type.Object(
            {
              t: Type.String({ minLength: 10, maxLength: 2000, description: 'The signed token' }),
              lang: Type.Optional(Type.Enum(['fi', 'sv', 'en'], { description: 'Page language' })),
            },
            { additionalProperties: false, description: 'Token and language' },
          ),
          response: {
            200: {
              description: 'The page',
              content: { 'text/html': { schema: Type.String({ description: 'HTML' }) } },
            },
            ...problemResponses(400, 404),
          },
        },
      },
      async (request, reply) => {
        const { t, lang: asked } = request.query;
        const sourced = await getPictureByLink(deps, t);
        const lang: Lang = LANGS.includes(asked ?? request.lang) ? (asked ?? request.lang) : 'fi';
        // The page is kept with its snapshot, rendered with a placeholder for the token.
        let kept = sourced.pages[lang];
        if (kept === undefined) {
          kept = renderPicturePage(sourced.picture, lang, (l) => pageUrl(PAGE_TOKEN_PLACEHOLDER, l));
          await keepPage(deps.db, sourced, lang, kept);
        }
        const html = kept.replaceAll(PAGE_TOKEN_PLACEHOLDER, encodeURIComponent(t));
        return reply
          .header(PICTURE_SOURCE_HEADER, sourced.source)
          .type('text/html; charset=utf-8')
          .header('content-language', lang)
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          )
          .send(html);
      },
    );
  };
}

function pageUrl(token: string, lang: Lang): string {
  if (!LANGS.includes(lang)) lang = 'fi';
  return `/v1/situational-picture/page?t=${encodeURIComponent(token)}&lang=${lang}`;
}
