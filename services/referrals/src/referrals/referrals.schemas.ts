import {
  CLIENT_DETAILS_STATUSES,
  REFERRAL_DECLINE_REASONS,
  REFERRAL_GROUNDS,
  REFERRAL_STATUSES,
} from '@tym/db';
import { Instant, LocalDate, OrganisationCode, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import {
  ClientInputSchema,
  ContactDetailsSchema,
  LanguageCode,
  SpecialArrangementsSchema,
} from '../clients/clients.schemas.js';
import { ClientRefDto, MunicipalityCode, NullableInstant, NullableString } from '../schemas.js';
import type { ReferralRow } from './referrals.repository.js';
import type { ReferralTransitionView, ReferralView } from './referrals.service.js';

export const GroundSchema = Type.Enum([...REFERRAL_GROUNDS], {
  description:
    'A ground of the referral (381/2023 §3): limitations of work capacity, of functional capacity, or problems of life management',
});
export const ReferralStatusSchema = Type.Enum([...REFERRAL_STATUSES], {
  description: 'submitted → accepted | declined | withdrawn',
});
export const DeclineReasonSchema = Type.Enum([...REFERRAL_DECLINE_REASONS], {
  description: 'Why the referral was declined',
});

export const ReferralCreateBody = Type.Object(
  {
    client: ClientInputSchema,
    grounds: Type.Array(GroundSchema, {
      uniqueItems: true,
      maxItems: 3,
      description: 'One or more grounds (an empty list is refused with REFERRAL_GROUNDS_REQUIRED)',
    }),
    description: Type.String({
      minLength: 1,
      maxLength: 4000,
      pattern: '\\S',
      description:
        'Why coordination between the authorities is needed; only what is necessary (381/2023 §11)',
    }),
  },
  {
    additionalProperties: false,
    description: 'A referral to the joint assessment of multidisciplinary service need',
  },
);

export const ReferralCreatedDto = Type.Object(
  {
    id: Uuid('Referral id'),
    status: ReferralStatusSchema,
    clientId: Uuid('The client (new or existing)'),
    cooperationAreaId: Uuid('The cooperation area it was routed to by the home municipality'),
    homeMunicipalityCode: MunicipalityCode('Home municipality it was routed by'),
    employmentAuthorityCode: OrganisationCode('The employment authority of the home municipality'),
    wellbeingCountyOrganiserCode: OrganisationCode('The HVA organiser of the home municipality'),
    referringOrganisationCode: OrganisationCode('Who referred (from the token)'),
    grounds: Type.Array(GroundSchema, { description: 'The grounds' }),
    submittedAt: Instant('When it was submitted'),
    submittedOn: LocalDate('The day it was submitted'),
    respondBy: LocalDate(
      'Accept or decline by this day: the cooperation agreement’s response time (14 days by default), counted under 150/1930',
    ),
    responseDays: Type.Integer({ description: 'The response time used, in days' }),
  },
  { description: 'The submitted referral: ids, codes and dates only (it is stored for idempotent replays)' },
);

const TransitionDto = Type.Object(
  {
    fromStatus: Type.Union([ReferralStatusSchema, Type.Null()], {
      description: 'Status before; null at submission',
    }),
    toStatus: ReferralStatusSchema,
    at: Instant('When'),
    actorOrganisation: Type.Union([OrganisationCode('By which organisation'), Type.Null()], {
      description:
        'By which organisation; null for a referrer that is not a party, where another organisation acted',
    }),
    actorSub: Type.Union([Type.String(), Type.Null()], {
      description: 'By whom (token subject); null where actorOrganisation is',
    }),
    reasonCode: NullableString('Reason code, for a decline'),
    reasonText: NullableString('Reason in words, when given'),
  },
  { description: 'A state change of the referral' },
);

const referralFields = {
  id: Uuid('Referral id'),
  status: ReferralStatusSchema,
  client: ClientRefDto,
  cooperationAreaId: Uuid('The cooperation area it was routed to'),
  homeMunicipalityCode: MunicipalityCode('Home municipality it was routed by'),
  employmentAuthorityCode: OrganisationCode('The employment authority of the home municipality'),
  wellbeingCountyOrganiserCode: OrganisationCode('The HVA organiser of the home municipality'),
  referringOrganisationCode: OrganisationCode('Who referred'),
  referredBySub: Type.String({ description: 'The referring person (token subject)' }),
  grounds: Type.Array(GroundSchema, { description: 'The grounds' }),
  submittedAt: Instant('When it was submitted'),
  submittedOn: LocalDate('The day it was submitted'),
  respondBy: LocalDate('Accept or decline by this day'),
  decidedAt: NullableInstant('When it was accepted, declined or withdrawn'),
  decidedByOrganisation: NullableString('Which organisation decided'),
  declineReasonCode: Type.Union([DeclineReasonSchema, Type.Null()], {
    description: 'Why declined; null otherwise',
  }),
  caseId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
    description: 'The client relationship it started, when accepted',
  }),
  clientDetailsStatus: Type.Union([Type.Enum([...CLIENT_DETAILS_STATUSES]), Type.Null()], {
    description:
      'For the client’s parties: `pending` when the referral brought client details that differ from the record ' +
      '(a referrer that is not a party never changes it) and wait for a party’s decision; `applied` / ' +
      '`dismissed` once decided; null when there is nothing to confirm',
  }),
};

const SubmittedClientDto = Type.Object(
  {
    firstNames: Type.String({ description: 'First names as sent' }),
    lastName: Type.String({ description: 'Last name as sent' }),
    homeMunicipalityCode: MunicipalityCode('Home municipality as sent'),
    preferredLanguage: Type.Optional(LanguageCode('Language as sent')),
    contactDetails: Type.Optional(ContactDetailsSchema),
    specialArrangements: Type.Optional(SpecialArrangementsSchema),
    informationWishes: Type.Optional(Type.String({ description: 'Information wishes as sent' })),
  },
  { description: 'The client details the referral brought, as sent' },
);

export const ReferralSummaryDto = Type.Object(referralFields, {
  description: 'A referral in the inbox (without the description)',
});

export const ReferralDto = Type.Object(
  {
    ...referralFields,
    description: Type.String({ description: 'Why coordination is needed' }),
    declineReasonText: NullableString('The decline reason in words, when given'),
    submittedClient: Type.Union([SubmittedClientDto, Type.Null()], {
      description:
        'For the client’s parties while `clientDetailsStatus` is `pending`: the details as sent, to compare with ' +
        'the record and apply or dismiss (`POST /v1/referrals/{id}/client-details`); else null',
    }),
    transitions: Type.Array(TransitionDto, { description: 'Every state change, oldest first' }),
  },
  { description: 'A referral (ohjaus) with its history' },
);
export type ReferralDto = Static<typeof ReferralDto>;

export const ReferralListQuery = Type.Object(
  {
    status: Type.Optional(ReferralStatusSchema),
    cooperationArea: Type.Optional(
      Type.String({ format: 'uuid', description: 'Only referrals to this area' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size' })),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'Opaque cursor from the previous page’s nextCursor' }),
    ),
  },
  { additionalProperties: false, description: 'Filters and paging' },
);

export const AcceptBody = Type.Object(
  {
    assessmentStartOn: Type.Optional(
      LocalDate(
        'The day the joint need assessment and the client relationship start (381/2023 §4); today unless given, not before the submission, at most 90 days ahead',
      ),
    ),
  },
  { additionalProperties: false, description: 'Accepting the referral' },
);

export const ClientDetailsDecisionBody = Type.Object(
  {
    decision: Type.Enum(['apply', 'dismiss'], {
      description:
        '`apply` writes the details as sent to the client record (omitted ones are kept); `dismiss` keeps the record',
    }),
  },
  {
    additionalProperties: false,
    description: 'A party’s decision on the client details the referral brought',
  },
);

export const DeclineBody = Type.Object(
  {
    reasonCode: DeclineReasonSchema,
    reasonText: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'The reason in words' }),
    ),
  },
  { additionalProperties: false, description: 'Declining the referral' },
);

export const WithdrawBody = Type.Object(
  {
    reasonText: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'Why it is withdrawn' }),
    ),
  },
  { additionalProperties: false, description: 'Withdrawing the referral (the referrer)' },
);

export const AcceptedDto = Type.Object(
  {
    referral: ReferralDto,
    case: Type.Object(
      {
        id: Uuid('Case id'),
        status: Type.Enum(['assessment'], { description: 'A new case is in assessment' }),
        assessmentStartedOn: LocalDate('The joint need assessment and the client relationship started'),
        planDueOn: LocalDate('The joint plan is due by this day: 3 months later (381/2023 §4(2), 150/1930)'),
      },
      { description: 'The client relationship (asiakkuus) the acceptance started' },
    ),
  },
  { description: 'The accepted referral and the case it started' },
);

export function toReferralCreatedDto(r: ReferralRow): Static<typeof ReferralCreatedDto> {
  return {
    id: r.id,
    status: r.status,
    clientId: r.clientId,
    cooperationAreaId: r.cooperationAreaId,
    homeMunicipalityCode: r.homeMunicipalityCode,
    employmentAuthorityCode: r.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: r.wellbeingCountyOrganiserCode,
    referringOrganisationCode: r.referringOrganisationCode,
    grounds: r.grounds as Static<typeof ReferralCreatedDto>['grounds'],
    submittedAt: r.submittedAt.toISOString(),
    submittedOn: r.submittedOn,
    respondBy: r.respondBy,
    responseDays: r.responseDays,
  };
}

export function toReferralSummaryDto(r: ReferralView): Static<typeof ReferralSummaryDto> {
  return {
    id: r.id,
    status: r.status,
    client: r.client,
    cooperationAreaId: r.cooperationAreaId,
    homeMunicipalityCode: r.homeMunicipalityCode,
    employmentAuthorityCode: r.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: r.wellbeingCountyOrganiserCode,
    referringOrganisationCode: r.referringOrganisationCode,
    referredBySub: r.referredBySub,
    grounds: r.grounds as Static<typeof ReferralSummaryDto>['grounds'],
    submittedAt: r.submittedAt.toISOString(),
    submittedOn: r.submittedOn,
    respondBy: r.respondBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedByOrganisation: r.decidedByOrganisation,
    declineReasonCode: r.declineReasonCode,
    caseId: r.caseId,
    clientDetailsStatus: r.clientDetailsStatus,
  };
}

export function toReferralDto(r: ReferralView, transitions: ReferralTransitionView[]): ReferralDto {
  return {
    ...toReferralSummaryDto(r),
    description: r.description,
    declineReasonText: r.declineReasonText,
    submittedClient: r.submittedClient as ReferralDto['submittedClient'],
    transitions: transitions.map((t) => ({
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      at: t.at.toISOString(),
      actorOrganisation: t.actorOrganisation,
      actorSub: t.actorSub,
      reasonCode: t.reasonCode,
      reasonText: t.reasonText,
    })),
  };
}
