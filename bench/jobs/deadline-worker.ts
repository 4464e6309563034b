// A worker process for `pnpm bench deadlines`: the worker of services/worker/src/server.ts
// (startWorker: the same processors, queues, settings and sweeps), with two differences for
// the benchmark only:
// - its clock runs BENCH_CLOCK_OFFSET_MS ahead, so that a Helsinki midnight — the moment
//   reminders fall due — comes a few seconds after the workers are ready;
// - it counts its PostgreSQL statements and Redis commands, prints `ready` on stdout once its
//   BullMQ workers are connected, and the counts on SIGUSR2 and SIGTERM (`counts {json}`).
import { createRequire } from 'node:module';
import { createDb } from '@tym/db';
import { createJobProducer } from '@tym/jobs';
import { createRequestRedis } from '@tym/platform';
import pino from 'pino';
import { loadWorkerConfig } from '../../services/worker/src/config.js';
import { startWorker } from '../../services/worker/src/worker.js';

const require = createRequire(new URL('../../services/worker/package.json', import.meta.url));
const counts = { statements: 0, redis: 0, redisByCommand: {} as Record<string, number> };
{
  const pg = require('pg') as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    counts.statements += 1;
    return query.apply(this, args);
  };
  const { Redis } = require('ioredis') as {
    Redis: { prototype: { sendCommand: (cmd: { name: string }, ...a: unknown[]) => unknown } };
  };
  const send = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (this: unknown, cmd: { name: string }, ...args: unknown[]) {
    counts.redis += 1;
    counts.redisByCommand[cmd.name] = (counts.redisByCommand[cmd.name] ?? 0) + 1;
    return send.call(this, cmd, ...args);
  };
}

const offsetMs = Number(process.env.BENCH_CLOCK_OFFSET_MS ?? 0);
const clock = { now: () => new Date(Date.now() + offsetMs) };
const config = loadWorkerConfig();
const log = pino({ level: config.LOG_LEVEL });
const db = createDb({
  url: config.DATABASE_URL,
  max: config.DATABASE_POOL_MAX,
  applicationName: 'tym-worker',
});
const producerRedis = createRequestRedis(config.REDIS_URL);
const producer = createJobProducer(producerRedis, config.QUEUE_PREFIX);
const worker = await startWorker(config, {
  db: db.db,
  pool: db.pool,
  producer,
  log,
  clock,
  redisUrl: config.REDIS_URL,
});
await Promise.all(worker.runtime.workers.map((w) => w.waitUntilReady()));
await db.pool.query('SELECT 1');
process.stdout.write('ready\n');
process.on('SIGUSR2', () => process.stdout.write(`counts ${JSON.stringify(counts)}\n`));
process.once('SIGTERM', () => {
  process.stdout.write(`counts ${JSON.stringify(counts)}\n`);
  void (async () => {
    await worker.close();
    await producer.close();
    producerRedis.disconnect();
    await db.close();
    process.exit(0);
  })();
});
