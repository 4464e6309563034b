import { createHash, createPublicKey } from 'node:crypto';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import buildGetJwks from 'get-jwks';
import { AppError } from './errors.js';

export const ROLES = ['caseworker', 'coordinator', 'admin', 'auditor', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Asymmetric algorithms only: a shared secret (HS*) or `none` is never accepted. */
export const ALLOWED_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;
export type Algorithm = (typeof ALLOWED_ALGORITHMS)[number];

export interface TrustedIssuer {
  /** The `iss` claim. */
  issuer: string;
  /** Organisation codes this identity provider may vouch for; `*` only in development. */
  organisations: string[];
  /** Algorithms pinned for this issuer. */
  algorithms: Algorithm[];
  /** Static public keys (PEM), by `kid`. */
  keys?: Array<{ kid?: string; publicKeyPem: string }>;
  /** Or a JWKS document URL. */
  jwksUri?: string;
}

export interface AuthOptions {
  issuers: TrustedIssuer[];
  /** Expected `aud`. */
  audience: string;
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat` (default 30). */
  clockToleranceSeconds?: number;
  /**
   * The longest lifetime a token may claim, in seconds (default 24 h): `exp - iat`, and
   * `exp - now` (a token without `iat` cannot claim more either).
   */
  maxTokenLifetimeSeconds?: number;
  /**
   * Verified tokens kept in memory (a bounded LRU keyed by the SHA-256 of the token), so a
   * caller's next request costs no signature check; default 10,000, 0 turns it off.
   */
  verifiedTokenCacheSize?: number;
}

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

interface CachedPrincipal {
  principal: Principal;
  /** `exp` in milliseconds: the entry is never used at or after it (no clock tolerance). */
  expiresAtMs: number;
}

/**
 * Verified tokens by the SHA-256 of the token (the token itself is never kept): a bounded
 * LRU (a Map in use order). An entry is used only before the token's `exp`; a token that
 * fails verification is never cached, so every failure still takes the full path (and is
 * counted by the failure guard).
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, CachedPrincipal>();
  constructor(private readonly max: number) {}

  static keyOf(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  get(key: string, nowMs = Date.now()): Principal | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (nowMs >= hit.expiresAtMs) return undefined;
    this.entries.set(key, hit);
    return hit.principal;
  }

  set(key: string, principal: Principal, expSeconds: number): void {
    if (this.max <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { principal, expiresAtMs: expSeconds * 1000 });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 86_400;

/**
 * Counts failed authentication per client address (see rate-limit.ts): `check` refuses an
 * address that failed too often (429) before its token costs a signature check, `record`
 * counts one more failure.
 */
export interface AuthFailureGuard {
  check(request: FastifyRequest): Promise<void>;
  record(request: FastifyRequest): Promise<void>;
}

/** Who is calling: from a verified token. Which cases they see comes from the database. */
export interface Principal {
  sub: string;
  org: string;
  roles: Role[];
  issuer: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** A route that needs no token (health, docs). */
    public?: boolean;
    /**
     * The token roles of which the caller must hold one. Checked right after the token, in
     * `onRequest`, so a caller without the role gets 403 before the body is parsed or
     * validated (never a 400 listing the fields of a request they may not make). What the
     * role then allows (which organisation, which case) stays in each service's policy.
     */
    roles?: readonly Role[];
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: Record<string, unknown>;
    user: Record<string, unknown>;
  }
}

interface DecodedToken {
  header: { alg?: string; kid?: string };
  payload: Record<string, unknown>;
}

const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

const INVALID_TOKEN_HEADERS = { 'www-authenticate': 'Bearer error="invalid_token"' };

function tokenInvalid(detail: string): AppError {
  return new AppError('AUTH_TOKEN_INVALID', { detail, headers: INVALID_TOKEN_HEADERS });
}

/**
 * Every way verification can fail, as a 401 problem: the errors of @fastify/jwt and of
 * fast-jwt underneath it (claims of the wrong type, `crit`, `nbf` ahead) included.
 */
function asAuthError(err: unknown): AppError {
  if (err instanceof AppError) {
    return err.headers
      ? err
      : new AppError(err.code, {
          ...(err.detail ? { detail: err.detail } : {}),
          headers: INVALID_TOKEN_HEADERS,
        });
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_JWT_NO_AUTHORIZATION_IN_HEADER') {
    return new AppError('AUTH_REQUIRED', { headers: { 'www-authenticate': 'Bearer' } });
  }
  if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED' || code === 'FAST_JWT_EXPIRED') {
    return new AppError('AUTH_TOKEN_EXPIRED', { headers: INVALID_TOKEN_HEADERS });
  }
  if (code === 'FAST_JWT_INACTIVE') return tokenInvalid('The token is not valid yet (nbf).');
  return tokenInvalid('The token could not be verified.');
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * What fast-jwt leaves open: `exp` is a whole number of seconds, `iat` and `nbf` too when
 * given, `iat` is not in the future, and the lifetime is not absurd.
 */
function checkTimes(payload: Record<string, unknown>, toleranceS: number, maxLifetimeS: number): void {
  const { exp, iat, nbf } = payload;
  if (!isTime(exp)) throw tokenInvalid('The exp claim must be a time in whole seconds.');
  if (iat !== undefined && !isTime(iat)) throw tokenInvalid('The iat claim must be a time in whole seconds.');
  if (nbf !== undefined && !isTime(nbf)) throw tokenInvalid('The nbf claim must be a time in whole seconds.');
  const now = Math.floor(Date.now() / 1000);
  if (iat !== undefined && iat > now + toleranceS) throw tokenInvalid('The token was issued in the future.');
  if (exp - now > maxLifetimeS + toleranceS || (iat !== undefined && exp - iat > maxLifetimeS)) {
    throw tokenInvalid(`A token may live at most ${maxLifetimeS} s.`);
  }
}

function resolveIssuers(issuers: TrustedIssuer[]) {
  const byIssuer = new Map<
    string,
    { config: TrustedIssuer; keys: Map<string | undefined, string>; jwks?: ReturnType<typeof buildGetJwks> }
  >();
  for (const config of issuers) {
    const keys = new Map<string | undefined, string>();
    for (const k of config.keys ?? []) {
      // Parse now: a bad key fails at start-up, not at the first request.
      createPublicKey(k.publicKeyPem);
      keys.set(k.kid, k.publicKeyPem);
    }
    let jwks: ReturnType<typeof buildGetJwks> | undefined;
    if (config.jwksUri) {
      const url = new URL(config.jwksUri);
      jwks = buildGetJwks({ jwksPath: url.pathname, max: 100, ttl: 10 * 60_000, providerDiscovery: false });
    }
    if (!keys.size && !jwks) throw new Error(`issuer ${config.issuer} has neither keys nor jwksUri`);
    byIssuer.set(config.issuer, { config, keys, ...(jwks ? { jwks } : {}) });
  }
  return byIssuer;
}

export function organisationAllowed(issuer: TrustedIssuer, org: string): boolean {
  return issuer.organisations.includes('*') || issuer.organisations.includes(org);
}

/**
 * Bearer JWT verification with several trusted issuers (architecture.md, Auth): the key is
 * chosen by `iss` and `kid`, the algorithm is pinned per issuer, `exp`/`aud`/`iss` are
 * checked, and the `org` claim must be one the issuer may vouch for.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: AuthOptions & { failures?: AuthFailureGuard }) => {
    const issuers = resolveIssuers(options.issuers);
    const toleranceS = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    const maxLifetimeS = options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;

    await app.register(fastifyJwt, {
      secret: {
        public: async (_request: FastifyRequest, token: unknown) => {
          const { header, payload } = token as DecodedToken;
          const iss = typeof payload.iss === 'string' ? payload.iss : undefined;
          const entry = iss ? issuers.get(iss) : undefined;
          if (!entry) throw new AppError('AUTH_ISSUER_UNTRUSTED');
          if (!header.alg || !(entry.config.algorithms as string[]).includes(header.alg)) {
            throw new AppError('AUTH_TOKEN_INVALID', {
              detail: 'The algorithm is not allowed for this issuer.',
            });
          }
          const pem =
            entry.keys.get(header.kid) ??
            (entry.keys.size === 1 && !header.kid ? [...entry.keys.values()][0] : undefined);
          if (pem) return pem;
          if (entry.jwks && entry.config.jwksUri && header.kid) {
            try {
              return await entry.jwks.getPublicKey({
                domain: new URL(entry.config.jwksUri).origin,
                alg: header.alg,
                kid: header.kid,
              });
            } catch {
              throw new AppError('AUTH_TOKEN_INVALID', { detail: 'No key of the issuer matches the token.' });
            }
          }
          throw new AppError('AUTH_TOKEN_INVALID', { detail: 'No key of the issuer matches the token.' });
        },
      },
      decode: { complete: true },
      verify: {
        algorithms: [...ALLOWED_ALGORITHMS],
        allowedAud: options.audience,
        allowedIss: options.issuers.map((i) => i.issuer),
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
        // fast-jwt counts the tolerance in milliseconds.
        clockTolerance: toleranceS * 1000,
      },
    });

    app.decorateRequest('principal', null);

    const cache = new VerifiedTokenCache(options.verifiedTokenCacheSize ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE);

    app.addHook('onRequest', async (request) => {
      // Unknown routes fall to the 404 handler without asking for a token.
      if (!request.routeOptions.url || request.routeOptions.config.public) return;
      // A token verified before and not yet expired: no signature check, no failure check
      // (the guard protects signature checks, and this request costs none).
      const header = request.headers.authorization;
      const key =
        typeof header === 'string' && header.length > 7 ? VerifiedTokenCache.keyOf(header) : undefined;
      const cached = key ? cache.get(key) : undefined;
      if (cached) {
        request.principal = cached;
      } else {
        await options.failures?.check(request);
        try {
          const { principal, exp } = await verifiedPrincipal(request);
          request.principal = principal;
          if (key) cache.set(key, principal, exp);
        } catch (err) {
          await options.failures?.record(request);
          throw asAuthError(err);
        }
      }
      // The route's roles, for a cached token as for a fresh one: 403 before the body is read.
      const needed = request.routeOptions.config.roles;
      if (needed && !hasRole(request.principal, ...needed)) {
        throw new AppError('FORBIDDEN', { detail: `This needs one of the roles: ${needed.join(', ')}.` });
      }
    });

    async function verifiedPrincipal(
      request: FastifyRequest,
    ): Promise<{ principal: Principal; exp: number }> {
      const payload = (await request.jwtVerify()) as Record<string, unknown>;
      checkTimes(payload, toleranceS, maxLifetimeS);
      const iss = payload.iss as string;
      const entry = issuers.get(iss);
      const { sub, org, roles } = payload;
      if (typeof sub !== 'string' || !sub || sub.length > 200) {
        throw new AppError('AUTH_TOKEN_INVALID', { detail: 'The sub claim is missing.' });
      }
      if (typeof org !== 'string' || !ORG_CODE.test(org)) {
        throw new AppError('AUTH_TOKEN_INVALID', { detail: 'The org claim is missing or malformed.' });
      }
      if (!entry || !organisationAllowed(entry.config, org)) {
        throw new AppError('AUTH_ORGANISATION_MISMATCH', {
          detail: `The issuer may not vouch for organisation ${org}.`,
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      }
      if (
        !Array.isArray(roles) ||
        roles.length === 0 ||
        !roles.every((r): r is Role => (ROLES as readonly unknown[]).includes(r))
      ) {
        throw new AppError('AUTH_TOKEN_INVALID', {
          detail: `The roles claim must list one or more of ${ROLES.join(', ')}.`,
        });
      }
      return {
        principal: Object.freeze({
          sub,
          org,
          roles: Object.freeze([...new Set(roles)]) as Role[],
          issuer: iss,
        }),
        exp: payload.exp as number,
      };
    }
  },
  { name: 'tym-auth', dependencies: ['tym-problem'] },
);

/** The verified caller of a protected route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('AUTH_REQUIRED');
  return request.principal;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}

/** Throws 403 unless the caller holds one of the roles. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Principal {
  const principal = principalOf(request);
  if (!hasRole(principal, ...roles)) {
    throw new AppError('FORBIDDEN', { detail: `This needs one of the roles: ${roles.join(', ')}.` });
  }
  return principal;
}
