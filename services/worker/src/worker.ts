import type { Database } from '@tym/db';
import { type JobProducer, QUEUES } from '@tym/jobs';
import { createSmtpMailer, type Mailer } from '@tym/notifications';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { retentionOptionsOf, smtpOptionsOf, type WorkerSettings, webhookOptionsOf } from './config.js';
import { createProcessors } from './processors.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';

export interface WorkerDeps {
  db: Database;
  pool: pg.Pool;
  /** Enqueues follow-up jobs and relays the outbox (`enableOfflineQueue: false`). */
  producer: JobProducer;
  log: FastifyBaseLogger;
  clock: { now(): Date };
  /** Redis for BullMQ's blocking worker connection (one is opened here). */
  redisUrl: string;
}

export interface Worker {
  runtime: WorkerRuntime;
  /** The blocking BullMQ connection (health checks ping it). */
  connection: Redis;
  close(): Promise<void>;
}

/**
 * The one worker factory: the services' processors (`createProcessors`), the SMTP mailer,
 * and the BullMQ runtime with every setting of `WorkerSettingsSchema` (concurrency, lock
 * time, sweep intervals, relay, stranded events). The worker process (server.ts) and the
 * single node both start the worker through it; each owns its own process concerns
 * (health endpoint, HTTP app, signals and the shutdown grace).
 */
export async function startWorker(settings: WorkerSettings, deps: WorkerDeps): Promise<Worker> {
  const smtp = smtpOptionsOf(settings);
  const mailer: Mailer | undefined = smtp ? createSmtpMailer(smtp) : undefined;
  if (!mailer) deps.log.warn('no SMTP_URL or SMTP_HOST: e-mails wait in the outbox');
  const connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => {});
  const runtime = await startWorkerRuntime({
    db: deps.db,
    pool: deps.pool,
    workerConnection: connection,
    producer: deps.producer,
    prefix: settings.QUEUE_PREFIX,
    processors: createProcessors({
      db: deps.db,
      clock: deps.clock,
      log: deps.log,
      producer: deps.producer,
      webhooks: webhookOptionsOf(settings),
      notify: { publicBaseUrl: settings.PUBLIC_BASE_URL, defaultLanguage: settings.DEFAULT_LANGUAGE },
      ...(mailer ? { mailer } : {}),
      retention: retentionOptionsOf(settings),
    }),
    log: deps.log,
    concurrency: settings.WORKER_CONCURRENCY,
    concurrencyByQueue: {
      [QUEUES.events]: settings.EVENT_DISPATCH_CONCURRENCY,
      [QUEUES.webhookDeliveries]: settings.WEBHOOK_CONCURRENCY,
      [QUEUES.deadlines]: settings.DEADLINE_CONCURRENCY,
      [QUEUES.emails]: settings.EMAIL_CONCURRENCY,
    },
    lockDurationMs: settings.WORKER_LOCK_MS,
    deadlineSweepEveryMs: settings.DEADLINE_SWEEP_EVERY_MS,
    emailSweepEveryMs: settings.EMAIL_SWEEP_EVERY_MS,
    retentionSweepEveryMs: settings.RETENTION_SWEEP_EVERY_MS,
    schedulerRefreshMs: settings.SCHEDULER_REFRESH_MS,
    relayIntervalMs: settings.RELAY_INTERVAL_MS,
    eventDispatchBatch: settings.EVENT_DISPATCH_BATCH,
    strandedAfterMs: settings.OUTBOX_STRANDED_AFTER_MS,
    strandedSweepEveryMs: settings.OUTBOX_STRANDED_SWEEP_EVERY_MS,
  });
  return {
    runtime,
    connection,
    async close() {
      // Active jobs finish first; then the mailer and the blocking connection go.
      await runtime.close();
      mailer?.close();
      connection.disconnect();
    },
  };
}
