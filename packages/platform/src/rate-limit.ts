import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AuthFailureGuard } from './auth.js';
import { AppError } from './errors.js';

export interface RateLimitOptions {
  /** Requests per window per verified caller (per address without a token). */
  max: number;
  timeWindowMs: number;
  /**
   * The deployment's Redis key prefix (the one its queues use, e.g. `QUEUE_PREFIX`): keys
   * are `<prefix>:rl:…`, so deployments sharing one Redis never share counters.
   */
  keyPrefix: string;
  /** Failed authentications per window per client address before it gets 429 (default 100). */
  authFailuresMax?: number;
}

export const DEFAULT_AUTH_FAILURES_MAX = 30;

/** The address a counter is kept for: an IPv6 caller by its /64, as it can pick any address in it. */
function clientAddress(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

function rateLimited(max: number, windowMs: number, retryAfterMs: number): AppError {
  return new AppError('RATE_LIMITED', {
    detail: `Rate limit of ${max} per ${Math.round(windowMs / 1000)} s exceeded.`,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  });
}

/**
 * Counts failed authentications per client address in Redis. An address over the limit is
 * refused with 429 before its token costs a signature check, until its window ends. Redis
 * away: nothing is counted and nobody is refused (the API keeps answering).
 */
export function authFailureGuard(redis: Redis, options: RateLimitOptions): AuthFailureGuard {
  const max = options.authFailuresMax ?? DEFAULT_AUTH_FAILURES_MAX;
  const windowMs = options.timeWindowMs;
  const keyOf = (request: FastifyRequest) =>
    `${options.keyPrefix}:rl:auth-failures:${clientAddress(request)}`;
  return {
    async check(request) {
      let retryAfterMs: number | undefined;
      try {
        const key = keyOf(request);
        const count = Number(await redis.get(key));
        if (count >= max) retryAfterMs = await redis.pttl(key);
      } catch {
        return;
      }
      if (retryAfterMs !== undefined)
        throw rateLimited(max, windowMs, retryAfterMs > 0 ? retryAfterMs : windowMs);
    },
    async record(request) {
      const key = keyOf(request);
      try {
        // The window starts at the first failure (SET … NX), like the request limiter's.
        await redis.multi().set(key, '0', 'PX', windowMs, 'NX').incr(key).exec();
      } catch {
        // Redis away: not counted.
      }
    },
  };
}

/**
 * The request limiter: per verified caller (organisation and subject), per address for
 * public routes. It runs in the route's `onRequest` stage — after authentication, before
 * the body is read or validated — so invalid bodies count like any other request.
 */
export async function registerRateLimit(app: FastifyInstance, redis: Redis, options: RateLimitOptions) {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: options.max,
    timeWindow: options.timeWindowMs,
    redis,
    nameSpace: `${options.keyPrefix}:rl:requests:`,
    // Redis away must not take the API down with it.
    skipOnError: true,
    keyGenerator: (request) =>
      request.principal
        ? `${request.principal.org}:${request.principal.sub}`
        : `ip:${clientAddress(request)}`,
    errorResponseBuilder: (_request, context) => {
      const err = new Error(
        `Rate limit of ${context.max} requests per ${context.after} exceeded.`,
      ) as Error & {
        statusCode: number;
      };
      err.statusCode = 429;
      return err;
    },
  });
}
