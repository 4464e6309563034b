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
  /** One job per webhook delivery attempt, and the periodic sweep of due deliveries. */
  webhookDeliveries: 'webhook-deliveries',
  /** Deadline timers (one delayed job per step of a deadline version) and their sweep. */
  deadlines: 'deadlines',
  /** The e-mail outbox: one job per message, and the sweep of messages Redis lost. */
  emails: 'emails',
  /**
   * Erasure of a case's client data when its retention ends, and the hourly sweep of data
   * kept only before a relationship (381/2023 §12(2)).
   */
  erasure: 'erasure',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const jobCatalog = {
  'event.dispatch': defineJob({
    queue: QUEUES.events,
    payload: Type.Union([
      Type.Object(
        {
          firstPosition: Type.Integer({
            minimum: 1,
            description: 'Feed position of the first event of the batch',
          }),
          lastPosition: Type.Integer({
            minimum: 1,
            description: 'Feed position of the last event of the batch',
          }),
        },
        { additionalProperties: false },
      ),
      // One event: what the relay enqueued before batches (still accepted, e.g. jobs queued
      // by the previous version during a rolling upgrade).
      Type.Object(
        {
          eventId: Type.Integer({ minimum: 1, description: 'platform.events.id' }),
          position: Type.Integer({ minimum: 1, description: 'Feed position of the event' }),
        },
        { additionalProperties: false },
      ),
    ]),
    // A batch is named by its positions: a crash between the add and marking the events
    // enqueued re-adds the same id, and an overlapping batch is harmless (dispatch is
    // idempotent per event).
    jobId: (p) => ('eventId' in p ? `event-${p.eventId}` : `events-${p.firstPosition}-${p.lastPosition}`),
    attempts: 25,
    backoff: { type: 'exponential', delay: 1_000 },
    description:
      'Fans a batch of committed events (feed positions first to last) out to their consumers (notifications, webhooks), in one transaction.',
  }),
  'webhook.deliver': defineJob({
    queue: QUEUES.webhookDeliveries,
    payload: Type.Object(
      {
        deliveryId: Type.String({ format: 'uuid', description: 'notifications.webhook_deliveries.id' }),
        attempt: Type.Integer({ minimum: 1, description: 'The attempt number this job may make' }),
      },
      { additionalProperties: false },
    ),
    // One job per attempt: a duplicate enqueue of the same attempt is a no-op, and the claim
    // in the database makes a second run of it send nothing.
    jobId: (p) => `whd-${p.deliveryId}-${p.attempt}`,
    // HTTP failures are handled by the delivery's own retry schedule in the database; these
    // retries cover only our infrastructure (PostgreSQL away) and the sweep backs them up.
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    description: 'Makes one attempt of a webhook delivery and schedules the next one.',
  }),
  'webhook.fanout': defineJob({
    queue: QUEUES.webhookDeliveries,
    payload: Type.Union([
      Type.Object(
        {
          eventIds: Type.Array(Type.String({ format: 'uuid', description: 'platform.events.event_id' }), {
            minItems: 1,
            maxItems: 1_000,
            description: 'The events of one dispatch batch that have deliveries, in position order',
          }),
        },
        { additionalProperties: false },
      ),
      // One event: what `event.dispatch` enqueued before batches (still accepted, e.g. jobs
      // queued by the previous version during a rolling upgrade).
      Type.Object(
        { eventId: Type.String({ format: 'uuid', description: 'platform.events.event_id' }) },
        { additionalProperties: false },
      ),
    ]),
    // One job per dispatch batch: the first attempts of all its events' deliveries, claimed
    // together and sent in parallel over kept-alive connections. Retries are `webhook.deliver`
    // jobs, delayed. The id is the batch's (its first and last event and how many), so a
    // repeated dispatch adds nothing; a claim is conditional, so overlapping jobs send each
    // attempt once.
    jobId: (p) =>
      'eventId' in p
        ? `whf-${p.eventId}`
        : p.eventIds.length === 1
          ? `whf-${p.eventIds[0]}`
          : `whf-${p.eventIds[0]}-${p.eventIds.at(-1)}-${p.eventIds.length}`,
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    description:
      'Makes the first attempt of every delivery of a dispatch batch (or one event) and schedules the retries.',
  }),
  'webhook.sweep': defineJob({
    queue: QUEUES.webhookDeliveries,
    payload: Type.Object({}, { additionalProperties: false }),
    jobId: () => 'webhook-sweep',
    attempts: 1,
    backoff: { type: 'fixed', delay: 1_000 },
    description:
      'Run by a job scheduler every 30 s: re-enqueues due deliveries whose job Redis lost and releases stale claims.',
  }),
  'deadline.fire': defineJob({
    queue: QUEUES.deadlines,
    payload: Type.Object(
      {
        deadlineId: Type.String({ format: 'uuid', description: 'platform.deadlines.id' }),
        version: Type.Integer({ minimum: 1, description: 'The deadline version the timer belongs to' }),
        step: Type.String({
          pattern: '^(remind-[0-9]{1,3}|due|escalate)$',
          description: 'remind-<days> before due, due on the day, escalate after it ended',
        }),
      },
      { additionalProperties: false },
    ),
    // One id per version and step: a move raises the version, so the old timers stay
    // harmless (the processor checks the version) and the new ones do not collide.
    jobId: (p) => `dl-${p.deadlineId}-v${p.version}-${p.step}`,
    attempts: 10,
    backoff: { type: 'exponential', delay: 5_000 },
    description: 'Sends one reminder, due notice or escalation of a deadline version, exactly once.',
  }),
  'deadline.sweep': defineJob({
    queue: QUEUES.deadlines,
    payload: Type.Object({}, { additionalProperties: false }),
    jobId: () => 'deadline-sweep',
    attempts: 1,
    backoff: { type: 'fixed', delay: 1_000 },
    description:
      'Run by a job scheduler every minute: fires from the database every step that is due and has not fired (Redis lost its timer).',
  }),
  'case.erase': defineJob({
    queue: QUEUES.erasure,
    payload: Type.Object(
      {
        deadlineId: Type.String({ format: 'uuid', description: 'The case.erasure deadline' }),
        version: Type.Integer({ minimum: 1, description: 'Its version' }),
      },
      { additionalProperties: false },
    ),
    jobId: (p) => `erase-${p.deadlineId}-v${p.version}`,
    attempts: 10,
    backoff: { type: 'exponential', delay: 30_000 },
    description: 'Erases the client data of an ended case whose retention has run out, unless on hold.',
  }),
  'retention.sweep': defineJob({
    queue: QUEUES.erasure,
    payload: Type.Object({}, { additionalProperties: false }),
    jobId: () => 'retention-sweep',
    attempts: 1,
    backoff: { type: 'fixed', delay: 1_000 },
    description:
      'Run by a job scheduler every hour: erases the client details of declined and withdrawn referrals and spent e-mail records once their retention ends.',
  }),
  'email.send': defineJob({
    queue: QUEUES.emails,
    payload: Type.Object(
      {
        emailId: Type.String({ format: 'uuid', description: 'notifications.email_messages.id' }),
        attempt: Type.Integer({ minimum: 1, description: 'The attempt number this job may make' }),
      },
      { additionalProperties: false },
    ),
    // One job per attempt, like webhook deliveries: the row holds the retry schedule (30 s,
    // 2 min, 10 min … up to 8 attempts) and the sweep re-adds what Redis lost. These
    // BullMQ retries cover only our own infrastructure (PostgreSQL away).
    jobId: (p) => `email-${p.emailId}-${p.attempt}`,
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    description: 'Makes one attempt to send a message of the e-mail outbox over SMTP.',
  }),
  'email.sweep': defineJob({
    queue: QUEUES.emails,
    payload: Type.Object({}, { additionalProperties: false }),
    jobId: () => 'email-sweep',
    attempts: 1,
    backoff: { type: 'fixed', delay: 1_000 },
    description:
      'Run by a job scheduler every minute: re-enqueues due outbox messages whose job Redis lost and releases stale claims.',
  }),
} as const;

export type JobCatalog = typeof jobCatalog;
export type JobName = keyof JobCatalog;
export type JobPayload<N extends JobName> = Static<JobCatalog[N]['payload']>;

export const JOB_NAMES = Object.keys(jobCatalog) as JobName[];

export function queuesOf(catalog: Record<string, JobDefinition>): string[] {
  return [...new Set(Object.values(catalog).map((j) => j.queue))];
}
