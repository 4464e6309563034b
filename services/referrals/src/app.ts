import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { accessLogRoutes } from './access-log/access-log.routes.js';
import { assignmentSuggestionsRoutes } from './assignment-suggestions/assignment-suggestions.routes.js';
import { caseColleaguesRoutes } from './cases/case-colleagues.js';
import { casesRoutes } from './cases/cases.routes.js';
import { clientsRoutes } from './clients/clients.routes.js';
import type { ReferralsDeps } from './deps.js';
import { referralsRoutes } from './referrals/referrals.routes.js';
import { transfersRoutes } from './transfers/transfers.routes.js';

/**
 * The referrals service as a Fastify plugin: clients, referrals (381/2023 §3), client
 * relationships (cases, §4–§8), case teams, assignment suggestions and the access log. Reads no environment and
 * never listens; register it on the platform app (`createPlatformApp`), alone or beside the
 * other services.
 */
export function referralsService(deps: ReferralsDeps): FastifyPluginAsyncTypebox {
  return async function referrals(app) {
    await app.register(clientsRoutes(deps));
    await app.register(accessLogRoutes(deps));
    await app.register(referralsRoutes(deps));
    await app.register(casesRoutes(deps));
    await app.register(caseColleaguesRoutes(deps));
    await app.register(transfersRoutes(deps));
    await app.register(assignmentSuggestionsRoutes(deps));
  };
}
