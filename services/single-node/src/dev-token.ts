import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidField, OrganisationCode, ROLES, type TrustedIssuer } from '@tym/platform';
import { createSigner } from 'fast-jwt';
import { Type } from 'typebox';

/**
 * A development-only token endpoint (issue 15): `POST /dev/token` signs a token of the
 * **development identity provider** for the organisation and roles asked, so a REST client
 * (the Bruno collection's pre-request script) gets one without a shell. It exists only when
 * `DEV_IDP_PRIVATE_KEY_FILE` names the private key of an issuer the process already trusts
 * (the key pair `pnpm start` creates in `.dev/`); production never sets the variable, and
 * the process refuses to start when the key belongs to no trusted issuer. It mints nothing
 * the `pnpm token` command could not mint on the same machine.
 */
export interface DevTokenOptions {
  issuer: TrustedIssuer;
  kid: string | undefined;
  privateKeyPem: string;
  audience: string;
  /** Seconds a minted token lives (within the API's maximum). */
  lifetimeSeconds: number;
}

const der = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

/**
 * The endpoint's options from the process config, or null (the endpoint is absent) when no
 * development identity provider is configured.
 */
export function devTokenOptionsOf(
  config: {
    DEV_IDP_PRIVATE_KEY_FILE?: string | undefined;
    AUTH_AUDIENCE: string;
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: number;
  },
  issuers: TrustedIssuer[],
): DevTokenOptions | null {
  if (!config.DEV_IDP_PRIVATE_KEY_FILE) return null;
  const privateKeyPem = readFileSync(config.DEV_IDP_PRIVATE_KEY_FILE, 'utf8');
  const publicDer = der(createPublicKey(createPrivateKey(privateKeyPem)));
  for (const issuer of issuers) {
    for (const key of issuer.keys ?? []) {
      if (der(createPublicKey(key.publicKeyPem)).equals(publicDer)) {
        return {
          issuer,
          kid: key.kid,
          privateKeyPem,
          audience: config.AUTH_AUDIENCE,
          lifetimeSeconds: Math.min(12 * 3600, config.AUTH_MAX_TOKEN_LIFETIME_SECONDS),
        };
      }
    }
  }
  throw new Error(
    'DEV_IDP_PRIVATE_KEY_FILE: the key belongs to no trusted issuer (AUTH_ISSUERS / AUTH_ISSUERS_FILE)',
  );
}

const DevTokenBody = Type.Object(
  {
    org: OrganisationCode('The organisation the token speaks for, e.g. kela, helsinki, ea-kerava-sipoo'),
    roles: Type.Array(Type.Enum([...ROLES], { description: 'A role' }), {
      minItems: 1,
      maxItems: ROLES.length,
      uniqueItems: true,
      description: 'The roles claim',
    }),
    sub: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The sub claim (a staff member’s subject); default `<org>-<first role>`',
      }),
    ),
  },
  { additionalProperties: false, description: 'Who the development token is for' },
);

const DevTokenDto = Type.Object(
  {
    token: Type.String({ description: 'The bearer token' }),
    tokenType: Type.Literal('Bearer', { description: 'Always Bearer' }),
    expiresIn: Type.Integer({ description: 'Seconds the token lives' }),
    sub: Type.String({ description: 'Its sub claim' }),
  },
  { description: 'A token of the development identity provider' },
);

export function devTokenRoutes(options: DevTokenOptions): FastifyPluginAsyncTypebox {
  const sign = createSigner({
    key: options.privateKeyPem,
    algorithm: 'ES256',
    ...(options.kid ? { kid: options.kid } : {}),
    iss: options.issuer.issuer,
    aud: options.audience,
    expiresIn: options.lifetimeSeconds * 1000,
  });
  const allowed = (org: string) =>
    options.issuer.organisations.includes('*') || options.issuer.organisations.includes(org);
  return async (app) => {
    app.post(
      '/dev/token',
      {
        // Not part of the API: present only on a development system.
        schema: { hide: true, body: DevTokenBody, response: { 200: DevTokenDto } },
        config: { public: true },
      },
      async (request) => {
        const { org, roles, sub } = request.body;
        if (!allowed(org)) {
          throw invalidField(
            'VALIDATION_FAILED',
            'body.org',
            'the development identity provider may not vouch for it',
          );
        }
        const subject = sub ?? `${org}-${roles[0]}`;
        return {
          token: sign({ sub: subject, org, roles }),
          tokenType: 'Bearer' as const,
          expiresIn: options.lifetimeSeconds,
          sub: subject,
        };
      },
    );
  };
}
