import { loadConfig, PiiConfigSchema, ServiceProcessConfigSchema } from '@tym/platform';
import { Type } from 'typebox';

/** The referrals service as its own process (server.ts): the platform's settings and the identity-code keys. */
export const ReferralsConfigSchema = Type.Object({
  ...ServiceProcessConfigSchema.properties,
  ...PiiConfigSchema.properties,
});

export function loadReferralsConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(ReferralsConfigSchema, env);
}
