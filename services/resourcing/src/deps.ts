import type { Database } from '@tym/db';
import type { Clock, PiiCipher } from '@tym/platform';

/** What the resourcing service needs from its process: the database and a clock. */
export interface ResourcingDeps {
  db: Database;
  clock: Clock;
  /**
   * The platform's keyed HMAC (the PII blind index), which signs the short-lived links of the
   * situational-picture page. Without it (OpenAPI generation) a process-local key signs them.
   */
  pii?: PiiCipher;
}
