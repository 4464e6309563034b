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
    register: async ({ app, db, clock }) => {
      await app.register(resourcingService({ db: db.db, clock }));
      return undefined;
    },
  }),
);
