import type { RetentionOptions, SmtpOptions, WebhookDeliveryOptions } from '@tym/notifications';
import { BaseConfigSchema, loadConfig } from '@tym/platform';
import { type Static, Type } from 'typebox';

/**
 * Notification and e-mail settings, shared by the worker process and the single node. No
 * SMTP_URL and no SMTP_HOST: e-mails wait in the outbox (nothing is lost) until configured.
 */
export const MailConfigSchema = Type.Object({
  SMTP_URL: Type.Optional(
    Type.String({
      description: 'SMTP URL, e.g. smtps://user:pass@smtp.example.fi:465 (overrides SMTP_HOST…)',
    }),
  ),
  SMTP_HOST: Type.Optional(Type.String({ description: 'SMTP server host' })),
  SMTP_PORT: Type.Integer({ default: 587, minimum: 1, maximum: 65535, description: 'SMTP server port' }),
  SMTP_SECURE: Type.Boolean({
    default: false,
    description: 'TLS from the start (port 465); else STARTTLS when offered',
  }),
  SMTP_USER: Type.Optional(Type.String({ description: 'SMTP user name' })),
  SMTP_PASS: Type.Optional(Type.String({ description: 'SMTP password (a secret: never logged)' })),
  SMTP_TIMEOUT_MS: Type.Integer({
    default: 30_000,
    minimum: 1_000,
    maximum: 300_000,
    description: 'SMTP socket timeouts',
  }),
  MAIL_FROM: Type.String({
    default: 'TYM <no-reply@tym.invalid>',
    description: 'From address of notification e-mails',
  }),
  PUBLIC_BASE_URL: Type.String({
    default: 'http://127.0.0.1:3000',
    description: 'Base URL of the links in notifications and e-mails',
  }),
  DEFAULT_LANGUAGE: Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')], {
    default: 'fi',
    description: 'Language of notifications for people who have not chosen one',
  }),
  DEADLINE_CONCURRENCY: Type.Integer({
    default: 100,
    minimum: 1,
    maximum: 500,
    description:
      'Deadline jobs in flight per worker process: the due steps among them are fired in batches of up to this many (two transactions at a time); erasures at most 4 at a time',
  }),
  EMAIL_CONCURRENCY: Type.Integer({
    default: 5,
    minimum: 1,
    maximum: 100,
    description: 'E-mails sent in parallel per worker process',
  }),
  PRE_RELATIONSHIP_RETENTION_DAYS: Type.Integer({
    default: 30,
    minimum: 1,
    maximum: 365,
    description:
      'Days a declined or withdrawn referral keeps its client details before erasure (381/2023 §12(2); docs/data-protection.md)',
  }),
  EMAIL_RETENTION_DAYS: Type.Integer({
    default: 30,
    minimum: 1,
    maximum: 365,
    description: 'Days an e-mail record keeps its address and contents after sent or failed for good',
  }),
});

/** The retention periods of a config, for the processors' `retention.sweep`. */
export function retentionOptionsOf(config: {
  PRE_RELATIONSHIP_RETENTION_DAYS: number;
  EMAIL_RETENTION_DAYS: number;
}): RetentionOptions {
  return {
    preRelationshipDays: config.PRE_RELATIONSHIP_RETENTION_DAYS,
    emailDays: config.EMAIL_RETENTION_DAYS,
  };
}

/** The SMTP settings of a config, or null when none is given. */
export function smtpOptionsOf(config: {
  SMTP_URL?: string | undefined;
  SMTP_HOST?: string | undefined;
  SMTP_PORT: number;
  SMTP_SECURE: boolean;
  SMTP_USER?: string | undefined;
  SMTP_PASS?: string | undefined;
  SMTP_TIMEOUT_MS: number;
  MAIL_FROM: string;
}): SmtpOptions | null {
  if (!config.SMTP_URL && !config.SMTP_HOST) return null;
  return {
    url: config.SMTP_URL,
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    user: config.SMTP_USER,
    pass: config.SMTP_PASS,
    from: config.MAIL_FROM,
    timeoutMs: config.SMTP_TIMEOUT_MS,
  };
}

/**
 * The one schema of the worker's settings: queues, concurrency, lock time, sweeps, relay,
 * webhooks, e-mail and retention. The worker process (`WorkerConfigSchema`) and the single
 * node (services/single-node) both take all of it, and `startWorker` reads it, so a setting
 * means the same wherever the worker runs.
 */
export const WorkerSettingsSchema = Type.Object({
  WORKER_CONCURRENCY: Type.Integer({
    default: 4,
    minimum: 1,
    maximum: 64,
    description: 'Jobs in parallel per queue',
  }),
  EVENT_DISPATCH_CONCURRENCY: Type.Integer({
    default: 4,
    minimum: 1,
    maximum: 64,
    description: 'event.dispatch jobs (one transaction per batch of events) in parallel per worker process',
  }),
  EVENT_DISPATCH_BATCH: Type.Integer({
    default: 100,
    minimum: 1,
    maximum: 1_000,
    description:
      'Events per event.dispatch job: the relay hands consecutive feed positions to one job, dispatched in one transaction',
  }),
  WEBHOOK_CONCURRENCY: Type.Integer({
    default: 20,
    minimum: 1,
    maximum: 200,
    description:
      "Webhook jobs in parallel per worker process: a dispatch batch's fan-out (all its first attempts) or one retry",
  }),
  WEBHOOK_HTTP_ALLOWED_HOSTS: Type.String({
    default: '',
    description: 'Comma-separated hosts a webhook URL may use plain http for (else https only)',
  }),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: Type.Boolean({
    default: false,
    description: 'Deliver to loopback and private addresses (closed networks and tests only)',
  }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({
    default: 10_000,
    minimum: 100,
    maximum: 60_000,
    description: 'Per attempt',
  }),
  WEBHOOK_FANOUT_CONCURRENCY: Type.Integer({
    default: 64,
    minimum: 1,
    maximum: 1_000,
    description:
      'Requests one webhook.fanout job (a dispatch batch) has in flight at once, over all endpoints',
  }),
  WEBHOOK_FANOUT_PER_ENDPOINT: Type.Integer({
    default: 8,
    minimum: 1,
    maximum: 16,
    description:
      "Requests one webhook.fanout job has in flight to one endpoint (each endpoint's in position order; at most the 16 connections per target)",
  }),
  QUEUE_PREFIX: Type.String({
    default: 'tym',
    pattern: '^[a-z0-9-]+$',
    description: 'Redis key prefix of this deployment: BullMQ queues and rate-limit counters',
  }),
  WORKER_LOCK_MS: Type.Integer({
    default: 30_000,
    minimum: 1_000,
    maximum: 600_000,
    description: 'BullMQ job lock: a job of a dead worker returns to the queue after this long',
  }),
  DEADLINE_SWEEP_EVERY_MS: Type.Integer({
    default: 60_000,
    minimum: 500,
    description: 'How often the deadline sweep runs',
  }),
  EMAIL_SWEEP_EVERY_MS: Type.Integer({
    default: 60_000,
    minimum: 500,
    description: 'How often the e-mail sweep runs',
  }),
  RETENTION_SWEEP_EVERY_MS: Type.Integer({
    default: 3_600_000,
    minimum: 500,
    description: 'How often the retention sweep (declined/withdrawn referrals, spent e-mails) runs',
  }),
  RELAY_INTERVAL_MS: Type.Integer({
    default: 1_000,
    minimum: 100,
    description: 'Outbox relay polling interval (a wake after each commit runs it sooner)',
  }),
  OUTBOX_STRANDED_AFTER_MS: Type.Integer({
    default: 60_000,
    minimum: 100,
    description:
      'An event enqueued this long ago and not yet dispatched lost its job (Redis lost its data) and is enqueued again',
  }),
  OUTBOX_STRANDED_SWEEP_EVERY_MS: Type.Integer({
    default: 30_000,
    minimum: 100,
    description: 'How often the relay looks for such events',
  }),
  SCHEDULER_REFRESH_MS: Type.Integer({
    default: 60_000,
    minimum: 500,
    description: 'How often the sweep schedulers are set again (a Redis that came back empty gets them back)',
  }),
  ...MailConfigSchema.properties,
});

export type WorkerSettings = Static<typeof WorkerSettingsSchema>;

/** The standalone worker process (production runs it in its own container). */
export const WorkerConfigSchema = Type.Object({
  DATABASE_URL: BaseConfigSchema.properties.DATABASE_URL,
  DATABASE_POOL_MAX: BaseConfigSchema.properties.DATABASE_POOL_MAX,
  REDIS_URL: BaseConfigSchema.properties.REDIS_URL,
  LOG_LEVEL: BaseConfigSchema.properties.LOG_LEVEL,
  LOG_PRETTY: BaseConfigSchema.properties.LOG_PRETTY,
  SHUTDOWN_GRACE_MS: Type.Integer({
    default: 30_000,
    minimum: 0,
    description: 'How long active jobs may finish',
  }),
  WORKER_HEALTH_HOST: Type.String({ default: '127.0.0.1', description: 'Interface of the health endpoint' }),
  WORKER_HEALTH_PORT: Type.Integer({
    default: 3001,
    minimum: 0,
    maximum: 65535,
    description: 'Port of GET /health/live and /health/ready (0: any free port)',
  }),
  ...WorkerSettingsSchema.properties,
});

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(WorkerConfigSchema, env);
}

/** The webhook delivery settings of a worker config. */
export function webhookOptionsOf(config: {
  WEBHOOK_HTTP_ALLOWED_HOSTS: string;
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: boolean;
  WEBHOOK_TIMEOUT_MS: number;
  WEBHOOK_FANOUT_CONCURRENCY?: number | undefined;
  WEBHOOK_FANOUT_PER_ENDPOINT?: number | undefined;
}): Pick<WebhookDeliveryOptions, 'allowedHosts' | 'allowPrivateAddresses' | 'timeoutMs'> &
  Partial<Pick<WebhookDeliveryOptions, 'fanoutConcurrency' | 'fanoutPerEndpoint'>> {
  return {
    allowedHosts: config.WEBHOOK_HTTP_ALLOWED_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    ...(config.WEBHOOK_FANOUT_CONCURRENCY ? { fanoutConcurrency: config.WEBHOOK_FANOUT_CONCURRENCY } : {}),
    ...(config.WEBHOOK_FANOUT_PER_ENDPOINT ? { fanoutPerEndpoint: config.WEBHOOK_FANOUT_PER_ENDPOINT } : {}),
  };
}
