import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { cooperationAreasRoutes } from './cooperation-areas/cooperation-areas.routes.js';
import type { ResourcingDeps } from './deps.js';
import { employmentAreasRoutes } from './employment-areas/employment-areas.routes.js';
import { municipalitiesRoutes } from './municipalities/municipalities.routes.js';
import { organisationsRoutes } from './organisations/organisations.routes.js';
import { staffRoutes } from './staff/staff.routes.js';

/**
 * The resourcing service as a Fastify plugin: the TYM directory (organisations and their
 * party roles, municipalities, employment areas, cooperation areas, staff and their
 * allocations) and the statutory calendar. Reads no environment and never listens; register
 * it on the platform app (`createPlatformApp`), alone or beside the other services.
 */
export function resourcingService(deps: ResourcingDeps): FastifyPluginAsyncTypebox {
  return async function resourcing(app) {
    await app.register(organisationsRoutes(deps));
    await app.register(municipalitiesRoutes(deps));
    await app.register(employmentAreasRoutes(deps));
    await app.register(cooperationAreasRoutes(deps));
    await app.register(staffRoutes(deps));
    await app.register(calendarRoutes(deps));
  };
}
