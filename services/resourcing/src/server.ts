import { redisEventWaker, wakeOnEventCommit } from '@tym/jobs';
import { runServiceMain, startServiceProcess } from '@tym/platform';
import { resourcingService } from './app.js';
import { loadResourcingConfig } from './config.js';

/**
 * The resourcing service as its own process (one container in production): its config,
 * /health/live and /health/ready, graceful shutdown on SIGTERM, listening on HOST:PORT.
 */
runServiceMain('resourcing', () =>
  startServiceProcess({
    name: 'resourcing',
    config: loadResourcingConfig(),
    docs: {
      title: 'TYM resourcing service',
      description: 'The directory: organisations, municipalities, areas, staff, agreements; the calendar.',
    },
    register: async ({ app, db, clock, config, createRedis }) => {
      // A commit that wrote events wakes the worker's relay at once (Redis pub/sub, best-effort;
      // the relay's polling is the safety net).
      const unhookWake = wakeOnEventCommit(db.pool, redisEventWaker(createRedis(), config.QUEUE_PREFIX));

      await app.register(resourcingService({ db: db.db, clock }));
      return async () => unhookWake();
    },
  }),
);
