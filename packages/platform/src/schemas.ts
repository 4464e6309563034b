import { type Static, type TSchema, Type } from 'typebox';

/** Shared building blocks of route schemas. Every field has a description (OpenAPI). */
export const Uuid = (description: string) => Type.String({ format: 'uuid', description });
export const LocalDate = (description: string) =>
  Type.String({ format: 'date', description: `${description} (local date, Europe/Helsinki, YYYY-MM-DD)` });
export const Instant = (description: string) =>
  Type.String({ format: 'date-time', description: `${description} (RFC 3339, UTC)` });
export const OrganisationCode = (description: string) =>
  Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description });

export const InvalidFieldSchema = Type.Object({
  location: Type.String({ description: 'Where the invalid value is, e.g. body.actions[2].dueOn' }),
  message: Type.String({ description: 'What is wrong with it' }),
  rule: Type.Optional(Type.String({ description: 'The schema keyword or rule that failed' })),
});

/** RFC 9457 problem details, as every error of this API is answered. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference of the problem type; GET it for a description' }),
    title: Type.String({ description: 'Short summary in the negotiated language' }),
    status: Type.Integer({ description: 'HTTP status code' }),
    detail: Type.Optional(Type.String({ description: 'This occurrence explained' })),
    instance: Type.String({ description: 'The request path' }),
    code: Type.String({ description: 'Stable machine-readable error code (UPPER_SNAKE)' }),
    requestId: Type.String({ description: 'Request id, also in the x-request-id header and the logs' }),
    errors: Type.Optional(Type.Array(InvalidFieldSchema, { description: 'Each invalid field' })),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

/** A reference to the shared problem schema (registered by the platform app). */
export const ProblemRef = Type.Unsafe<Static<typeof ProblemSchema>>({ $ref: 'Problem#' });

/** Standard error responses a protected route may answer. */
export function problemResponses(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of [400, 401, 429, 500, ...statuses]) {
    out[s] = Type.Unsafe<Static<typeof ProblemSchema>>({
      description: 'Problem details (RFC 9457)',
      content: { 'application/problem+json': { schema: ProblemRef } },
    });
  }
  return out;
}

/** Problem responses with a description of when each is given. */
export function problemResponsesOf(...statuses: Array<[number, string]>): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const [status, description] of statuses) {
    out[status] = Type.Unsafe<Static<typeof ProblemSchema>>({
      description: `${description} (problem details, RFC 9457)`,
      content: { 'application/problem+json': { schema: ProblemRef } },
    });
  }
  return out;
}

/** An error code of this API, as `GET /problems/{code}` describes it. */
export const ErrorCodeSchema = Type.Object(
  {
    code: Type.String({ description: 'The code (UPPER_SNAKE), as in a problem’s `code`' }),
    status: Type.Integer({ description: 'The HTTP status it is answered with' }),
    title: Type.Object(
      {
        fi: Type.String({ description: 'In Finnish' }),
        sv: Type.String({ description: 'In Swedish' }),
        en: Type.String({ description: 'In English' }),
      },
      { description: 'Its title' },
    ),
  },
  { description: 'An error code of this API' },
);
export const ErrorCodeListSchema = Type.Array(ErrorCodeSchema, { description: 'Every error code, sorted' });

export const PaginationQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size' })),
  cursor: Type.Optional(
    Type.String({ maxLength: 200, description: 'Opaque cursor from the previous page’s nextCursor' }),
  ),
};

export function Page<T extends TSchema>(item: T, description: string) {
  return Type.Object(
    {
      items: Type.Array(item, { description }),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'Pass as `cursor` for the next page; null on the last page',
      }),
    },
    { description },
  );
}

/** Opaque cursors: base64url JSON, so the format can change without breaking clients. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    // fall through
  }
  return undefined;
}
