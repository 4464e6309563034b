import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis client for request paths (rate limits, readiness): fails fast instead of
 * queueing commands while Redis is away, so the API keeps answering without it.
 */
export function createRequestRedis(url: string, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  });
  redis.on('error', () => {});
  return redis;
}

/** Resolves when the client is connected, or false after `timeoutMs` (never throws). */
export async function waitForRedis(redis: Redis, timeoutMs = 5_000): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    timer.unref();
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
