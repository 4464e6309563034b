import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * Webhook subscriptions of the parties' own systems and the log of every delivery and
 * attempt. Written only by services/notifications: its routes (subscriptions, manual
 * retries) and its delivery jobs (`webhook-deliveries.jobs.ts`, which the worker hosts).
 */
export const notifications = pgSchema('notifications');

/** Why an endpoint was switched off by the system (never by its owner: that is `paused`). */
export const WEBHOOK_DISABLED_REASONS = ['gone', 'failing'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

/**
 * `pending` waits for attempt `attempt` at `next_attempt_at`; `delivering` is claimed by one
 * worker for that attempt; `succeeded` and `failed` are final until someone retries.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** `event` carries one event of the log; `ping` is a test delivery asked for by the owner. */
export const WEBHOOK_ATTEMPT_OUTCOMES = ['succeeded', 'failed', 'interrupted'] as const;
export type WebhookAttemptOutcome = (typeof WEBHOOK_ATTEMPT_OUTCOMES)[number];

export const WEBHOOK_DELIVERY_KINDS = ['event', 'ping'] as const;
export type WebhookDeliveryKind = (typeof WEBHOOK_DELIVERY_KINDS)[number];
