import { type Database, events, type Transaction } from '@tym/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { JobName, JobPayload } from './catalog.js';
import type { JobProducer } from './producer.js';

/**
 * The contract between the services that own background work and the process that hosts
 * it (services/worker, single-node). Each service exports `<service>Jobs(deps)` returning a
 * `ServiceJobs`: the processors of the catalog jobs it owns and its consumers of committed
 * events. The host composes them with `composeProcessors` and never holds domain logic;
 * services never import the host (worker → services, never the other way).
 */

export interface JobContext {
  jobId: string;
  attemptsMade: number;
  /** The runtime's producer, for processors that enqueue follow-up jobs. */
  producer?: JobProducer;
}

export type Processor<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;
export type ProcessorMap = { [N in JobName]: Processor<N> };
export type PartialProcessorMap = Partial<ProcessorMap>;

export type EventRow = typeof events.$inferSelect;

/**
 * One consumer of the event log, run by the `event.dispatch` job. `inTransaction` runs once
 * per event (only while it is not yet dispatched), inside the transaction that marks it
 * dispatched, and writes rows keyed by the event id. `afterCommit` runs after that commit on
 * every run of the job (a retry too), so it must be idempotent: it enqueues follow-up jobs
 * (deterministic ids) or applies a reaction that changes nothing the second time. It gets
 * what `inTransaction` returned, or null when an earlier run already dispatched the event.
 */
export interface EventConsumer<R = unknown> {
  /** For logs and for the result of `event.dispatch`. */
  name: string;
  inTransaction?(tx: Transaction, event: EventRow, now: Date): Promise<R>;
  afterCommit?(event: EventRow, result: R | null, ctx: JobContext, now: Date): Promise<void>;
  /** Figures this consumer adds to the result of `event.dispatch` (e.g. `{ notifications: 2 }`). */
  summary?(result: R | null): Record<string, number>;
}

/** What one service contributes to the worker. */
export interface ServiceJobs {
  processors?: PartialProcessorMap;
  /** Run in this order after the consumers of the services composed before. */
  eventConsumers?: EventConsumer[];
}

export class ProcessorCompositionError extends Error {
  override name = 'ProcessorCompositionError';
}

/** `event.dispatch`: every consumer of a committed event, once per event (see EventConsumer). */
export function eventDispatchProcessor(
  deps: { db: Database; clock: { now(): Date } },
  consumers: readonly EventConsumer[],
): Processor<'event.dispatch'> {
  return async ({ eventId }, ctx) => {
    const now = deps.clock.now();
    const outcome = await deps.db.transaction(async (tx) => {
      const [event] = await tx.select().from(events).where(eq(events.id, eventId));
      if (!event) return null;
      const fresh = !event.dispatchedAt;
      const results: unknown[] = [];
      for (const c of consumers) {
        results.push(fresh && c.inTransaction ? await c.inTransaction(tx, event, now) : null);
      }
      const updated = await tx
        .update(events)
        .set({ dispatchedAt: now })
        .where(and(eq(events.id, eventId), isNull(events.dispatchedAt)))
        .returning({ id: events.id });
      return { dispatched: updated.length === 1, event, results };
    });
    const summary: Record<string, number> = {};
    for (const c of consumers) Object.assign(summary, c.summary?.(null));
    if (!outcome) return { dispatched: false, ...summary };
    // After the commit, and on every run: each step is a no-op when repeated.
    for (const [i, c] of consumers.entries()) {
      const result = outcome.results[i] ?? null;
      if (c.afterCommit) await c.afterCommit(outcome.event, result, ctx, now);
      Object.assign(summary, c.summary?.(result));
    }
    return { dispatched: outcome.dispatched, ...summary };
  };
}

/**
 * The processor map of a host: `event.dispatch` from every service's event consumers, and
 * each other catalog job from the one service that owns it. Two services claiming one job is
 * a programming error, found here at start (the runtime then checks that every catalog job
 * has a processor).
 */
export function composeProcessors(
  deps: { db: Database; clock: { now(): Date } },
  parts: readonly ServiceJobs[],
): ProcessorMap {
  const processors: Record<string, unknown> = {};
  const consumers: EventConsumer[] = [];
  for (const part of parts) {
    for (const [name, processor] of Object.entries(part.processors ?? {})) {
      if (name === 'event.dispatch') {
        throw new ProcessorCompositionError('event.dispatch is composed from eventConsumers');
      }
      if (name in processors) throw new ProcessorCompositionError(`two processors for ${name}`);
      processors[name] = processor;
    }
    consumers.push(...(part.eventConsumers ?? []));
  }
  processors['event.dispatch'] = eventDispatchProcessor(deps, consumers);
  return processors as ProcessorMap;
}
