import { createDb, type DbHandle } from '@tym/db';
import { createJobProducer, type JobProducer } from '@tym/jobs';
import {
  type App,
  type Clock,
  createPlatformApp,
  createRequestRedis,
  loadIssuers,
  systemClock,
  waitForRedis,
} from '@tym/platform';
import { createProcessors, startWorkerRuntime, type WorkerRuntime } from '@tym/worker';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { registerServices } from './compose.js';
import type { SingleNodeConfig } from './config.js';

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
  const db = createDb({
    url: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: 'tym-single-node',
  });
  const requestRedis = createRequestRedis(config.REDIS_URL);
  if (!(await waitForRedis(requestRedis, 3_000))) {
    log.warn('Redis is not reachable yet: the API runs, and events wait in the database until it is');
  }
  const app = await createPlatformApp({
    logger: options.logRequests === false ? false : (log as never),
    auth: { issuers, audience: config.AUTH_AUDIENCE },
    pool: db.pool,
    redis: requestRedis,
    rateLimit: { max: config.RATE_LIMIT_MAX, timeWindowMs: config.RATE_LIMIT_WINDOW_MS },
    bodyLimit: config.BODY_LIMIT_BYTES,
    docs: {
      title: 'TYM case-coordination API',
      version: '0.1.0',
      description:
        'Multidisciplinary employment support (381/2023): referrals, joint plans, resourcing, deadlines, webhooks.',
      uiEnabled: config.DOCS_UI_ENABLED,
      serverUrl: config.PUBLIC_BASE_URL,
    },
    defaultLanguage: config.DEFAULT_LANGUAGE,
  });
  await registerServices(app, { db: db.db, clock });

  const producerRedis = createRequestRedis(config.REDIS_URL);
  const producer = createJobProducer(producerRedis, config.QUEUE_PREFIX);
  let worker: WorkerRuntime | null = null;
  let workerRedis: Redis | null = null;
  if (config.WORKER_ENABLED) {
    workerRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    workerRedis.on('error', () => {});
    worker = await startWorkerRuntime({
      db: db.db,
      pool: db.pool,
      workerConnection: workerRedis,
      producer,
      prefix: config.QUEUE_PREFIX,
      processors: createProcessors({ db: db.db, clock, log }),
      log,
      concurrency: config.WORKER_CONCURRENCY,
    });
  }
  return {
    app,
    db,
    producer,
    worker,
    async close() {
      // HTTP first (in-flight requests finish), then jobs, then connections.
      await app.close();
      await worker?.close();
      await producer.close();
      producerRedis.disconnect();
      workerRedis?.disconnect();
      requestRedis.disconnect();
      await db.close();
    },
  };
}
