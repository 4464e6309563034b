import { Type } from 'typebox';

/** Route schema pieces shared by the modules of this service. Every field has a description. */

export const AccessPurposeHeaders = Type.Object(
  {
    'x-access-purpose': Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'Why you read or change this client data (goes to the access log; 906/2019 §17). Without it the ' +
          'route’s default purpose is logged.',
      }),
    ),
  },
  { description: 'Request headers' },
);

export const IdempotentHeaders = Type.Object(
  {
    ...AccessPurposeHeaders.properties,
    'idempotency-key': Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Makes the POST safe to retry: a repeat returns the first answer; another body is 422',
      }),
    ),
  },
  { description: 'Request headers' },
);

export const IdParams = (description: string) =>
  Type.Object({ id: Type.String({ format: 'uuid', description }) }, { description: 'Path parameters' });

export const NullableDate = (description: string) =>
  Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: `${description} (local date, Europe/Helsinki, YYYY-MM-DD); null when not set`,
  });

export const NullableInstant = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: `${description} (RFC 3339, UTC); null when not set`,
  });

export const NullableString = (description: string) =>
  Type.Union([Type.String(), Type.Null()], { description });

export const MunicipalityCode = (description: string) =>
  Type.String({ pattern: '^[0-9]{3}$', description: `${description} (official three-digit code)` });

/** A client as lists show them: never the identity code. */
export const ClientRefDto = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Client id' }),
    firstNames: Type.String({ description: 'First names' }),
    lastName: Type.String({ description: 'Last name' }),
    homeMunicipalityCode: MunicipalityCode('Home municipality (kotikunta)'),
  },
  { description: 'The client, without the identity code' },
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
