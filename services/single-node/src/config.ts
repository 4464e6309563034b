import { BaseConfigSchema, loadConfig, PiiConfigSchema } from '@tym/platform';
import { WorkerSettingsSchema } from '@tym/worker';
import { Type } from 'typebox';

/** The single-node process: every service on one port, plus the worker. */
export const SingleNodeConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  ...PiiConfigSchema.properties,
  BULL_BOARD_ENABLED: Type.Boolean({
    default: true,
    description: 'Serve Bull Board (the queues) at /admin/queues to tokens with the admin role',
  }),
  WORKER_ENABLED: Type.Boolean({ default: true, description: 'Run the BullMQ worker in this process' }),
  // Every setting of the worker (services/worker): the same schema as the worker process.
  ...WorkerSettingsSchema.properties,
  // The platform's values where the worker's schema repeats them (one process, one meaning).
  PUBLIC_BASE_URL: BaseConfigSchema.properties.PUBLIC_BASE_URL,
  DEFAULT_LANGUAGE: BaseConfigSchema.properties.DEFAULT_LANGUAGE,
  DEV_IDP_PRIVATE_KEY_FILE: Type.Optional(
    Type.String({
      description:
        'Development only: the private key of a trusted issuer (the development identity provider `pnpm start` ' +
        'creates in .dev/). When set, POST /dev/token mints tokens with it; never set it in production',
    }),
  ),
});

export type SingleNodeConfig = ReturnType<typeof loadSingleNodeConfig>;

export function loadSingleNodeConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(SingleNodeConfigSchema, env);
}
