import { createDb } from '@tym/db';
import { createJobProducer } from '@tym/jobs';
import { createRequestRedis, loggerOptions, onShutdown, systemClock } from '@tym/platform';
import { Redis } from 'ioredis';
import pino from 'pino';
import { loadWorkerConfig } from './config.js';
import { createProcessors } from './processors.js';
import { startWorkerRuntime } from './runtime.js';

/** The worker as its own process: BullMQ processors and the outbox relay. */
async function main() {
  const config = loadWorkerConfig();
  const log = pino(loggerOptions(config.LOG_LEVEL, config.LOG_PRETTY));
  const db = createDb({
    url: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: 'tym-worker',
  });
  const producerRedis = createRequestRedis(config.REDIS_URL);
  const workerRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  workerRedis.on('error', () => {});
  const producer = createJobProducer(producerRedis, config.QUEUE_PREFIX);
  const runtime = await startWorkerRuntime({
    db: db.db,
    pool: db.pool,
    workerConnection: workerRedis,
    producer,
    prefix: config.QUEUE_PREFIX,
    processors: createProcessors({ db: db.db, clock: systemClock, log }),
    log,
    concurrency: config.WORKER_CONCURRENCY,
  });
  onShutdown({
    log,
    graceMs: config.SHUTDOWN_GRACE_MS,
    close: async () => {
      await runtime.close();
      await producer.close();
      producerRedis.disconnect();
      workerRedis.disconnect();
      await db.close();
    },
  });
  log.info({ prefix: config.QUEUE_PREFIX }, 'TYM worker running');
}

main().catch((err: unknown) => {
  process.stderr.write(`TYM worker failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
