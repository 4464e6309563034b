import { createJobProducer, redisEventWaker, wakeOnEventCommit } from '@tym/jobs';
import { createPiiCipher, parseKeyList, runServiceMain, startServiceProcess } from '@tym/platform';
import { notificationsService } from './app.js';
import { loadNotificationsConfig } from './config.js';

/**
 * The notifications service as its own process (one container in production): its config,
 * /health/live and /health/ready, graceful shutdown on SIGTERM, listening on HOST:PORT.
 * Its background half (webhook delivery, e-mail, timers) runs in the worker process.
 */
runServiceMain('notifications', () =>
  startServiceProcess({
    name: 'notifications',
    config: loadNotificationsConfig(),
    docs: {
      title: 'TYM notifications service',
      description: 'Inbox, deadlines, letters, webhook subscriptions and deliveries, the event feed.',
    },
    register: async ({ app, db, clock, config, createRedis }) => {
      // A commit that wrote events wakes the worker's relay at once (Redis pub/sub, best-effort;
      // the relay's polling is the safety net).
      const unhookWake = wakeOnEventCommit(db.pool, redisEventWaker(createRedis(), config.QUEUE_PREFIX));

      const producer = createJobProducer(createRedis(), config.QUEUE_PREFIX);
      await app.register(
        notificationsService({
          db: db.db,
          clock,
          producer,
          config: {
            allowedHosts: config.WEBHOOK_HTTP_ALLOWED_HOSTS.split(',')
              .map((h) => h.trim())
              .filter(Boolean),
            allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
          },
          publicBaseUrl: config.PUBLIC_BASE_URL,
          pii: createPiiCipher({
            encryptionKeys: parseKeyList(config.PII_ENCRYPTION_KEYS),
            currentKeyId: config.PII_CURRENT_KEY_ID,
            blindIndexKey: config.PII_BLIND_INDEX_KEY,
          }),
        }),
      );
      return async () => {
        unhookWake();
        await producer.close();
      };
    },
  }),
);
