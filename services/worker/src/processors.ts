import { type Database, events } from '@tym/db';
import { isEventOf, type JobName, type JobPayload, type JobProducer } from '@tym/jobs';
import { buildInvitationIcs } from '@tym/planning';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { notifyClient } from './client-messages/client-messages.service.js';
import {
  type DeadlineDeps,
  enqueueEmails,
  fireDeadlineStep,
  scheduleDeadlineTimers,
  sweepDeadlines,
} from './deadlines/deadline-timers.service.js';
import { type EmailDeps, sendEmail, sweepEmails } from './email/email-delivery.service.js';
import type { Mailer } from './email/email-transport.js';
import { eraseCase } from './erasure/case-erasure.service.js';
import {
  DEFAULT_RETENTION_OPTIONS,
  type RetentionOptions,
  sweepRetention,
} from './erasure/retention-erasure.service.js';
import { type MeetingHooks, notifyEvent } from './notifications/event-notifications.js';
import { meetingAttendees } from './notifications/meeting-attendees.js';
import { DEFAULT_NOTIFY_OPTIONS, type NotifyOptions } from './notifications/notify.js';
import { reactToEvent } from './reactions/domain-reactions.js';
import type { WebhookDeliveryOptions } from './webhooks/webhook-delivery.options.js';
import {
  deliverWebhook,
  enqueueEventDeliveries,
  fanOutEvent,
  sweepWebhookDeliveries,
  type WebhookDeps,
} from './webhooks/webhook-delivery.service.js';

export interface ProcessorDeps {
  db: Database;
  clock: { now(): Date };
  log: FastifyBaseLogger;
  /** For follow-up jobs (webhook attempts); else the runtime's producer from the job context. */
  producer?: JobProducer;
  /** Webhook delivery settings; production defaults when absent. */
  webhooks?: Partial<WebhookDeliveryOptions>;
  /** Links and the default language of notifications and e-mails. */
  notify?: Partial<NotifyOptions>;
  /** The SMTP mailer; without it e-mails wait in the outbox. */
  mailer?: Mailer;
  /** The domain of generated Message-IDs (the host of PUBLIC_BASE_URL). */
  messageIdDomain?: string;
  /** Meeting participants and invitation ICS from services/planning (a hook until it exists). */
  meetings?: MeetingHooks;
  /** Retention periods of the `retention.sweep` job (30 and 30 days by default). */
  retention?: Partial<RetentionOptions>;
}

/** Deadline events whose payload names the version that timers belong to. */
const DEADLINE_EVENTS = ['deadline.set', 'deadline.moved', 'deadline.met', 'deadline.cancelled'] as const;

export interface JobContext {
  jobId: string;
  attemptsMade: number;
  /** The runtime's producer, for processors that enqueue follow-up jobs. */
  producer?: JobProducer;
}

export type Processor<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;
export type ProcessorMap = { [N in JobName]: Processor<N> };

/**
 * One processor per catalog job. Each is idempotent: a retried or duplicated job changes
 * nothing twice (conditional updates, unique keys).
 */
export function createProcessors(deps: ProcessorDeps): ProcessorMap {
  const webhookDeps = (ctx?: JobContext): WebhookDeps => ({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    producer: deps.producer ?? ctx?.producer,
    options: deps.webhooks,
  });
  const notify: NotifyOptions = { ...DEFAULT_NOTIFY_OPTIONS, ...deps.notify };
  const deadlineDeps = (ctx?: JobContext): DeadlineDeps => ({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    producer: deps.producer ?? ctx?.producer,
    notify,
  });
  const emailDeps = (ctx?: JobContext): EmailDeps => ({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    producer: deps.producer ?? ctx?.producer,
    mailer: deps.mailer,
    messageIdDomain: deps.messageIdDomain ?? new URL(notify.publicBaseUrl).hostname,
  });
  // Participants and invitations from services/planning unless a process passes its own.
  const meetings: MeetingHooks = {
    participants: meetingAttendees,
    invitationIcs: async (tx, meetingId, _recipient, lang) =>
      (await buildInvitationIcs(tx, meetingId, null, lang, deps.clock.now()))?.ics ?? null,
    ...(deps.meetings ?? {}),
  };
  return {
    'event.dispatch': async ({ eventId }, ctx) => {
      // Consumers of the event log (notifications, webhook deliveries) hook in here, each
      // writing its own rows keyed by the event id so a second run adds nothing. The rows
      // and dispatched_at commit together; jobs are enqueued only after the commit.
      const now = deps.clock.now();
      const outcome = await deps.db.transaction(async (tx) => {
        const [event] = await tx.select().from(events).where(eq(events.id, eventId));
        if (!event) return null;
        const fresh = !event.dispatchedAt;
        const webhookDeliveries = fresh ? await fanOutEvent(tx, event, now) : 0;
        const notified = fresh ? await notifyEvent(tx, event, { options: notify, meetings }, now) : null;
        // The client's own messages and letters (client-messages/), keyed by event and channel.
        const toClient = fresh ? await notifyClient(tx, event, now) : null;
        const updated = await tx
          .update(events)
          .set({ dispatchedAt: now })
          .where(and(eq(events.id, eventId), isNull(events.dispatchedAt)))
          .returning({ id: events.id });
        return { dispatched: updated.length === 1, event, webhookDeliveries, notified, toClient };
      });
      if (!outcome) return { dispatched: false, webhookDeliveries: 0, notifications: 0 };
      const { event } = outcome;
      // After the commit, and on every run (each step is a no-op when repeated): webhook
      // attempts, e-mails, and the timers of a deadline version.
      await enqueueEventDeliveries(webhookDeps(ctx), event.eventId);
      if (outcome.notified) await enqueueEmails(deadlineDeps(ctx), outcome.notified.emailIds);
      if (outcome.toClient) await enqueueEmails(deadlineDeps(ctx), outcome.toClient.emailIds);
      if (isEventOf(event, ...DEADLINE_EVENTS)) {
        await scheduleDeadlineTimers(deadlineDeps(ctx), event.subjectId, event.payload.version);
      }
      // Other services' reactions (quota crossings, review requests): idempotent, so a retry
      // of this job may run them again harmlessly.
      await reactToEvent(deps.db, event, now);
      return {
        dispatched: outcome.dispatched,
        webhookDeliveries: outcome.webhookDeliveries,
        notifications: outcome.notified?.inbox ?? 0,
      };
    },
    'webhook.deliver': async (payload, ctx) => deliverWebhook(webhookDeps(ctx), payload),
    'webhook.sweep': async (_payload, ctx) => {
      const result = await sweepWebhookDeliveries(webhookDeps(ctx));
      return { released: result.released, due: result.due.length, enqueued: result.enqueued };
    },
    'deadline.fire': async (payload, ctx) => fireDeadlineStep(deadlineDeps(ctx), payload),
    'deadline.sweep': async (_payload, ctx) => {
      const result = await sweepDeadlines(deadlineDeps(ctx));
      return { due: result.due.length, enqueued: result.enqueued };
    },
    'case.erase': async (payload, ctx) =>
      eraseCase(deadlineDeps(ctx), payload, ctx.jobId || `erase-${payload.deadlineId}`),
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
  };
}
