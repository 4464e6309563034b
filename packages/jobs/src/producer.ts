import { Queue, type QueueOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import Value from 'typebox/value';
import { type JobName, type JobPayload, jobCatalog, queuesOf } from './catalog.js';

export interface JobProducer {
  /** Enqueues a catalog job; a second enqueue of the same deterministic id is a no-op. */
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options?: { delayMs?: number },
  ): Promise<string>;
  enqueueMany<N extends JobName>(name: N, payloads: JobPayload<N>[]): Promise<void>;
  queue(name: string): Queue;
  /**
   * Replaces the queue objects with fresh ones on the same connection. After Redis has been
   * away a while, a queue object may keep failing although the connection is back; the
   * relay calls this after repeated failures.
   */
  reset(): void;
  close(): Promise<void>;
}

export class InvalidJobPayloadError extends Error {
  override name = 'InvalidJobPayloadError';
}

/** Completed jobs stay a day so that a re-enqueue of the same id stays a no-op. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 100_000 };
export const KEEP_FAILED = { age: 14 * 24 * 3600 };

/**
 * Producers use a connection with `enableOfflineQueue: false` (BullMQ production checklist):
 * when Redis is away an enqueue fails at once instead of hanging; the event stays in the
 * database and the relay tries again.
 */
export function createJobProducer(connection: Redis, prefix: string): JobProducer {
  const queues = new Map<string, Queue>();
  const options: QueueOptions = { connection, prefix };
  const open = () => {
    for (const name of queuesOf(jobCatalog)) {
      const queue = new Queue(name, options);
      // Connection errors surface as failed enqueues, which callers handle; the event is
      // only noise here.
      queue.on('error', () => {});
      queues.set(name, queue);
    }
  };
  open();

  const check = <N extends JobName>(name: N, payload: JobPayload<N>) => {
    const def = jobCatalog[name];
    if (!def) throw new InvalidJobPayloadError(`unknown job ${String(name)}`);
    if (!Value.Check(def.payload, payload)) {
      const first = Value.Errors(def.payload, payload)[0];
      throw new InvalidJobPayloadError(
        `payload of ${name} is invalid: ${first?.instancePath ?? ''} ${first?.message ?? ''}`,
      );
    }
    return def;
  };
  const queueOf = (name: string): Queue => {
    const q = queues.get(name);
    if (!q) throw new Error(`no queue ${name}`);
    return q;
  };

  return {
    async enqueue(name, payload, opts = {}) {
      const def = check(name, payload);
      const jobId = def.jobId(payload as never);
      await queueOf(def.queue).add(name, payload, {
        jobId,
        attempts: def.attempts,
        backoff: def.backoff,
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
        ...(opts.delayMs ? { delay: Math.max(0, Math.round(opts.delayMs)) } : {}),
      });
      return jobId;
    },
    async enqueueMany(name, payloads) {
      if (!payloads.length) return;
      const def = jobCatalog[name];
      for (const p of payloads) check(name, p);
      await queueOf(def.queue).addBulk(
        payloads.map((data) => ({
          name,
          data,
          opts: {
            jobId: def.jobId(data as never),
            attempts: def.attempts,
            backoff: def.backoff,
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: KEEP_FAILED,
          },
        })),
      );
    },
    queue: queueOf,
    reset() {
      const old = [...queues.values()];
      open();
      // The connection is shared (ours), so closing the old objects leaves it open.
      for (const q of old) void q.close().catch(() => undefined);
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
