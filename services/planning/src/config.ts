import { loadConfig, ServiceProcessConfigSchema } from '@tym/platform';
import { Type } from 'typebox';

/** The planning service as its own process (server.ts): the platform's settings only. */
export const PlanningConfigSchema = Type.Object({ ...ServiceProcessConfigSchema.properties });

export function loadPlanningConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(PlanningConfigSchema, env);
}
