import { IfMatchHeader } from '@tym/platform';
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

export const IfMatchHeaders = Type.Object(
  {
    ...AccessPurposeHeaders.properties,
    'if-match': IfMatchHeader('the draft'),
  },
  { description: 'Request headers' },
);

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

export const EmptyBody = Type.Object({}, { additionalProperties: false, description: 'No fields' });
