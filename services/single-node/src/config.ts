import { BaseConfigSchema, loadConfig } from '@tym/platform';
import { Type } from 'typebox';

/** The single-node process: every service on one port, plus the worker. */
export const SingleNodeConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  WORKER_ENABLED: Type.Boolean({ default: true, description: 'Run the BullMQ worker in this process' }),
  WORKER_CONCURRENCY: Type.Integer({
    default: 4,
    minimum: 1,
    maximum: 64,
    description: 'Jobs in parallel per queue',
  }),
  QUEUE_PREFIX: Type.String({ default: 'tym', pattern: '^[a-z0-9-]+$', description: 'BullMQ key prefix' }),
});

export type SingleNodeConfig = ReturnType<typeof loadSingleNodeConfig>;

export function loadSingleNodeConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(SingleNodeConfigSchema, env);
}
