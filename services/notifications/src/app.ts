import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clientLettersRoutes } from './client-letters/client-letters.routes.js';
import { dataSubjectRoutes } from './data-subject/data-subject-export.routes.js';
import { deadlinesRoutes } from './deadlines/deadlines.routes.js';
import { erasureHoldsRoutes } from './deadlines/erasure-holds.routes.js';
import type { NotificationsDeps } from './deps.js';
import { eventTypesRoutes } from './event-types/event-types.routes.js';
import { eventsRoutes } from './events/events.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { notificationSettingsRoutes } from './settings/settings.routes.js';
import { webhookDeliveriesRoutes } from './webhook-deliveries/webhook-deliveries.routes.js';
import { webhookEndpointsRoutes } from './webhook-endpoints/webhook-endpoints.routes.js';
import './client-letters/client-letters.errors.js';
import './data-subject/data-subject.errors.js';
import './deadlines/deadlines.errors.js';
import './events/events.errors.js';
import './notifications/notifications.errors.js';
import './webhook-deliveries/webhook-deliveries.errors.js';
import './webhook-endpoints/webhook-endpoints.errors.js';

/**
 * The notifications service as a Fastify plugin: the inbox and notification settings,
 * deadlines and erasure holds, the client's letters, webhook subscriptions, their delivery log, and the partner
 * event feed. It reads no environment and never listens; timers, e-mail and webhook delivery
 * run in the worker (services/worker/src), this service's background half.
 */
export function notificationsService(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(webhookEndpointsRoutes(deps));
    await app.register(webhookDeliveriesRoutes(deps));
    await app.register(eventsRoutes(deps));
    await app.register(eventTypesRoutes(deps));
    await app.register(notificationsRoutes(deps));
    await app.register(notificationSettingsRoutes(deps));
    await app.register(deadlinesRoutes(deps));
    await app.register(erasureHoldsRoutes(deps));
    await app.register(clientLettersRoutes(deps));
    await app.register(dataSubjectRoutes(deps));
  };
}
