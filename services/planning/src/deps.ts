import type { Database } from '@tym/db';
import type { Clock } from '@tym/platform';

/** What the planning service needs from its process: the database and a clock. */
export interface PlanningDeps {
  db: Database;
  clock: Clock;
}
