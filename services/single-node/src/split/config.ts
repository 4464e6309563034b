import { loadConfig } from '@tym/platform';
import { Type } from 'typebox';

/**
 * The split launcher (`pnpm start --split`): where the router listens and how long the
 * processes get to stop. Every other variable is passed on to the service processes, each
 * of which validates its own.
 */
export const SplitConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', description: 'Interface the router listens on' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'Port of the router' }),
  PUBLIC_BASE_URL: Type.Optional(Type.String({ description: 'Base URL printed and given to the services' })),
  SHUTDOWN_GRACE_MS: Type.Integer({
    default: 10_000,
    minimum: 0,
    description: 'The services’ grace; a process not gone 35 s after it is killed',
  }),
});

export function loadSplitConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(SplitConfigSchema, env);
}

/** The environment the service processes inherit (the launcher's own). */
export function inheritedProcessEnv(): Record<string, string | undefined> {
  return { ...process.env };
}
