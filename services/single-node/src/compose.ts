import type { Database } from '@tym/db';
import type { App, Clock } from '@tym/platform';
import { resourcingService } from '@tym/resourcing';

export interface ServiceDeps {
  db: Database;
  clock: Clock;
}

/**
 * Every service plugin, registered by import (no autoload). The same plugins run one per
 * container in production; here they share one Fastify instance and one port.
 */
export async function registerServices(app: App, deps: ServiceDeps): Promise<void> {
  await app.register(resourcingService(deps));
}
