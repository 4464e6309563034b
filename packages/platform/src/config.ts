import { readFileSync } from 'node:fs';
import { envSchema } from 'env-schema';
import { type Static, type TObject, type TProperties, Type } from 'typebox';
import type { TrustedIssuer } from './auth.js';
import type { Lang } from './i18n.js';

/**
 * Settings every HTTP process shares. Each process's own `config.ts` extends this and is
 * the only place that reads `process.env`; a bad value stops the process at start-up.
 */
export const BaseConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', description: 'Interface to listen on' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'Port to listen on' }),
  PUBLIC_BASE_URL: Type.String({
    default: 'http://127.0.0.1:3000',
    description: 'Base URL printed and put into links (e-mails, OpenAPI servers)',
  }),
  DATABASE_URL: Type.String({
    default: 'postgres://postgres@127.0.0.1:5432/tym',
    description: 'PostgreSQL connection string',
  }),
  DATABASE_POOL_MAX: Type.Integer({ default: 10, minimum: 1, maximum: 200, description: 'Pool size' }),
  REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379', description: 'Redis connection string' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level' },
  ),
  LOG_PRETTY: Type.Boolean({ default: false, description: 'Human-readable logs (only on a TTY)' }),
  AUTH_AUDIENCE: Type.String({ default: 'tym-api', description: 'Expected `aud` claim' }),
  AUTH_ISSUERS_FILE: Type.Optional(
    Type.String({ description: 'JSON file listing trusted issuers (see README, Auth)' }),
  ),
  AUTH_ISSUERS: Type.Optional(Type.String({ description: 'The same list as inline JSON' })),
  AUTH_CLOCK_TOLERANCE_SECONDS: Type.Integer({
    default: 30,
    minimum: 0,
    maximum: 300,
    description: 'Clock skew tolerated on a token’s exp, nbf and iat',
  }),
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: Type.Integer({
    default: 86_400,
    minimum: 60,
    maximum: 604_800,
    description: 'Longest lifetime a token may claim (exp - iat, and exp - now); longer ones get 401',
  }),
  DOCS_UI_ENABLED: Type.Boolean({ default: true, description: 'Serve Swagger UI at /docs' }),
  BODY_LIMIT_BYTES: Type.Integer({
    default: 1_048_576,
    minimum: 1024,
    maximum: 20_971_520,
    description: 'Largest accepted request body',
  }),
  RATE_LIMIT_MAX: Type.Integer({
    default: 600,
    minimum: 1,
    description: 'Requests per window per token, counted before the body is read or validated',
  }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ default: 60_000, minimum: 1000, description: 'Rate-limit window' }),
  RATE_LIMIT_AUTH_FAILURES_MAX: Type.Integer({
    default: 100,
    minimum: 1,
    description: 'Failed authentications per window per client address; then 429 until the window ends',
  }),
  TRUST_PROXY: Type.String({
    default: '',
    description:
      'Load balancers in front (addresses or CIDRs, comma-separated) whose X-Forwarded-For names the client ' +
      'for per-address limits; empty: none',
  }),
  DEFAULT_LANGUAGE: Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')], {
    default: 'fi',
    description: 'Language of texts when Accept-Language names none of fi, sv, en',
  }),
  SHUTDOWN_GRACE_MS: Type.Integer({
    default: 10_000,
    minimum: 0,
    description: 'How long in-flight work may finish on SIGTERM',
  }),
});
export type BaseConfig = Static<typeof BaseConfigSchema>;

/** Keys that protect personal identity codes (see pii-crypto.ts). Secrets: never logged. */
export const PiiConfigSchema = Type.Object({
  PII_ENCRYPTION_KEYS: Type.String({
    minLength: 10,
    description: 'Encryption keys as kid:base64(32 bytes), comma-separated; old keys stay for decryption',
  }),
  PII_CURRENT_KEY_ID: Type.String({ minLength: 1, description: 'The key id new ciphertexts use' }),
  PII_BLIND_INDEX_KEY: Type.String({
    minLength: 40,
    description: 'HMAC key of the blind index, base64(32 bytes)',
  }),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates `env` against the schema (defaults applied, types coerced); throws on a bad value. */
export function loadConfig<P extends TProperties>(
  schema: TObject<P>,
  env: Record<string, string | undefined>,
): Static<TObject<P>> {
  try {
    return envSchema<Static<TObject<P>>>({ schema: schema as unknown as object, data: env, dotenv: false });
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${(err as Error).message}`);
  }
}

const ALGS = new Set(['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA']);

/** Reads and checks the trusted issuer list from AUTH_ISSUERS or AUTH_ISSUERS_FILE. */
export function loadIssuers(config: Pick<BaseConfig, 'AUTH_ISSUERS' | 'AUTH_ISSUERS_FILE'>): TrustedIssuer[] {
  let raw: string;
  if (config.AUTH_ISSUERS) raw = config.AUTH_ISSUERS;
  else if (config.AUTH_ISSUERS_FILE) {
    try {
      raw = readFileSync(config.AUTH_ISSUERS_FILE, 'utf8');
    } catch (err) {
      throw new ConfigError(`AUTH_ISSUERS_FILE cannot be read: ${(err as Error).message}`);
    }
  } else throw new ConfigError('AUTH_ISSUERS or AUTH_ISSUERS_FILE must name the trusted token issuers');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('the trusted issuer list is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new ConfigError('the trusted issuer list is empty');
  return parsed.map((item, i) => {
    const it = item as Partial<TrustedIssuer>;
    if (typeof it.issuer !== 'string' || !it.issuer) throw new ConfigError(`issuer ${i}: issuer is required`);
    if (!Array.isArray(it.organisations) || it.organisations.length === 0)
      throw new ConfigError(`issuer ${it.issuer}: organisations must list the codes it may vouch for`);
    if (
      !Array.isArray(it.algorithms) ||
      it.algorithms.length === 0 ||
      !it.algorithms.every((a) => ALGS.has(a))
    )
      throw new ConfigError(
        `issuer ${it.issuer}: algorithms must be a non-empty subset of ${[...ALGS].join(', ')}`,
      );
    if (!it.jwksUri && !(Array.isArray(it.keys) && it.keys.length))
      throw new ConfigError(`issuer ${it.issuer}: keys or jwksUri is required`);
    return it as TrustedIssuer;
  });
}

export function asLang(value: string): Lang {
  return value === 'sv' || value === 'en' ? value : 'fi';
}
