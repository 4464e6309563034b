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

/** What @fastify/rate-limit's `incr` answers: the request's number in its window, and the window's rest. */
interface StoreAnswer {
  current: number;
  ttl: number;
}
type StoreCallback = (err: Error | null, answer: StoreAnswer | null) => void;

/** A caller's tokens drawn from the shared counter, used by this process only. */
interface Lease {
  /** The number in the window of this process's next request (its next token). */
  next: number;
  /** Tokens left in the lease. */
  left: number;
  /** The shared window was full when the lease was asked for: refuse until it ends. */
  exceeded: boolean;
  /** Local time after which the lease is void (never after the Redis window ends). */
  endsAtMs: number;
}

/** At most this share of a window's remaining requests goes to one lease (1/16). */
export const LEASE_SHARE_DIVISOR = 16;
/** Tokens one lease may hold at most. */
export const LEASE_MAX_TOKENS = 100;
/** Callers with a lease kept per process; expired leases go first, then the oldest. */
const MAX_LEASES = 10_000;

/**
 * Draws up to `most` tokens from the window's shared counter, atomically: a grant never
 * takes the counter past `max`, so across every process at most `max` requests are allowed
 * per window. Near the limit a grant is one token, so the counter stays exact where it
 * matters. Returns [counter after the grant, the window's ms left, tokens granted].
 */
const LEASE_SCRIPT = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local divisor = tonumber(ARGV[3])
local most = tonumber(ARGV[4])
local current = tonumber(redis.call('GET', key) or '0')
local ttl = redis.call('PTTL', key)
if current >= max then
  if ttl < 0 then ttl = window end
  return {current, ttl, 0}
end
local grant = math.min(most, math.max(1, math.floor((max - current) / divisor)))
local after = redis.call('INCRBY', key, grant)
if after == grant or ttl < 0 then
  redis.call('PEXPIRE', key, window)
  ttl = window
end
return {after, ttl, grant}
`;

type LeaseRedis = Redis & {
  tymRateLease?: (
    key: string,
    windowMs: number,
    max: number,
    divisor: number,
    most: number,
  ) => Promise<[number, number, number]>;
};

/**
 * A @fastify/rate-limit store that keeps the limit in Redis, shared by every process, but
 * does not ask Redis on every request: a process draws a lease of tokens for a caller (at
 * most 1/16 of what the window has left, at most 100, one token near the limit) and counts
 * them down locally until the lease is used up or the window ends. The shared counter
 * counts every leased token, so the limit is never exceeded across processes; tokens left
 * in a lease when the window ends are not used (a caller may be refused a few requests
 * early, never allowed more). A full window is remembered until it ends, so a flood costs
 * Redis nothing either. Redis away: the error goes to the plugin (`skipOnError`).
 */
export class LeasedRedisStore {
  private readonly leases = new Map<string, Lease>();
  private readonly waiting = new Map<string, Array<() => void>>();
  constructor(
    private readonly client: LeaseRedis,
    private readonly prefix: string,
  ) {
    if (!client.tymRateLease) client.defineCommand('tymRateLease', { numberOfKeys: 1, lua: LEASE_SCRIPT });
  }
  incr(key: string, cb: StoreCallback, timeWindow: number, max: number): void {
    const now = Date.now();
    const lease = this.leases.get(key);
    if (lease && now < lease.endsAtMs) {
      if (lease.exceeded) {
        cb(null, { current: max + 1, ttl: lease.endsAtMs - now });
        return;
      }
      if (lease.left > 0) {
        lease.left -= 1;
        cb(null, { current: lease.next++, ttl: lease.endsAtMs - now });
        return;
      }
    }
    // One lease request per caller at a time; the others wait for it and take from it.
    const queued = this.waiting.get(key);
    if (queued) {
      queued.push(() => this.incr(key, cb, timeWindow, max));
      return;
    }
    this.waiting.set(key, []);
    const askedAt = now;
    (this.client.tymRateLease as NonNullable<LeaseRedis['tymRateLease']>)(
      this.prefix + key,
      timeWindow,
      max,
      LEASE_SHARE_DIVISOR,
      LEASE_MAX_TOKENS,
    ).then(
      ([after, ttl, grant]) => {
        // Counted from when it was asked: the lease ends no later than the Redis window.
        const endsAtMs = askedAt + Math.max(0, ttl);
        this.remember(key, {
          next: after - grant + 2,
          left: Math.max(0, grant - 1),
          exceeded: grant === 0,
          endsAtMs,
        });
        const ttlNow = Math.max(0, endsAtMs - Date.now());
        cb(null, { current: grant === 0 ? Math.max(after, max) + 1 : after - grant + 1, ttl: ttlNow });
        this.release(key);
      },
      (err: Error) => {
        cb(err, null);
        this.release(key);
      },
    );
  }

  private release(key: string): void {
    const queued = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    for (const next of queued) next();
  }

  private remember(key: string, lease: Lease): void {
    this.leases.delete(key);
    this.leases.set(key, lease);
    if (this.leases.size <= MAX_LEASES) return;
    const now = Date.now();
    for (const [k, l] of this.leases) if (l.endsAtMs <= now) this.leases.delete(k);
    for (const k of this.leases.keys()) {
      if (this.leases.size <= MAX_LEASES) break;
      this.leases.delete(k);
    }
  }

  /** The shared counter as Redis has it (`{ increment: false }`); leases not counted twice. */
  read(key: string, cb: StoreCallback): void {
    this.client
      .multi()
      .get(this.prefix + key)
      .pttl(this.prefix + key)
      .exec()
      .then(
        (res) => {
          const current = Number(res?.[0]?.[1] ?? 0);
          const ttl = Number(res?.[1]?.[1] ?? 0);
          cb(null, { current, ttl: Math.max(ttl, 0) });
        },
        (err: Error) => cb(err, null),
      );
  }

  /** A route with its own limit counts under its own keys, as the plugin's Redis store does. */
  child(routeOptions: { routeInfo: { method?: string; url?: string } }): LeasedRedisStore {
    const { method = '', url = '' } = routeOptions.routeInfo;
    return new LeasedRedisStore(this.client, `${this.prefix}${method}${url}-`);
  }
}

/** The store class @fastify/rate-limit instantiates (`new Store(params)`), on this client and prefix. */
export function leasedRedisStore(
  redis: Redis,
  keyPrefix: string,
): new (
  params?: unknown,
) => LeasedRedisStore {
  return class extends LeasedRedisStore {
    constructor() {
      super(redis as LeaseRedis, keyPrefix);
    }
  };
}

/**
 * The request limiter: per verified caller (organisation and subject), per address for
 * public routes. It runs in the route's `onRequest` stage — after authentication, before
 * the body is read or validated — so invalid bodies count like any other request. The
 * counter is shared by every process through Redis; each process draws on it in leases
 * (leasedRedisStore), so most requests cost no Redis round trip.
 */
export async function registerRateLimit(app: FastifyInstance, redis: Redis, options: RateLimitOptions) {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: options.max,
    timeWindow: options.timeWindowMs,
    // The shared counter in Redis, drawn on in leases (leasedRedisStore).
    store: leasedRedisStore(redis, `${options.keyPrefix}:rl:requests:`) as never,
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
