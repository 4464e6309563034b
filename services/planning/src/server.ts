import { redisEventWaker, wakeOnEventCommit } from '@tym/jobs';
import { runServiceMain, startServiceProcess } from '@tym/platform';
import { planningService } from './app.js';
import { loadPlanningConfig } from './config.js';

/**
 * The planning service as its own process (one container in production): its config,
 * /health/live and /health/ready, graceful shutdown on SIGTERM, listening on HOST:PORT.
 */
runServiceMain('planning', () =>
  startServiceProcess({
    name: 'planning',
    config: loadPlanningConfig(),
    docs: {
      title: 'TYM planning service',
      description: 'Joint meetings and the joint employment plan: versions, approvals, reviews.',
    },
    register: async ({ app, db, clock, config, createRedis }) => {
      // A commit that wrote events wakes the worker's relay at once (Redis pub/sub, best-effort;
      // the relay's polling is the safety net).
      const unhookWake = wakeOnEventCommit(db.pool, redisEventWaker(createRedis(), config.QUEUE_PREFIX));

      await app.register(planningService({ db: db.db, clock }));
      return async () => unhookWake();
    },
  }),
);
