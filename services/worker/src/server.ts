import { createDb, pingDatabase } from '@tym/db';
import { createJobProducer } from '@tym/jobs';
import { createRequestRedis, loggerOptions, onShutdown, systemClock } from '@tym/platform';
import pino from 'pino';
import { startHealthServer } from './admin/health-server.js';
import { loadWorkerConfig } from './config.js';
import { startWorker } from './worker.js';

/**
 * The worker as its own process: BullMQ processors, the outbox relay, the sweeps and a
 * health endpoint. SIGTERM: active jobs finish (within SHUTDOWN_GRACE_MS), jobs not started
 * stay in Redis; a job cut short by SIGKILL returns to the queue when its lock expires.
 */
async function main() {
  const config = loadWorkerConfig();
  const log = pino(loggerOptions(config.LOG_LEVEL, config.LOG_PRETTY));
  const db = createDb({
    url: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: 'tym-worker',
    // PostgreSQL restarted: the process stays up (not ready meanwhile) and carries on.
    onConnectionError: (err) => log.warn({ err: err.message }, 'database connection lost'),
  });
  const producerRedis = createRequestRedis(config.REDIS_URL);
  const producer = createJobProducer(producerRedis, config.QUEUE_PREFIX);
  const worker = await startWorker(config, {
    db: db.db,
    pool: db.pool,
    producer,
    log,
    clock: systemClock,
    redisUrl: config.REDIS_URL,
  });
  const health = await startHealthServer(config.WORKER_HEALTH_HOST, config.WORKER_HEALTH_PORT, {
    database: () => pingDatabase(db.pool),
    redis: async () => {
      await worker.connection.ping();
    },
  });
  onShutdown({
    log,
    graceMs: config.SHUTDOWN_GRACE_MS,
    close: async () => {
      await worker.close();
      await health.close();
      await producer.close();
      producerRedis.disconnect();
      await db.close();
    },
  });
  log.info({ prefix: config.QUEUE_PREFIX, healthPort: health.port }, 'TYM worker running');
}

main().catch((err: unknown) => {
  process.stderr.write(`TYM worker failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
