import { createDb, type DbHandle } from '@tym/db';
import {
  createJobProducer,
  type JobProducer,
  jobCatalog,
  queuesOf,
  redisEventWaker,
  wakeOnEventCommit,
} from '@tym/jobs';
import { eventWebhooksOpenApi } from '@tym/notifications';
import {
  type App,
  type Clock,
  createPiiCipher,
  createPlatformApp,
  createRequestRedis,
  loadIssuers,
  parseKeyList,
  systemClock,
  waitForRedis,
} from '@tym/platform';
import { bullBoardPlugin, startWorker, type Worker, type WorkerRuntime, webhookOptionsOf } from '@tym/worker';
import type { FastifyBaseLogger } from 'fastify';
import { registerServices } from './compose.js';
import type { SingleNodeConfig } from './config.js';
import { devTokenOptionsOf, devTokenRoutes } from './dev-token.js';

export interface System {
  app: App;
  db: DbHandle;
  producer: JobProducer;
  worker: WorkerRuntime | null;
  close(): Promise<void>;
}

/**
 * Builds the whole system from config: one pool, the Redis clients, the platform app with
 * every service plugin, and (when enabled) the worker. Used by `main.ts` and the benchmarks.
 */
export async function createSystem(
  config: SingleNodeConfig,
  log: FastifyBaseLogger,
  options: { logRequests?: boolean; clock?: Clock } = {},
): Promise<System> {
  const clock = options.clock ?? systemClock;
  const issuers = loadIssuers(config);
  // Read before anything is opened: a key of no trusted issuer stops the start.
  const devToken = devTokenOptionsOf(config, issuers);
  const db = createDb({
    url: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: 'tym-single-node',
    // PostgreSQL restarted: the process stays up (503 and not ready meanwhile) and carries on.
    onConnectionError: (err) => log.warn({ err: err.message }, 'database connection lost'),
  });
  const requestRedis = createRequestRedis(config.REDIS_URL);
  if (!(await waitForRedis(requestRedis, 3_000))) {
    log.warn('Redis is not reachable yet: the API runs, and events wait in the database until it is');
  }
  const app = await createPlatformApp({
    logger: options.logRequests === false ? false : (log as never),
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
      // The deployment's prefix, as its queues use: deployments sharing a Redis never share counters.
      keyPrefix: config.QUEUE_PREFIX,
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    docs: {
      title: 'TYM case-coordination API',
      version: '0.1.0',
      description:
        'Multidisciplinary employment support (381/2023): referrals, joint plans, resourcing, deadlines, webhooks.',
      uiEnabled: config.DOCS_UI_ENABLED,
      serverUrl: config.PUBLIC_BASE_URL,
      // Partners see every event type they may subscribe to, with its data's schema.
      webhooks: eventWebhooksOpenApi(),
    },
    defaultLanguage: config.DEFAULT_LANGUAGE,
    trustProxy: config.TRUST_PROXY,
  });
  const producerRedis = createRequestRedis(config.REDIS_URL);
  const producer = createJobProducer(producerRedis, config.QUEUE_PREFIX);
  // A commit that wrote events wakes every worker's relay (Redis pub/sub, best-effort; the
  // relays poll as the safety net). The local worker, if any, is also woken directly.
  const unhookWake = wakeOnEventCommit(db.pool, redisEventWaker(producerRedis, config.QUEUE_PREFIX));
  const webhooks = webhookOptionsOf(config);
  // Identity codes are encrypted at rest with a blind index (referrals).
  const pii = createPiiCipher({
    encryptionKeys: parseKeyList(config.PII_ENCRYPTION_KEYS),
    currentKeyId: config.PII_CURRENT_KEY_ID,
    blindIndexKey: config.PII_BLIND_INDEX_KEY,
  });
  await registerServices(app, {
    db: db.db,
    clock,
    producer,
    pii,
    webhooks,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  });
  if (devToken) {
    await app.register(devTokenRoutes(devToken));
    log.warn('POST /dev/token is enabled (DEV_IDP_PRIVATE_KEY_FILE): a development system only');
  }
  if (config.BULL_BOARD_ENABLED) {
    await app.register(bullBoardPlugin(queuesOf(jobCatalog).map((name) => producer.queue(name))));
  }
  // The same worker factory and settings as the worker process (services/worker).
  const worker: Worker | null = config.WORKER_ENABLED
    ? await startWorker(config, {
        db: db.db,
        pool: db.pool,
        producer,
        log,
        clock,
        redisUrl: config.REDIS_URL,
      })
    : null;
  return {
    app,
    db,
    producer,
    worker: worker?.runtime ?? null,
    async close() {
      // HTTP first (in-flight requests finish), then jobs, then connections.
      await app.close();
      await worker?.close();
      unhookWake();
      await producer.close();
      producerRedis.disconnect();
      requestRedis.disconnect();
      await db.close();
    },
  };
}
