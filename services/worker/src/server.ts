import { createDb, pingDatabase } from '@tym/db';
import { createJobProducer, QUEUES } from '@tym/jobs';
import { createRequestRedis, loggerOptions, onShutdown, systemClock } from '@tym/platform';
import { Redis } from 'ioredis';
import pino from 'pino';
import { startHealthServer } from './admin/health-server.js';
import { loadWorkerConfig, retentionOptionsOf, smtpOptionsOf, webhookOptionsOf } from './config.js';
import { createSmtpMailer } from './email/email-transport.js';
import { createProcessors } from './processors.js';
import { startWorkerRuntime } from './runtime.js';

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
  const workerRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  workerRedis.on('error', () => {});
  const producer = createJobProducer(producerRedis, config.QUEUE_PREFIX);
  const smtp = smtpOptionsOf(config);
  const mailer = smtp ? createSmtpMailer(smtp) : undefined;
  if (!mailer) log.warn('no SMTP_URL or SMTP_HOST: e-mails wait in the outbox');
  const runtime = await startWorkerRuntime({
    db: db.db,
    pool: db.pool,
    workerConnection: workerRedis,
    producer,
    prefix: config.QUEUE_PREFIX,
    processors: createProcessors({
      db: db.db,
      clock: systemClock,
      log,
      producer,
      webhooks: webhookOptionsOf(config),
      notify: { publicBaseUrl: config.PUBLIC_BASE_URL, defaultLanguage: config.DEFAULT_LANGUAGE },
      ...(mailer ? { mailer } : {}),
      retention: retentionOptionsOf(config),
    }),
    log,
    concurrency: config.WORKER_CONCURRENCY,
    concurrencyByQueue: {
      [QUEUES.webhookDeliveries]: config.WEBHOOK_CONCURRENCY,
      [QUEUES.deadlines]: config.DEADLINE_CONCURRENCY,
      [QUEUES.emails]: config.EMAIL_CONCURRENCY,
    },
    lockDurationMs: config.WORKER_LOCK_MS,
    deadlineSweepEveryMs: config.DEADLINE_SWEEP_EVERY_MS,
    emailSweepEveryMs: config.EMAIL_SWEEP_EVERY_MS,
    retentionSweepEveryMs: config.RETENTION_SWEEP_EVERY_MS,
    schedulerRefreshMs: config.SCHEDULER_REFRESH_MS,
    relayIntervalMs: config.RELAY_INTERVAL_MS,
    strandedAfterMs: config.OUTBOX_STRANDED_AFTER_MS,
    strandedSweepEveryMs: config.OUTBOX_STRANDED_SWEEP_EVERY_MS,
  });
  const health = await startHealthServer(config.WORKER_HEALTH_HOST, config.WORKER_HEALTH_PORT, {
    database: () => pingDatabase(db.pool),
    redis: async () => {
      await workerRedis.ping();
    },
  });
  onShutdown({
    log,
    graceMs: config.SHUTDOWN_GRACE_MS,
    close: async () => {
      await runtime.close();
      await health.close();
      await producer.close();
      mailer?.close();
      producerRedis.disconnect();
      workerRedis.disconnect();
      await db.close();
    },
  });
  log.info({ prefix: config.QUEUE_PREFIX, healthPort: health.port }, 'TYM worker running');
}

main().catch((err: unknown) => {
  process.stderr.write(`TYM worker failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
