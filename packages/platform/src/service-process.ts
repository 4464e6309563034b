import { createDb, type DbHandle } from '@tym/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { type Static, Type } from 'typebox';
import { type App, createPlatformApp } from './app.js';
import { type Clock, systemClock } from './clock.js';
import { BaseConfigSchema, loadIssuers } from './config.js';
import { loggerOptions } from './logger.js';
import { createRequestRedis, waitForRedis } from './redis.js';
import { onShutdown } from './server.js';

/**
 * Settings of one HTTP service running as its own process (`services/<name>/src/server.ts`):
 * the platform's settings and the deployment's Redis key prefix (rate-limit counters, and
 * the queues a service enqueues to). Each service's `config.ts` extends it.
 */
export const ServiceProcessConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  QUEUE_PREFIX: Type.String({
    default: 'tym',
    pattern: '^[a-z0-9-]+$',
    description: 'Redis key prefix of this deployment: BullMQ queues and rate-limit counters',
  }),
});
export type ServiceProcessConfig = Static<typeof ServiceProcessConfigSchema>;

/** What a service's server.ts gets to register its plugin with. */
export interface ServiceProcessContext<C extends ServiceProcessConfig> {
  app: App;
  db: DbHandle;
  clock: Clock;
  log: FastifyBaseLogger;
  config: C;
  /** A Redis client of the process (fails fast), for a service that enqueues jobs. */
  createRedis(): Redis;
}

export interface ServiceProcessOptions<C extends ServiceProcessConfig> {
  /** `resourcing`, `referrals`…: the pool's application name is `tym-<name>`. */
  name: string;
  config: C;
  docs: { title: string; description: string };
  /** Registers the service's plugin; returns what else must close on shutdown. */
  register(context: ServiceProcessContext<C>): Promise<(() => Promise<void>) | undefined>;
}

export interface ServiceProcess {
  app: App;
  address: string;
  close(): Promise<void>;
}

/**
 * One service as its own process: its pool, its Redis clients, the platform app (health at
 * /health/live and /health/ready, /docs with this service's operations), its plugin, and
 * graceful shutdown on SIGTERM (in-flight requests finish within SHUTDOWN_GRACE_MS, new ones
 * get 503). Listens on HOST:PORT. The same plugin runs in `services/single-node` beside the
 * others; this is how production runs it, one per container.
 */
export async function startServiceProcess<C extends ServiceProcessConfig>(
  options: ServiceProcessOptions<C>,
): Promise<ServiceProcess> {
  const { config } = options;
  const log = pino(loggerOptions(config.LOG_LEVEL, config.LOG_PRETTY));
  const issuers = loadIssuers(config);
  const db = createDb({
    url: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: `tym-${options.name}`,
    // PostgreSQL restarted: the process stays up (503 and not ready meanwhile) and carries on.
    onConnectionError: (err) => log.warn({ err: err.message }, 'database connection lost'),
  });
  const redisClients: Redis[] = [];
  const createRedis = () => {
    const client = createRequestRedis(config.REDIS_URL);
    redisClients.push(client);
    return client;
  };
  const requestRedis = createRedis();
  if (!(await waitForRedis(requestRedis, 3_000))) {
    log.warn('Redis is not reachable yet: the API runs without rate limits until it is');
  }
  const app = await createPlatformApp({
    logger: log,
    auth: {
      issuers,
      audience: config.AUTH_AUDIENCE,
      clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
      maxTokenLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    },
    pool: db.pool,
    redis: requestRedis,
    rateLimit: {
      max: config.RATE_LIMIT_MAX,
      timeWindowMs: config.RATE_LIMIT_WINDOW_MS,
      authFailuresMax: config.RATE_LIMIT_AUTH_FAILURES_MAX,
      keyPrefix: config.QUEUE_PREFIX,
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    docs: {
      title: options.docs.title,
      version: '0.1.0',
      description: options.docs.description,
      uiEnabled: config.DOCS_UI_ENABLED,
      serverUrl: config.PUBLIC_BASE_URL,
    },
    defaultLanguage: config.DEFAULT_LANGUAGE,
    trustProxy: config.TRUST_PROXY,
  });
  let closeExtra: (() => Promise<void>) | undefined;
  const closeConnections = async () => {
    await closeExtra?.();
    for (const client of redisClients) client.disconnect();
    await db.close();
  };
  try {
    closeExtra = await options.register({ app, db, clock: systemClock, log, config, createRedis });
  } catch (err) {
    await app.close();
    await closeConnections();
    throw err;
  }
  const close = async () => {
    // HTTP first (in-flight requests finish, new ones get 503), then connections.
    await app.close();
    await closeConnections();
  };
  onShutdown({ log, graceMs: config.SHUTDOWN_GRACE_MS, close });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  log.info({ service: options.name, listening: address }, `TYM ${options.name} listening`);
  return { app, address, close };
}

/** The `main()` of a service's server.ts: a start-up failure is one line and exit code 1. */
export function runServiceMain(name: string, start: () => Promise<unknown>): void {
  start().catch((err: unknown) => {
    process.stderr.write(`TYM ${name} failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
