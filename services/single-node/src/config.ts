import { BaseConfigSchema, loadConfig, PiiConfigSchema } from '@tym/platform';
import { MailConfigSchema, WorkerConfigSchema } from '@tym/worker';
import { Type } from 'typebox';

/** The single-node process: every service on one port, plus the worker. */
export const SingleNodeConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  ...PiiConfigSchema.properties,
  ...MailConfigSchema.properties,
  BULL_BOARD_ENABLED: Type.Boolean({
    default: true,
    description: 'Serve Bull Board (the queues) at /admin/queues to tokens with the admin role',
  }),
  WORKER_ENABLED: Type.Boolean({ default: true, description: 'Run the BullMQ worker in this process' }),
  WORKER_CONCURRENCY: Type.Integer({
    default: 4,
    minimum: 1,
    maximum: 64,
    description: 'Jobs in parallel per queue',
  }),
  WEBHOOK_CONCURRENCY: Type.Integer({
    default: 20,
    minimum: 1,
    maximum: 200,
    description: 'Webhook attempts in flight per worker process',
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
  QUEUE_PREFIX: Type.String({
    default: 'tym',
    pattern: '^[a-z0-9-]+$',
    description: 'Redis key prefix of this deployment: BullMQ queues and rate-limit counters',
  }),
  DEV_IDP_PRIVATE_KEY_FILE: Type.Optional(
    Type.String({
      description:
        'Development only: the private key of a trusted issuer (the development identity provider `pnpm start` ' +
        'creates in .dev/). When set, POST /dev/token mints tokens with it; never set it in production',
    }),
  ),
  OUTBOX_STRANDED_AFTER_MS: WorkerConfigSchema.properties.OUTBOX_STRANDED_AFTER_MS,
  OUTBOX_STRANDED_SWEEP_EVERY_MS: WorkerConfigSchema.properties.OUTBOX_STRANDED_SWEEP_EVERY_MS,
});

export type SingleNodeConfig = ReturnType<typeof loadSingleNodeConfig>;

export function loadSingleNodeConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(SingleNodeConfigSchema, env);
}
