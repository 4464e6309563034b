import {
  composeProcessors,
  type JobContext,
  type Processor,
  type ProcessorMap,
  type ServiceJobs,
} from '@tym/jobs';
import { type NotificationsJobsDeps, notificationsJobs } from '@tym/notifications';
import { planningJobs } from '@tym/planning';
import { resourcingJobs } from '@tym/resourcing';

export type { JobContext, Processor, ProcessorMap };

/** What the services' jobs need: the database, the clock, the log and each service's settings. */
export type ProcessorDeps = NotificationsJobsDeps;

/**
 * The services' background work, as the worker hosts it: each service exports its
 * processors and event consumers (`<service>Jobs(deps)`, `*.jobs.ts` beside its routes); the
 * worker only composes them. `event.dispatch` runs the consumers in this order: notifications
 * (webhook fan-out, notices, the client's messages, deadline timers), then the domain
 * reactions of resourcing (quota crossings) and planning (plan reviews, transfers).
 * referrals has no background work of its own: what it owns is erased by its exported
 * functions from notifications' erasure jobs.
 */
export function serviceJobs(deps: ProcessorDeps): ServiceJobs[] {
  return [notificationsJobs(deps), resourcingJobs(deps), planningJobs(deps)];
}

/** One processor per catalog job, each idempotent (conditional updates, unique keys). */
export function createProcessors(deps: ProcessorDeps): ProcessorMap {
  return composeProcessors(deps, serviceJobs(deps));
}
