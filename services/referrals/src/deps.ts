import type { Database } from '@tym/db';
import type { Clock, PiiCipher } from '@tym/platform';

/** What the referrals service needs from its process: the database, a clock and the PII cipher. */
export interface ReferralsDeps {
  db: Database;
  clock: Clock;
  /** Encrypts identity codes at rest and computes their blind index (architecture.md, Data). */
  pii: PiiCipher;
}
