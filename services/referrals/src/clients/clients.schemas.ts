import { IDENTITY_CODE_TYPES } from '@tym/domain';
import { Instant } from '@tym/platform';
import { type Static, Type } from 'typebox';
import { MunicipalityCode, NullableString } from '../schemas.js';
import type { ClientView } from './clients.service.js';

const Name = (description: string) =>
  Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description });

export const LanguageCode = (description: string) =>
  Type.String({ pattern: '^[a-z]{2,3}$', description: `${description} (ISO 639 code: fi, sv or another)` });

export const ContactDetailsSchema = Type.Object(
  {
    phone: Type.Optional(
      Type.String({ pattern: '^\\+?[0-9 ()-]{5,30}$', description: 'Phone number, e.g. +358 40 123 4567' }),
    ),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'E-mail address' })),
    streetAddress: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Street address' }),
    ),
    postalCode: Type.Optional(
      Type.String({ pattern: '^[0-9]{5}$', description: 'Postal code (five digits)' }),
    ),
    postOffice: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Post office' })),
  },
  { additionalProperties: false, description: 'How to reach the client; every field optional' },
);

export const SpecialArrangementsSchema = Type.Object(
  {
    interpreterLanguage: Type.Optional(
      Type.String({
        pattern: '^[a-z]{2,3}(-[a-z]{2,8})?$',
        description:
          'An interpreter is needed, in this language (ISO 639, e.g. ar, so, fse for Finnish sign language)',
      }),
    ),
    accessibilityNeeds: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1000,
        description: 'Accessibility needs for meetings and material',
      }),
    ),
    remoteOnly: Type.Optional(Type.Boolean({ description: 'The client can take part remotely only' })),
  },
  {
    additionalProperties: false,
    description: 'Special arrangements of the client relationship (381/2023 §11(2))',
  },
);

export const IdentityCodeTypeSchema = Type.Enum([...IDENTITY_CODE_TYPES], {
  description:
    "`henkilotunnus` (default) or `temporary`: a temporary identifier with an individual number 900–999 (not a henkilötunnus; formed e.g. by a hospital when the person's real code is not known). A 900–999 code is accepted only as `temporary`, and `temporary` only for such a code",
});

export const ClientInputSchema = Type.Object(
  {
    identityCode: Type.String({
      minLength: 1,
      maxLength: 20,
      description:
        'Personal identity code (henkilötunnus), validated with every century sign and the checksum',
    }),
    identityCodeType: Type.Optional(IdentityCodeTypeSchema),
    firstNames: Name('First names'),
    lastName: Name('Last name'),
    homeMunicipalityCode: MunicipalityCode('Home municipality (kotikunta): the referral is routed by it'),
    preferredLanguage: Type.Optional(
      LanguageCode(
        'Language the client wants to be served in; when absent: sv in Swedish-speaking municipalities, fi in Finnish-speaking ones, und (to be asked; messages in both) in bilingual ones',
      ),
    ),
    contactDetails: Type.Optional(ContactDetailsSchema),
    specialArrangements: Type.Optional(SpecialArrangementsSchema),
    informationWishes: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        description:
          'The client’s own wishes about information and its sharing; recorded, never a condition of lawful joint work (381/2023 §15)',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'The client, new or existing (found by identity code). An existing client’s record is updated with what is given.',
  },
);

export const ClientDto = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Client id' }),
    identityCode: Type.String({
      description: 'Personal identity code: in full for the client’s case team, else masked (010594Y****)',
    }),
    identityCodeMasked: Type.Boolean({ description: 'True when identityCode is masked' }),
    identityCodeType: IdentityCodeTypeSchema,
    firstNames: Type.String({ description: 'First names' }),
    lastName: Type.String({ description: 'Last name' }),
    homeMunicipalityCode: MunicipalityCode('Home municipality (kotikunta)'),
    preferredLanguage: Type.String({ description: 'Language the client is served in (ISO 639)' }),
    contactDetails: ContactDetailsSchema,
    specialArrangements: SpecialArrangementsSchema,
    informationWishes: NullableString('The client’s own wishes about information; null if none recorded'),
    createdAt: Instant('When the client was first recorded'),
    updatedAt: Instant('When the record last changed'),
  },
  { description: 'A TYM client (asiakas)' },
);
export type ClientDto = Static<typeof ClientDto>;

export const ClientSearchBody = Type.Object(
  {
    identityCode: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'Personal identity code to look up (in the body so it never appears in a URL or log)',
    }),
  },
  { additionalProperties: false, description: 'Find a client by identity code' },
);

export function toClientDto(v: ClientView): ClientDto {
  const { row } = v;
  return {
    id: row.id,
    identityCode: v.identityCode,
    identityCodeMasked: v.identityCodeMasked,
    identityCodeType: v.identityCodeType,
    firstNames: row.firstNames,
    lastName: row.lastName,
    homeMunicipalityCode: row.homeMunicipalityCode,
    preferredLanguage: row.preferredLanguage,
    contactDetails: row.contactDetails,
    specialArrangements: row.specialArrangements,
    informationWishes: row.informationWishes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const ClientLanguageBody = Type.Object(
  {
    preferredLanguage: LanguageCode(
      'The language the client said they want to be served in; messages and letters to the client use fi or sv',
    ),
  },
  { additionalProperties: false, description: 'The client’s language, once asked' },
);
