import type { Localized } from './i18n.js';

export interface ErrorDefinition {
  status: number;
  title: Localized;
}

/** Error codes as data: UPPER_SNAKE code → HTTP status and a title in fi/sv/en. */
export type ErrorCatalog = Record<string, ErrorDefinition>;

const registry = new Map<string, ErrorDefinition>();

/**
 * Registers a module's error codes (its `*.errors.ts`). Codes are global: registering a
 * code twice with another meaning is a programming error.
 */
export function defineErrors<const C extends ErrorCatalog>(catalog: C): { [K in keyof C]: K } {
  const codes = {} as { [K in keyof C]: K };
  for (const [code, def] of Object.entries(catalog)) {
    const existing = registry.get(code);
    if (existing && existing.status !== def.status) {
      throw new Error(`error code ${code} registered twice with different statuses`);
    }
    registry.set(code, def);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function findErrorDefinition(code: string): ErrorDefinition | undefined {
  return registry.get(code);
}

export function listErrorDefinitions(): Array<[string, ErrorDefinition]> {
  return [...registry.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export interface InvalidField {
  /** Where the field is: `body.actions[2].dueOn`, `query.limit`, `params.id`, `header.if-match`. */
  location: string;
  message: string;
  /** The JSON Schema keyword or a domain rule id that failed. */
  rule?: string;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: InvalidField[];
  /** Extra members of the problem body (e.g. `existingCaseId`); ids only, never personal data. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * A domain error: knows its code, nothing of HTTP. The problem plugin maps it to
 * RFC 9457 problem+json through the catalog.
 */
export class AppError extends Error {
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: InvalidField[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: string, options: AppErrorOptions = {}) {
    super(options.detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}

/** A single invalid field, for rules that JSON Schema cannot express. */
export function invalidField(code: string, location: string, message: string, rule?: string): AppError {
  return new AppError(code, { detail: message, errors: [{ location, message, ...(rule ? { rule } : {}) }] });
}

/** The platform's own codes. */
export const PlatformErrors = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    title: { fi: 'Pyyntö ei ole kelvollinen', sv: 'Begäran är ogiltig', en: 'The request is not valid' },
  },
  MALFORMED_JSON: {
    status: 400,
    title: {
      fi: 'Pyynnön JSON on virheellinen',
      sv: 'Begärans JSON är felaktig',
      en: 'The request body is not valid JSON',
    },
  },
  MALFORMED_REQUEST: {
    status: 400,
    title: {
      fi: 'Pyyntö ei ole kelvollista HTTP:tä',
      sv: 'Begäran är inte giltig HTTP',
      en: 'The request is not valid HTTP',
    },
  },
  AUTH_REQUIRED: {
    status: 401,
    title: { fi: 'Tunnistautuminen vaaditaan', sv: 'Autentisering krävs', en: 'Authentication is required' },
  },
  AUTH_TOKEN_EXPIRED: {
    status: 401,
    title: { fi: 'Tunniste on vanhentunut', sv: 'Token har gått ut', en: 'The token has expired' },
  },
  AUTH_TOKEN_INVALID: {
    status: 401,
    title: { fi: 'Tunniste ei kelpaa', sv: 'Token är ogiltig', en: 'The token is not valid' },
  },
  AUTH_ISSUER_UNTRUSTED: {
    status: 401,
    title: {
      fi: 'Tunnisteen myöntäjään ei luoteta',
      sv: 'Tokens utfärdare är inte betrodd',
      en: 'The token issuer is not trusted',
    },
  },
  AUTH_ORGANISATION_MISMATCH: {
    status: 401,
    title: {
      fi: 'Organisaatio ei kuulu tunnisteen myöntäjälle',
      sv: 'Organisationen hör inte till tokens utfärdare',
      en: 'The organisation does not belong to the token issuer',
    },
  },
  FORBIDDEN: {
    status: 403,
    title: { fi: 'Ei käyttöoikeutta', sv: 'Ingen behörighet', en: 'You are not allowed to do this' },
  },
  NOT_FOUND: {
    status: 404,
    title: { fi: 'Ei löytynyt', sv: 'Hittades inte', en: 'Not found' },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: { fi: 'Menetelmä ei ole sallittu', sv: 'Metoden är inte tillåten', en: 'Method not allowed' },
  },
  NOT_ACCEPTABLE: {
    status: 406,
    title: {
      fi: 'Vastausmuotoa ei voida tuottaa',
      sv: 'Svarsformatet kan inte levereras',
      en: 'Not acceptable',
    },
  },
  CONFLICT: {
    status: 409,
    title: {
      fi: 'Ristiriita nykyisen tilan kanssa',
      sv: 'Konflikt med nuvarande tillstånd',
      en: 'Conflict with the current state',
    },
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: {
      fi: 'Asiakirja on muuttunut (ETag ei täsmää)',
      sv: 'Dokumentet har ändrats (ETag stämmer inte)',
      en: 'The document has changed (ETag does not match)',
    },
  },
  REQUEST_TIMEOUT: {
    status: 408,
    title: {
      fi: 'Pyyntö ei saapunut ajoissa',
      sv: 'Begäran kom inte fram i tid',
      en: 'The request did not arrive in time',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: { fi: 'Pyyntö on liian suuri', sv: 'Begäran är för stor', en: 'The request body is too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: {
      fi: 'Sisältötyyppiä ei tueta',
      sv: 'Innehållstypen stöds inte',
      en: 'Unsupported content type (use application/json)',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: {
      fi: 'Idempotency-Key on jo käytetty toisella pyynnöllä',
      sv: 'Idempotency-Key har redan använts med en annan begäran',
      en: 'The Idempotency-Key was already used with a different request',
    },
  },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: {
    status: 409,
    title: {
      fi: 'Sama pyyntö on vielä käsittelyssä',
      sv: 'Samma begäran behandlas fortfarande',
      en: 'A request with this Idempotency-Key is still being processed',
    },
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    title: {
      fi: 'If-Match-otsake vaaditaan',
      sv: 'If-Match-huvudet krävs',
      en: 'An If-Match header is required',
    },
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    title: {
      fi: 'Pyynnön otsakkeet ovat liian suuret',
      sv: 'Begärans huvuden är för stora',
      en: 'The request headers are too large',
    },
  },
  RATE_LIMITED: {
    status: 429,
    title: { fi: 'Liian monta pyyntöä', sv: 'För många förfrågningar', en: 'Too many requests' },
  },
  INTERNAL_ERROR: {
    status: 500,
    title: {
      fi: 'Palvelussa tapahtui virhe',
      sv: 'Ett fel inträffade i tjänsten',
      en: 'An internal error occurred',
    },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: {
      fi: 'Palvelu ei ole juuri nyt käytettävissä',
      sv: 'Tjänsten är inte tillgänglig just nu',
      en: 'The service is unavailable right now',
    },
  },
});
