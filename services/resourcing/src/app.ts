import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { agreementsRoutes } from './agreements/agreements.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { cooperationAreasRoutes } from './cooperation-areas/cooperation-areas.routes.js';
import { cooperationArrangementsRoutes } from './cooperation-arrangements/cooperation-arrangements.routes.js';
import type { ResourcingDeps } from './deps.js';
import { employmentAreasRoutes } from './employment-areas/employment-areas.routes.js';
import { managementGroupsRoutes } from './management-groups/management-groups.routes.js';
import { meRoutes } from './me/me.routes.js';
import { municipalitiesRoutes } from './municipalities/municipalities.routes.js';
import { organisationsRoutes } from './organisations/organisations.routes.js';
import { referenceDataRoutes } from './reference-data/reference-data.routes.js';
import { situationalPictureRoutes } from './situational-picture/situational-picture.routes.js';
import { staffRoutes } from './staff/staff.routes.js';
import { utilisationRoutes } from './utilisation/utilisation.routes.js';

/**
 * The resourcing service as a Fastify plugin: the TYM directory (organisations and their
 * party roles, municipalities, employment areas, cooperation areas, staff and their
 * allocations), the statutory calendar, and the governance of each cooperation area:
 * management groups, cooperation agreements with their versions, approvals, staffing reviews
 * and cost shares, utilisation against the agreed staffing. Reads no environment and never listens; register
 * it on the platform app (`createPlatformApp`), alone or beside the other services.
 */
export function resourcingService(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async function resourcing(app) {
    await app.register(organisationsRoutes(deps));
    await app.register(municipalitiesRoutes(deps));
    await app.register(employmentAreasRoutes(deps));
    await app.register(cooperationAreasRoutes(deps));
    await app.register(staffRoutes(deps));
    await app.register(meRoutes(deps));
    await app.register(calendarRoutes(deps));
    await app.register(managementGroupsRoutes(deps));
    await app.register(agreementsRoutes(deps));
    await app.register(utilisationRoutes(deps));
    await app.register(referenceDataRoutes(deps));
    await app.register(cooperationArrangementsRoutes(deps));
    await app.register(situationalPictureRoutes(deps));
  };
}
