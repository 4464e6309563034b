import type { Database } from '@tym/db';
import {
  type EventConsumer,
  type EventRow,
  isEventOf,
  isSubscribable,
  type JobContext,
  type JobProducer,
  type ServiceJobs,
} from '@tym/jobs';
import { buildInvitationIcs } from '@tym/planning';
import type { FastifyBaseLogger } from 'fastify';
import { notifyClient } from './client-letters/client-messages.jobs.js';
import { eraseCase } from './deadlines/case-erasure.jobs.js';
import {
  batchedStepFiring,
  type DeadlineDeps,
  enqueueEmails,
  scheduleDeadlineTimers,
  sweepDeadlines,
} from './deadlines/deadline-timers.jobs.js';
import {
  DEFAULT_RETENTION_OPTIONS,
  type RetentionOptions,
  sweepRetention,
} from './deadlines/retention-erasure.jobs.js';
import { type EmailDeps, sendEmail, sweepEmails } from './email/email-delivery.jobs.js';
import type { Mailer } from './email/email-transport.js';
import { type MeetingHooks, notifyEvent } from './notifications/event-notifications.jobs.js';
import { meetingAttendees } from './notifications/meeting-attendees.js';
import { DEFAULT_NOTIFY_OPTIONS, type NotifyOptions } from './notifications/notify.js';
import {
  deliverWebhook,
  enqueueEventDeliveries,
  enqueueManyEventDeliveries,
  fanOutDeliveries,
  fanOutEvent,
  fanOutEvents,
  sweepWebhookDeliveries,
  type WebhookDeps,
} from './webhook-deliveries/webhook-deliveries.jobs.js';
import type { WebhookDeliveryOptions } from './webhook-deliveries/webhook-delivery.options.js';

export interface NotificationsJobsDeps {
  db: Database;
  clock: { now(): Date };
  log: FastifyBaseLogger;
  /** For follow-up jobs (webhook attempts, e-mails, timers); else the runtime's producer from the job context. */
  producer?: JobProducer;
  /** Webhook delivery settings; production defaults when absent. */
  webhooks?: Partial<WebhookDeliveryOptions>;
  /** Links and the default language of notifications and e-mails. */
  notify?: Partial<NotifyOptions>;
  /** The SMTP mailer; without it e-mails wait in the outbox. */
  mailer?: Mailer;
  /** The domain of generated Message-IDs (the host of PUBLIC_BASE_URL). */
  messageIdDomain?: string;
  /**
   * Meeting participants and the invitation ICS: planning's by default (wired here, once).
   * Only a test puts its own in their place.
   */
  meetings?: MeetingHooks;
  /** Retention periods of the `retention.sweep` job (30 and 30 days by default). */
  retention?: Partial<RetentionOptions>;
}

/** Erasures of one process at a time (the rest of the deadline queue's jobs wait their turn). */
const ERASE_PARALLEL = 4;

/** Runs at most `n` of the given tasks at a time, the others in arrival order. */
function limitParallel(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot to the next waiting one.
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** Deadline events whose payload names the version that timers belong to. */
const DEADLINE_EVENTS = ['deadline.set', 'deadline.moved', 'deadline.met', 'deadline.cancelled'] as const;

/**
 * The background work of services/notifications, for a host to compose (services/worker,
 * single-node): webhook deliveries, e-mail delivery, the notices of events and deadline
 * timers (inbox and e-mail), the client's own messages and letters, and erasure when a
 * retention ends (the erasure hold and the deadline's firings are this service's; each
 * owner's exported function erases its own rows). Each processor is idempotent.
 */
export function notificationsJobs(deps: NotificationsJobsDeps): ServiceJobs {
  const producerOf = (ctx?: JobContext) => deps.producer ?? ctx?.producer;
  const webhookDeps = (ctx?: JobContext): WebhookDeps => ({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    producer: producerOf(ctx),
    options: deps.webhooks,
  });
  const notify: NotifyOptions = { ...DEFAULT_NOTIFY_OPTIONS, ...deps.notify };
  const deadlineDeps = (ctx?: JobContext): DeadlineDeps => ({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    producer: producerOf(ctx),
    notify,
  });
  const emailDeps = (ctx?: JobContext): EmailDeps => ({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    producer: producerOf(ctx),
    mailer: deps.mailer,
    messageIdDomain: deps.messageIdDomain ?? new URL(notify.publicBaseUrl).hostname,
  });
  // Meeting e-mails carry planning's invitation (the same file for every attendee, as iTIP
  // requires); participants come from planning through meetingAttendees.
  const meetings: MeetingHooks = {
    participants: meetingAttendees,
    invitationIcs: async (tx, meetingId, _recipient, lang) =>
      (await buildInvitationIcs(tx, meetingId, null, lang, deps.clock.now()))?.ics ?? null,
    ...(deps.meetings ?? {}),
  };

  const webhooks: EventConsumer<number> = {
    name: 'webhooks',
    inTransaction: (tx, event, now) => fanOutEvent(tx, event, now),
    // A batch's deliveries in one INSERT, and its fan-out jobs in one bulk add.
    inTransactionMany: (tx, batch, now) => fanOutEvents(tx, batch, now),
    afterCommit: async (event, result, ctx) => {
      // Only subscribable events have deliveries; a fan-out that inserted none enqueues nothing.
      if (isSubscribable(event.type)) await enqueueEventDeliveries(webhookDeps(ctx), event.eventId, result);
    },
    afterCommitMany: async (done, ctx) => {
      await enqueueManyEventDeliveries(
        webhookDeps(ctx),
        done
          .filter((d) => isSubscribable(d.event.type))
          .map((d) => ({ eventId: d.event.eventId, created: d.result })),
      );
    },
    summary: (n) => ({ webhookDeliveries: n ?? 0 }),
  };
  const notices: EventConsumer<{ inbox: number; emailIds: string[] }> = {
    name: 'notifications',
    inTransaction: (tx, event, now) => notifyEvent(tx, event, { options: notify, meetings }, now),
    afterCommit: async (_event, result, ctx) => {
      if (result) await enqueueEmails(deadlineDeps(ctx), result.emailIds);
    },
    afterCommitMany: async (done, ctx) => {
      await enqueueEmails(
        deadlineDeps(ctx),
        done.flatMap((d) => d.result?.emailIds ?? []),
      );
    },
    summary: (r) => ({ notifications: r?.inbox ?? 0 }),
  };
  // The client's own messages and letters, keyed by event and channel.
  const clientMessages: EventConsumer<{ emailIds: string[] }> = {
    name: 'client-messages',
    inTransaction: (tx, event, now) => notifyClient(tx, event, now),
    afterCommit: async (_event, result, ctx) => {
      if (result) await enqueueEmails(deadlineDeps(ctx), result.emailIds);
    },
    afterCommitMany: async (done, ctx) => {
      await enqueueEmails(
        deadlineDeps(ctx),
        done.flatMap((d) => d.result?.emailIds ?? []),
      );
    },
  };
  // Steps falling due together are fired in batches (one transaction for many). The deadline
  // queue runs many jobs at once (DEADLINE_CONCURRENCY) so that batches form; erasures share
  // the queue and are heavier: at most ERASE_PARALLEL of them hold a connection at a time.
  const fireStep = batchedStepFiring();
  const eraseOneAtATime = limitParallel(ERASE_PARALLEL);
  // The timers of a deadline version (delayed jobs with versioned ids).
  const deadlineTimers: EventConsumer = {
    name: 'deadline-timers',
    afterCommit: async (event: EventRow, _result, ctx) => {
      if (isEventOf(event, ...DEADLINE_EVENTS)) {
        await scheduleDeadlineTimers(deadlineDeps(ctx), event.subjectId, event.payload.version);
      }
    },
  };

  return {
    eventConsumers: [webhooks, notices, clientMessages, deadlineTimers] as EventConsumer[],
    processors: {
      'webhook.deliver': async (payload, ctx) => deliverWebhook(webhookDeps(ctx), payload),
      'webhook.fanout': async (payload, ctx) => fanOutDeliveries(webhookDeps(ctx), payload),
      'webhook.sweep': async (_payload, ctx) => {
        const result = await sweepWebhookDeliveries(webhookDeps(ctx));
        return { released: result.released, due: result.due.length, enqueued: result.enqueued };
      },
      'deadline.fire': async (payload, ctx) => fireStep(deadlineDeps(ctx), payload),
      'deadline.sweep': async (_payload, ctx) => {
        const result = await sweepDeadlines(deadlineDeps(ctx));
        return { due: result.due.length, enqueued: result.enqueued };
      },
      'case.erase': async (payload, ctx) =>
        eraseOneAtATime(() =>
          eraseCase(deadlineDeps(ctx), payload, ctx.jobId || `erase-${payload.deadlineId}`),
        ),
      'retention.sweep': async (_payload, ctx) =>
        sweepRetention(
          deps,
          { ...DEFAULT_RETENTION_OPTIONS, ...deps.retention },
          ctx.jobId || 'retention-sweep',
        ),
      'email.send': async (payload, ctx) => sendEmail(emailDeps(ctx), payload),
      'email.sweep': async (_payload, ctx) => {
        const result = await sweepEmails(emailDeps(ctx));
        return { released: result.released, due: result.due.length, enqueued: result.enqueued };
      },
    },
  };
}
