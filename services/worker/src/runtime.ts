import type { Database } from '@tym/db';
import {
  EVENTS_CHANNEL,
  type JobDefinition,
  type JobName,
  type JobProducer,
  jobCatalog,
  queuesOf,
  relayOnce,
} from '@tym/jobs';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import Value from 'typebox/value';
import type { ProcessorMap } from './processors.js';

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
  relayIntervalMs?: number;
  /** Tests drive the relay themselves. */
  relay?: boolean;
}

export interface WorkerRuntime {
  workers: Worker[];
  /** Runs one relay round now (also what LISTEN/NOTIFY and the interval trigger). */
  relayNow(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a BullMQ worker per catalog queue, dispatching by job name, and the outbox relay:
 * woken by NOTIFY on commit, and by an interval in case a notification was missed (or Redis
 * was away and events are waiting).
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
    const processor = options.processors[name] as (
      p: unknown,
      c: { jobId: string; attemptsMade: number },
    ) => Promise<unknown>;
    return processor(job.data, { jobId: job.id ?? '', attemptsMade: job.attemptsMade });
  };

  const workers = queuesOf(jobCatalog).map((queue) => {
    const worker = new Worker(queue, handle, {
      connection: options.workerConnection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 4,
      autorun: true,
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
          total += await relayOnce(options.db, options.producer);
        } catch (err) {
          // Redis or PostgreSQL away: the events stay in the database for the next round.
          log.warn({ err: (err as Error).message }, 'outbox relay round failed; will retry');
          break;
        }
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  let listener: pg.PoolClient | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const listen = async () => {
    try {
      const client = await options.pool.connect();
      client.on('notification', () => void relayNow());
      client.on('error', () => {
        // PostgreSQL restarted: drop the client and listen again shortly.
        listener = null;
        client.release(true);
        if (!closed) setTimeout(() => void listen(), 1_000).unref();
      });
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      listener = client;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'LISTEN failed; relying on polling');
      if (!closed) setTimeout(() => void listen(), 2_000).unref();
    }
  };
  if (options.relay !== false) {
    await listen();
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
      if (listener) {
        listener.removeAllListeners('notification');
        try {
          await listener.query(`UNLISTEN ${EVENTS_CHANNEL}`);
        } catch {
          // already gone
        }
        listener.release();
      }
      if (running) await running;
      // Active jobs finish; jobs not yet started stay in the queue for the next worker.
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
