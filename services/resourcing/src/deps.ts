import type { Database } from '@tym/db';
import type { Clock } from '@tym/platform';

/** What the resourcing service needs from its process: the database and a clock. */
export interface ResourcingDeps {
  db: Database;
  clock: Clock;
}
