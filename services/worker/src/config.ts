import { BaseConfigSchema, loadConfig } from '@tym/platform';
import { Type } from 'typebox';

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
  WORKER_CONCURRENCY: Type.Integer({
    default: 4,
    minimum: 1,
    maximum: 64,
    description: 'Jobs in parallel per queue',
  }),
  QUEUE_PREFIX: Type.String({ default: 'tym', pattern: '^[a-z0-9-]+$', description: 'BullMQ key prefix' }),
});

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(WorkerConfigSchema, env);
}
