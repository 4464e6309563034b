import { type Database, events } from '@tym/db';
import type { JobName, JobPayload } from '@tym/jobs';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';

export interface ProcessorDeps {
  db: Database;
  clock: { now(): Date };
  log: FastifyBaseLogger;
}

export interface JobContext {
  jobId: string;
  attemptsMade: number;
}

export type Processor<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;
export type ProcessorMap = { [N in JobName]: Processor<N> };

/**
 * One processor per catalog job. Each is idempotent: a retried or duplicated job changes
 * nothing twice (conditional updates, unique keys).
 */
export function createProcessors(deps: ProcessorDeps): ProcessorMap {
  return {
    'event.dispatch': async ({ eventId }) => {
      // Consumers of the event log (notifications, webhook deliveries) hook in here, each
      // writing its own rows keyed by the event id so a second run adds nothing.
      const updated = await deps.db
        .update(events)
        .set({ dispatchedAt: deps.clock.now() })
        .where(and(eq(events.id, eventId), isNull(events.dispatchedAt)))
        .returning({ id: events.id });
      return { dispatched: updated.length === 1 };
    },
  };
}
