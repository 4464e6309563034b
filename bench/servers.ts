// Child process of `pnpm bench`: the whole system (no worker) on one port and the bare
// handlers on another, so the load generator in the parent does not share their event loop.
import { createDb } from '@tym/db';
import { loggerOptions } from '@tym/platform';
import { createSystem, loadSingleNodeConfig } from '@tym/single-node';
import Fastify from 'fastify';
import pino from 'pino';
import { scenarios } from './scenarios/index.js';

const config = loadSingleNodeConfig({
  ...process.env,
  WORKER_ENABLED: 'false',
  RATE_LIMIT_MAX: '100000000',
  LOG_LEVEL: 'warn',
  PORT: '0',
});
// The process logger's options: redaction and database errors without their values.
const log = pino(loggerOptions('warn', false));
const system = await createSystem(config, log, { logRequests: true });
await system.app.listen({ host: '127.0.0.1', port: 0 });

const bareDb = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX });
const bare = Fastify({ logger: false });
for (const s of scenarios) s.bare(bare, bareDb.db);
await bare.listen({ host: '127.0.0.1', port: 0 });

const port = (a: ReturnType<typeof bare.server.address>) => (typeof a === 'object' && a ? a.port : 0);
process.stdout.write(`READY ${port(system.app.server.address())} ${port(bare.server.address())}\n`);
process.on('SIGTERM', async () => {
  await system.close();
  await bare.close();
  await bareDb.close();
  process.exit(0);
});
