import { type Static, type TSchema, Type } from 'typebox';

/**
 * The one catalog of background jobs (architecture.md, Jobs). A job has a queue (a wire
 * name, never renamed casually), a payload schema (ids and versions only: Redis stores
 * payloads in clear, so never personal data), a deterministic id so a duplicate enqueue is
 * a no-op, and its retry policy. Producers cannot enqueue a name that is not here, and the
 * worker refuses to start unless every name here has a processor.
 */
export interface JobDefinition<S extends TSchema = TSchema> {
  queue: string;
  payload: S;
  jobId: (payload: Static<S>) => string;
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
  description: string;
}

function defineJob<S extends TSchema>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export const QUEUES = {
  /** Committed events from the event log, handed over by the relay. */
  events: 'events',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const jobCatalog = {
  'event.dispatch': defineJob({
    queue: QUEUES.events,
    payload: Type.Object(
      {
        eventId: Type.Integer({ minimum: 1, description: 'platform.events.id' }),
        position: Type.Integer({ minimum: 1, description: 'Feed position of the event' }),
      },
      { additionalProperties: false },
    ),
    jobId: (p) => `event-${p.eventId}`,
    attempts: 25,
    backoff: { type: 'exponential', delay: 1_000 },
    description: 'Fans one committed event out to its consumers (notifications, webhooks).',
  }),
} as const;

export type JobCatalog = typeof jobCatalog;
export type JobName = keyof JobCatalog;
export type JobPayload<N extends JobName> = Static<JobCatalog[N]['payload']>;

export const JOB_NAMES = Object.keys(jobCatalog) as JobName[];

export function queuesOf(catalog: Record<string, JobDefinition>): string[] {
  return [...new Set(Object.values(catalog).map((j) => j.queue))];
}
