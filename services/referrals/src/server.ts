import { redisEventWaker, wakeOnEventCommit } from '@tym/jobs';
import { createPiiCipher, parseKeyList, runServiceMain, startServiceProcess } from '@tym/platform';
import { referralsService } from './app.js';
import { loadReferralsConfig } from './config.js';

/**
 * The referrals service as its own process (one container in production): its config,
 * /health/live and /health/ready, graceful shutdown on SIGTERM, listening on HOST:PORT.
 */
runServiceMain('referrals', () =>
  startServiceProcess({
    name: 'referrals',
    config: loadReferralsConfig(),
    docs: {
      title: 'TYM referrals service',
      description: 'Clients, referrals, cases (client relationships), case teams and the access log.',
    },
    register: async ({ app, db, clock, config, createRedis }) => {
      // A commit that wrote events wakes the worker's relay at once (Redis pub/sub, best-effort;
      // the relay's polling is the safety net).
      const unhookWake = wakeOnEventCommit(db.pool, redisEventWaker(createRedis(), config.QUEUE_PREFIX));

      const pii = createPiiCipher({
        encryptionKeys: parseKeyList(config.PII_ENCRYPTION_KEYS),
        currentKeyId: config.PII_CURRENT_KEY_ID,
        blindIndexKey: config.PII_BLIND_INDEX_KEY,
      });
      await app.register(referralsService({ db: db.db, clock, pii }));
      return async () => unhookWake();
    },
  }),
);
