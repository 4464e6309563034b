import { loadConfig, PiiConfigSchema, ServiceProcessConfigSchema } from '@tym/platform';
import { Type } from 'typebox';

/**
 * The notifications service as its own process (server.ts): the platform's settings, the
 * identity-code keys (the data-subject export decrypts them) and which webhook URLs
 * subscriptions may name.
 */
export const NotificationsConfigSchema = Type.Object({
  ...ServiceProcessConfigSchema.properties,
  ...PiiConfigSchema.properties,
  WEBHOOK_HTTP_ALLOWED_HOSTS: Type.String({
    default: '',
    description: 'Comma-separated hosts a webhook URL may use plain http for (else https only)',
  }),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: Type.Boolean({
    default: false,
    description: 'Accept webhook URLs on loopback and private addresses (closed networks and tests only)',
  }),
});

export function loadNotificationsConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(NotificationsConfigSchema, env);
}
