import { type Database, events, isDatabaseUnavailable, type Transaction } from '@tym/db';
import { and, asc, between, eq, inArray, isNull, type SQL } from 'drizzle-orm';
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
 *
 * A job dispatches a batch of events in one transaction, consumer by consumer in the order
 * of composition, each consumer taking the batch's events in position order. A consumer
 * that can do much better for many events at once (one statement instead of one per event)
 * adds `inTransactionMany` / `afterCommitMany`, which replace the per-event methods and must
 * mean the same.
 */
export interface EventConsumer<R = unknown> {
  /** For logs and for the result of `event.dispatch`. */
  name: string;
  inTransaction?(tx: Transaction, event: EventRow, now: Date): Promise<R>;
  /** `inTransaction` of many events (position order): one result per event, in their order. */
  inTransactionMany?(tx: Transaction, events: readonly EventRow[], now: Date): Promise<R[]>;
  afterCommit?(event: EventRow, result: R | null, ctx: JobContext, now: Date): Promise<void>;
  /** `afterCommit` of many events (position order), e.g. one bulk enqueue. */
  afterCommitMany?(
    done: ReadonlyArray<{ event: EventRow; result: R | null }>,
    ctx: JobContext,
    now: Date,
  ): Promise<void>;
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

/** The events one `event.dispatch` job names: a batch of positions, or one event (older jobs). */
function eventsOf(payload: JobPayload<'event.dispatch'>): SQL | undefined {
  return 'eventId' in payload
    ? eq(events.id, payload.eventId)
    : between(events.position, payload.firstPosition, payload.lastPosition);
}

/**
 * `event.dispatch`: every consumer of a batch of committed events, once per event (see
 * EventConsumer). One transaction locks the batch's events in position order (an
 * overlapping batch waits, then finds them dispatched), runs the consumers for those not yet
 * dispatched, and marks them in one UPDATE; then every event's `afterCommit`s run.
 *
 * A batch whose transaction fails for another reason than the database being away is
 * dispatched again event by event, each in its own transaction: a poison event does not hold
 * up its batch-mates. The job then fails with the first error, and its retries (with the
 * backoff) find only the failed events still to dispatch.
 */
export function eventDispatchProcessor(
  deps: { db: Database; clock: { now(): Date } },
  consumers: readonly EventConsumer[],
): Processor<'event.dispatch'> {
  const dispatch = async (where: SQL | undefined, ctx: JobContext, now: Date) => {
    const outcome = await deps.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(events)
        .where(where)
        .orderBy(asc(events.position))
        .for('no key update');
      const fresh = rows.filter((e) => !e.dispatchedAt);
      // results[consumer] maps an event id to what the consumer's inTransaction returned.
      const results: Array<Map<number, unknown>> = consumers.map(() => new Map());
      if (fresh.length) {
        for (const [i, c] of consumers.entries()) {
          const byEvent = results[i] as Map<number, unknown>;
          if (c.inTransactionMany) {
            const many = await c.inTransactionMany(tx, fresh, now);
            for (const [j, e] of fresh.entries()) byEvent.set(e.id, many[j] ?? null);
          } else if (c.inTransaction) {
            for (const e of fresh) byEvent.set(e.id, await c.inTransaction(tx, e, now));
          }
        }
      }
      const updated = fresh.length
        ? await tx
            .update(events)
            .set({ dispatchedAt: now })
            .where(
              and(
                inArray(
                  events.id,
                  fresh.map((e) => e.id),
                ),
                isNull(events.dispatchedAt),
              ),
            )
            .returning({ id: events.id })
        : [];
      return { rows, dispatched: updated.length, results };
    });
    // After the commit, and on every run: each step is a no-op when repeated.
    const summary: Record<string, number> = {};
    for (const [i, c] of consumers.entries()) {
      const byEvent = outcome.results[i] as Map<number, unknown>;
      const done = outcome.rows.map((event) => ({ event, result: byEvent.get(event.id) ?? null }));
      if (c.afterCommitMany) {
        if (done.length) await c.afterCommitMany(done, ctx, now);
      } else if (c.afterCommit) {
        for (const d of done) await c.afterCommit(d.event, d.result, ctx, now);
      }
      if (c.summary) {
        for (const d of done.length ? done : [{ result: null }]) {
          for (const [k, v] of Object.entries(c.summary(d.result))) summary[k] = (summary[k] ?? 0) + v;
        }
      }
    }
    return { events: outcome.rows.length, dispatched: outcome.dispatched, summary };
  };

  return async (payload, ctx) => {
    const now = deps.clock.now();
    if ('eventId' in payload) {
      const one = await dispatch(eventsOf(payload), ctx, now);
      return { dispatched: one.dispatched === 1, ...one.summary };
    }
    try {
      const batch = await dispatch(eventsOf(payload), ctx, now);
      return { events: batch.events, dispatched: batch.dispatched, ...batch.summary };
    } catch (err) {
      if (isDatabaseUnavailable(err) || payload.firstPosition === payload.lastPosition) throw err;
      // One event of the batch failed it (or something passing did): each event on its own.
      const ids = await deps.db
        .select({ id: events.id })
        .from(events)
        .where(eventsOf(payload))
        .orderBy(asc(events.position));
      let dispatched = 0;
      let failure: unknown = null;
      for (const { id } of ids) {
        try {
          dispatched += (await dispatch(eq(events.id, id), ctx, now)).dispatched;
        } catch (e) {
          if (isDatabaseUnavailable(e)) throw e;
          failure ??= e;
        }
      }
      if (failure) throw failure;
      return { events: ids.length, dispatched, split: true };
    }
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
