// Child process of `pnpm bench`: the whole system (no worker) on one port and the bare
// handlers on another, so the load generator in the parent does not share their event loop.
// Each pool counts its statements (round trips to PostgreSQL), read by the parent from
// GET /__bench/queries on the bare port (with the process's CPU time); BENCH_TRACE_SQL=1
// prints every statement's text.
import { createDb, type DbHandle } from '@tym/db';
import { redisEventWaker, wakeOnEventCommit } from '@tym/jobs';
import { createRequestRedis, loggerOptions } from '@tym/platform';
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
const trace = process.env.BENCH_TRACE_SQL === '1';
const counted = new WeakSet<object>();
/** Counts every statement a client of `pool` sends (pool.query and transactions alike). */
function countQueries(pool: DbHandle['pool'], name: string): { n: number } {
  const counter = { n: 0 };
  pool.on('acquire', (client: object) => {
    if (counted.has(client)) return;
    counted.add(client);
    const c = client as { query: (...args: unknown[]) => unknown };
    const query = c.query.bind(client);
    c.query = (...args: unknown[]) => {
      counter.n += 1;
      if (trace) {
        const q = args[0] as string | { text?: string };
        process.stderr.write(`[${name}] ${typeof q === 'string' ? q : q?.text}\n`);
      }
      return query(...args);
    };
  });
  return counter;
}

// The process logger's options: redaction and database errors without their values.
const log = pino(loggerOptions('warn', false));
const system = await createSystem(config, log, { logRequests: true });
const systemQueries = countQueries(system.db.pool, 'system');
await system.app.listen({ host: '127.0.0.1', port: 0 });
/**
 * Requests each server finished (answered, or abandoned by the load generator when its time
 * was up — the server does the work either way), so that statements and CPU per request
 * divide by the requests that caused them.
 */
function countRequests(server: import('node:http').Server): { n: number; own: number } {
  const counter = { n: 0, own: 0 };
  server.on('request', (req, res) => {
    if (req.url === '/__bench/queries') counter.own += 1;
    res.on('close', () => {
      counter.n += 1;
    });
  });
  return counter;
}
const systemRequests = countRequests(system.app.server);

const bareDb = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX });
const bareQueries = countQueries(bareDb.pool, 'bare');
// The bare handlers commit events too: their relay wake is the same best-effort PUBLISH.
const wakeRedis = createRequestRedis(config.REDIS_URL);
wakeOnEventCommit(bareDb.pool, redisEventWaker(wakeRedis, config.QUEUE_PREFIX));
const bare = Fastify({ logger: false });
for (const s of scenarios) s.bare(bare, bareDb.db);
// The process's CPU time too (µs, user + system): the servers take turns, so its growth over
// one measurement is what that server spent — a figure the machine's load disturbs far less
// than requests per second.
bare.get('/__bench/queries', async () => {
  const cpu = process.cpuUsage();
  return {
    system: systemQueries.n,
    bare: bareQueries.n,
    cpu: cpu.user + cpu.system,
    systemRequests: systemRequests.n,
    bareRequests: bareRequests.n - bareRequests.own,
  };
});
await bare.listen({ host: '127.0.0.1', port: 0 });
const bareRequests = countRequests(bare.server);

const port = (a: ReturnType<typeof bare.server.address>) => (typeof a === 'object' && a ? a.port : 0);
process.stdout.write(`READY ${port(system.app.server.address())} ${port(bare.server.address())}\n`);
process.on('SIGTERM', async () => {
  await system.close();
  await bare.close();
  await bareDb.close();
  wakeRedis.disconnect();
  process.exit(0);
});
