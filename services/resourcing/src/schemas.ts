import { OrganisationCode } from '@tym/platform';
import { Type } from 'typebox';

/** Route schema pieces shared by the directory's modules. Every field has a description. */

export const PartyRoleSchema = Type.Enum(['employment_authority', 'wellbeing_county', 'kela'], {
  description:
    'A TYM party role (381/2023): employment authority (työvoimaviranomainen), wellbeing services county (hyvinvointialue) or Kela',
});

export const OrganisationKindSchema = Type.Enum(
  ['municipality', 'employment_area', 'joint_municipal_authority', 'wellbeing_county', 'kela'],
  { description: 'What the organisation is in public administration' },
);

export const MunicipalityCodeSchema = (description: string) =>
  Type.String({ pattern: '^[0-9]{3}$', description: `${description} (official three-digit code)` });

export const CountyIdSchema = (description: string) =>
  Type.String({ pattern: '^[a-z][a-z-]{0,62}$', description });

export const OrganisationRefDto = Type.Object(
  {
    code: OrganisationCode('Organisation code, also the `org` claim of its staff’s tokens'),
    nameFi: Type.String({ description: 'Name in Finnish' }),
    nameSv: Type.String({ description: 'Name in Swedish' }),
    nameEn: Type.String({ description: 'Name in English' }),
  },
  { description: 'An organisation, by code and name' },
);

export const CooperationAreaRefDto = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Cooperation area id' }),
    code: Type.String({ description: 'Stable short code; the county id for a county’s default area' }),
    nameFi: Type.String({ description: 'Name in Finnish' }),
    nameSv: Type.String({ description: 'Name in Swedish' }),
  },
  { description: 'A cooperation area (yhteistoiminta-alue), by id and name' },
);

export const Name = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

/** A list that returns everything at once: the fixed reference lists. */
export function fullPage<T>(items: T[]): { items: T[]; nextCursor: null } {
  return { items, nextCursor: null };
}
