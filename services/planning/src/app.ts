import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PlanningDeps } from './deps.js';
import { meetingConclusionRoutes } from './meetings/meeting-conclusion.js';
import { meetingsRoutes } from './meetings/meetings.routes.js';
import { myMeetingsRoutes } from './meetings/my-meetings.routes.js';
import { planSubmissionRoutes } from './plans/plan-submission.js';
import { plansRoutes } from './plans/plans.routes.js';

/**
 * The planning service as a Fastify plugin: joint meetings and the joint employment plan
 * (monialainen työllistymissuunnitelma, 381/2023 §4–§7). Reads no environment and never
 * listens; register it on the platform app beside the referrals and resourcing services.
 */
export function planningService(deps: PlanningDeps): FastifyPluginAsyncTypebox {
  return async function planning(app) {
    await app.register(meetingsRoutes(deps));
    await app.register(myMeetingsRoutes(deps));
    await app.register(meetingConclusionRoutes(deps));
    await app.register(plansRoutes(deps));
    await app.register(planSubmissionRoutes(deps));
  };
}
