import type { Database } from '@tym/db';
import type { JobProducer } from '@tym/jobs';
import type { Clock, PiiCipher } from '@tym/platform';

export interface NotificationsConfig {
  /** Hosts an endpoint may use plain `http` for (tests: 127.0.0.1, localhost); else https only. */
  allowedHosts: string[];
  /** Accept endpoint URLs with loopback and private IP literals (tests, closed networks). */
  allowPrivateAddresses: boolean;
}

/** What the notifications service needs from its process. */
export interface NotificationsDeps {
  db: Database;
  clock: Clock;
  /** Enqueues webhook attempts at once; without it the worker's sweep picks them up (≤ 30 s). */
  producer?: JobProducer;
  config: NotificationsConfig;
  /** Base of links in notifications (PUBLIC_BASE_URL); http://127.0.0.1:3000 when absent. */
  publicBaseUrl?: string;
  /**
   * The identity-code cipher (the one services/referrals uses): the data-subject export
   * decrypts the client’s identity code and referral details (every composition passes it; without it that route fails).
   */
  pii?: PiiCipher;
}
