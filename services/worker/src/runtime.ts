import { type Database, isDatabaseUnavailable } from '@tym/db';
import type { JobContext, ProcessorMap } from '@tym/jobs';
import {
  eventsCommittedChannel,
  type JobDefinition,
  type JobName,
  type JobProducer,
  jobCatalog,
  queuesOf,
  reenqueueStranded,
  relayOnce,
  wakeOnEventCommit,
} from '@tym/jobs';
import { redactErrorInPlace } from '@tym/platform';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import Value from 'typebox/value';

export class MissingProcessorError extends Error {
  override name = 'MissingProcessorError';
}

/** The worker refuses to start unless every catalog job has exactly one processor. */
export function assertProcessorsCover(
  catalog: Record<string, JobDefinition>,
  processors: Record<string, unknown>,
): void {
  const missing = Object.keys(catalog).filter((name) => typeof processors[name] !== 'function');
  const unknown = Object.keys(processors).filter((name) => !(name in catalog));
  if (missing.length || unknown.length) {
    throw new MissingProcessorError(
      [
        missing.length ? `no processor for ${missing.join(', ')}` : '',
        unknown.length ? `processors for jobs not in the catalog: ${unknown.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
}

export interface WorkerRuntimeOptions {
  db: Database;
  pool: pg.Pool;
  /** A connection with maxRetriesPerRequest: null (BullMQ workers block on Redis). */
  workerConnection: Redis;
  producer: JobProducer;
  prefix: string;
  processors: ProcessorMap;
  log: FastifyBaseLogger;
  concurrency?: number;
  /** Per-queue concurrency (webhook deliveries mostly wait on the network). */
  concurrencyByQueue?: Record<string, number>;
  relayIntervalMs?: number;
  /** Events per `event.dispatch` job (100 by default; see bench/README.md). */
  eventDispatchBatch?: number;
  /** Tests drive the relay themselves. */
  relay?: boolean;
  /**
   * An event enqueued this long ago and still not dispatched has lost its job (Redis lost its
   * data) and is enqueued again (60 s by default); checked every `strandedSweepEveryMs`.
   */
  strandedAfterMs?: number;
  /** How often the relay looks for stranded events (every 30 s by default). */
  strandedSweepEveryMs?: number;
  /**
   * A job that failed only because PostgreSQL is away runs again after this long (2 s by
   * default) without spending an attempt: the worker carries on within seconds after the
   * database is back, however long it was away, and no job fails for good meanwhile.
   */
  databaseRetryMs?: number;
  /** A relay round taking longer than this counts as failed (Redis away); 10 s by default. */
  relayTimeoutMs?: number;
  /** Periodic jobs (the webhook sweep) through BullMQ job schedulers; tests may turn them off. */
  schedulers?: boolean;
  webhookSweepEveryMs?: number;
  /** How often the deadline and e-mail sweeps run (every minute by default). */
  deadlineSweepEveryMs?: number;
  emailSweepEveryMs?: number;
  /** How often the retention sweep runs (every hour by default). */
  retentionSweepEveryMs?: number;
  /** BullMQ lock duration: a job of a worker that died returns to the queue after this. */
  lockDurationMs?: number;
  /**
   * How often the schedulers are upserted again (idempotent): a Redis that came back empty
   * (restarted without persistence, flushed) gets its sweeps back within this time.
   */
  schedulerRefreshMs?: number;
}

/** The webhook sweep's job scheduler id: one per prefix, whatever the number of workers. */
export const WEBHOOK_SWEEP_SCHEDULER = 'webhook-sweep';
export const DEADLINE_SWEEP_SCHEDULER = 'deadline-sweep';
export const EMAIL_SWEEP_SCHEDULER = 'email-sweep';
/** The hourly erasure of declined/withdrawn referrals' details and spent e-mail records. */
export const RETENTION_SWEEP_SCHEDULER = 'retention-sweep';

/**
 * A relay round that waits on a Redis which went away (BullMQ waits for the connection to be
 * ready again) must not hold the relay forever: after the timeout the round counts as failed
 * and the next one starts. A late finish of the abandoned round is harmless (job ids).
 */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`relay round timed out after ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface WorkerRuntime {
  workers: Worker[];
  /** Runs one relay round now (also what a commit's wake and the interval trigger). */
  relayNow(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a BullMQ worker per catalog queue, dispatching by job name, and the outbox relay:
 * woken after a commit that wrote events — directly when the commit was on this process's
 * pool, through Redis pub/sub (`<prefix>:events:committed`) when another process committed
 * (@tym/jobs wake.ts) — and by an interval in case a wake was lost (or Redis was away and
 * events are waiting). No LISTEN/NOTIFY: NOTIFY serialised every event-writing commit.
 */
export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  assertProcessorsCover(jobCatalog, options.processors);
  const { log } = options;

  const handle = async (job: Job) => {
    const name = job.name as JobName;
    const def = jobCatalog[name];
    if (!def) throw new UnrecoverableError(`job ${job.name} is not in the catalog`);
    if (!Value.Check(def.payload, job.data))
      throw new UnrecoverableError(`job ${job.name} has an invalid payload`);
    const processor = options.processors[name] as (p: unknown, c: JobContext) => Promise<unknown>;
    try {
      return await processor(job.data, {
        jobId: job.id ?? '',
        attemptsMade: job.attemptsMade,
        producer: options.producer,
      });
    } catch (err) {
      // BullMQ keeps the message and stack with the job: never a query's values.
      throw redactErrorInPlace(err);
    }
  };

  const databaseRetryMs = options.databaseRetryMs ?? 2_000;
  const run = async (job: Job, token?: string) => {
    try {
      return await handle(job);
    } catch (err) {
      if (!token || !isDatabaseUnavailable(err)) throw err;
      // PostgreSQL away: back to the delayed set for a short, fixed while; not an attempt.
      log.warn({ job: job.name, jobId: job.id }, 'database unavailable; job deferred');
      await job.moveToDelayed(Date.now() + databaseRetryMs, token);
      throw new DelayedError();
    }
  };

  const workers = queuesOf(jobCatalog).map((queue) => {
    const worker = new Worker(queue, run, {
      connection: options.workerConnection,
      prefix: options.prefix,
      concurrency: options.concurrencyByQueue?.[queue] ?? options.concurrency ?? 4,
      autorun: true,
      ...(options.lockDurationMs
        ? { lockDuration: options.lockDurationMs, stalledInterval: Math.max(500, options.lockDurationMs / 2) }
        : {}),
    });
    worker.on('failed', (job, err) =>
      log.warn(
        { queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    worker.on('error', (err) => log.error({ queue, err: err.message }, 'worker error'));
    return worker;
  });

  let running: Promise<number> | null = null;
  let again = false;
  let failures = 0;
  const strandedAfterMs = options.strandedAfterMs ?? 60_000;
  const strandedSweepEveryMs = options.strandedSweepEveryMs ?? 30_000;
  let lastStrandedSweep = 0;
  /** One relay round, and now and then the sweep of events whose dispatch job was lost. */
  const relayRound = async (): Promise<number> => {
    const total = await relayOnce(options.db, options.producer, 500, options.eventDispatchBatch);
    if (Date.now() - lastStrandedSweep >= strandedSweepEveryMs) {
      const swept = await reenqueueStranded(
        options.db,
        options.producer,
        strandedAfterMs,
        500,
        options.eventDispatchBatch,
      );
      lastStrandedSweep = Date.now();
      if (swept.readded || swept.retried)
        log.warn(swept, 'dispatch jobs of enqueued events were lost or failed; enqueued again');
    }
    return total;
  };
  const relayNow = async (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await withTimeout(relayRound(), options.relayTimeoutMs ?? 10_000);
          failures = 0;
        } catch (err) {
          // Redis or PostgreSQL away: the events stay in the database for the next round.
          log.warn({ err: (err as Error).message }, 'outbox relay round failed; will retry');
          failures += 1;
          if (failures % 5 === 0) options.producer.reset();
          break;
        }
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  let timer: NodeJS.Timeout | null = null;
  let schedulerRetry: NodeJS.Timeout | null = null;
  let closed = false;

  // Job schedulers (BullMQ) rather than a timer per process: however many workers run, each
  // sweep runs once per period. Upserting is idempotent, so every worker may do it.
  const sweeps = [
    {
      id: WEBHOOK_SWEEP_SCHEDULER,
      name: 'webhook.sweep' as const,
      every: options.webhookSweepEveryMs ?? 30_000,
    },
    {
      id: DEADLINE_SWEEP_SCHEDULER,
      name: 'deadline.sweep' as const,
      every: options.deadlineSweepEveryMs ?? 60_000,
    },
    { id: EMAIL_SWEEP_SCHEDULER, name: 'email.sweep' as const, every: options.emailSweepEveryMs ?? 60_000 },
    {
      id: RETENTION_SWEEP_SCHEDULER,
      name: 'retention.sweep' as const,
      every: options.retentionSweepEveryMs ?? 3_600_000,
    },
  ];
  const scheduleSweep = async () => {
    try {
      for (const sweep of sweeps) {
        await options.producer
          .queue(jobCatalog[sweep.name].queue)
          .upsertJobScheduler(
            sweep.id,
            { every: sweep.every },
            { name: sweep.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 1_000 } },
          );
      }
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'sweep schedulers not set; retrying');
      if (!closed) schedulerRetry = setTimeout(() => void scheduleSweep(), 10_000);
      schedulerRetry?.unref();
    }
  };
  // Not awaited: with Redis away the worker still starts, and the retry above sets it later.
  let schedulerRefresh: NodeJS.Timeout | null = null;
  if (options.schedulers !== false) {
    void scheduleSweep();
    schedulerRefresh = setInterval(() => void scheduleSweep(), options.schedulerRefreshMs ?? 60_000);
    schedulerRefresh.unref();
  }
  // Wakes from other processes (the API's commits) over Redis pub/sub. ioredis subscribes
  // again after a reconnect; each (re)connection runs a round for what was missed meanwhile.
  let subscriber: Redis | null = null;
  let unhookCommits: (() => void) | null = null;
  const listen = () => {
    const sub = options.workerConnection.duplicate();
    subscriber = sub;
    sub.on('error', () => {});
    sub.on('message', () => void relayNow());
    sub.on('ready', () => {
      if (!closed) void relayNow();
    });
    sub.subscribe(eventsCommittedChannel(options.prefix)).catch((err: Error) => {
      if (!closed) log.warn({ err: err.message }, 'relay wake subscription failed; relying on polling');
    });
  };
  if (options.relay !== false) {
    // Commits on this process's own pool wake the relay directly, without Redis.
    unhookCommits = wakeOnEventCommit(options.pool, () => void relayNow());
    listen();
    timer = setInterval(() => void relayNow(), options.relayIntervalMs ?? 1_000);
    timer.unref();
    void relayNow();
  }

  return {
    workers,
    relayNow,
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      if (schedulerRetry) clearTimeout(schedulerRetry);
      if (schedulerRefresh) clearInterval(schedulerRefresh);
      unhookCommits?.();
      if (subscriber) {
        const sub = subscriber;
        subscriber = null;
        sub.removeAllListeners('message');
        sub.disconnect();
      }
      // The relay round in flight: it ends on its own (statement timeout, failed connect).
      if (running) await settlesWithin(running, 10_000);
      // Active jobs finish; jobs not yet started stay in the queue for the next worker.
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** True when the promise settled (either way) within `ms`, false when it did not. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
  return settled;
}
