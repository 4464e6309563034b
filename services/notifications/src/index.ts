export * from './app.js';
// Background work (`*.jobs.ts` beside the routes), composed by services/worker and single-node.
export { clientMessageLanguages } from './client-letters/client-language.js';
export { loadNotificationsConfig, NotificationsConfigSchema } from './config.js';
export { type EraseOutcome, eraseCase } from './deadlines/case-erasure.jobs.js';
export { fireDeadlineStep, type StepJob, sweepDeadlines } from './deadlines/deadline-timers.jobs.js';
export * from './deadlines/deadlines.errors.js';
export * from './deadlines/deadlines.routes.js';
export * from './deadlines/erasure-holds.routes.js';
export {
  DEFAULT_EMAIL_RETENTION_DAYS,
  DEFAULT_RETENTION_OPTIONS,
  eraseSpentEmails,
  type RetentionOptions,
  sweepRetention,
} from './deadlines/retention-erasure.jobs.js';
export * from './deps.js';
export { sendEmail, sweepEmails } from './email/email-delivery.jobs.js';
export { createSmtpMailer, type Mailer, type SmtpOptions } from './email/email-transport.js';
export * from './event-types/event-types.routes.js';
export * from './event-types/event-webhooks.openapi.js';
export * from './events/events.errors.js';
export * from './events/events.routes.js';
export { type NotificationsJobsDeps, notificationsJobs } from './jobs.js';
export * from './notifications/notifications.errors.js';
export * from './notifications/notifications.routes.js';
export * from './settings/settings.routes.js';
export * from './webhook-deliveries/webhook-deliveries.errors.js';
export { deliverWebhook, sweepWebhookDeliveries } from './webhook-deliveries/webhook-deliveries.jobs.js';
export * from './webhook-deliveries/webhook-deliveries.routes.js';
export {
  DEFAULT_WEBHOOK_DELIVERY_OPTIONS,
  type WebhookDeliveryOptions,
} from './webhook-deliveries/webhook-delivery.options.js';
export * from './webhook-endpoints/endpoint-url.js';
export * from './webhook-endpoints/webhook-endpoints.errors.js';
export * from './webhook-endpoints/webhook-endpoints.routes.js';
