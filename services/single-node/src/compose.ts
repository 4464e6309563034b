import type { Database } from '@tym/db';
import type { JobProducer } from '@tym/jobs';
import { notificationsService } from '@tym/notifications';
import { planningService } from '@tym/planning';
import type { App, Clock, PiiCipher } from '@tym/platform';
import { referralsService } from '@tym/referrals';
import { resourcingService } from '@tym/resourcing';

export interface ServiceDeps {
  db: Database;
  clock: Clock;
  producer: JobProducer;
  pii: PiiCipher;
  webhooks: { allowedHosts: string[]; allowPrivateAddresses: boolean };
  /** Base of links in notifications (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

/**
 * Every service plugin, registered by import (no autoload). The same plugins run one per
 * container in production; here they share one Fastify instance and one port.
 */
export async function registerServices(app: App, deps: ServiceDeps): Promise<void> {
  await app.register(resourcingService(deps));
  await app.register(referralsService({ db: deps.db, clock: deps.clock, pii: deps.pii }));
  await app.register(planningService({ db: deps.db, clock: deps.clock }));
  await app.register(
    notificationsService({
      db: deps.db,
      clock: deps.clock,
      producer: deps.producer,
      config: deps.webhooks,
      publicBaseUrl: deps.publicBaseUrl,
      pii: deps.pii,
    }),
  );
}
