import { loadConfig, ServiceProcessConfigSchema } from '@tym/platform';
import { Type } from 'typebox';

/** The resourcing service as its own process (server.ts): the platform's settings only. */
export const ResourcingConfigSchema = Type.Object({ ...ServiceProcessConfigSchema.properties });

export function loadResourcingConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(ResourcingConfigSchema, env);
}
