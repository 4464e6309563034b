import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { createJobProducer, type JobProducer } from '@tym/jobs';
import { fixedClock, loggerOptions, type PiiCipher } from '@tym/platform';
import {
  createTestPiiCipher,
  createTestPlatform,
  type TestPlatform,
  uniquePrefix,
} from '@tym/platform/testing';
import { seedReferenceData } from '@tym/resourcing';
import { loadDirectory } from '@tym/testing';
import pino from 'pino';
import { registerServices } from '../compose.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  config: { roles?: readonly string[]; public?: boolean };
  summary: string;
  hasBody: boolean;
}

export interface ComposedTestApp {
  t: TestPlatform;
  database: TestDatabase;
  producer: JobProducer;
  pii: PiiCipher;
  /** Every log line the app wrote, as text (the process logger's options, level debug). */
  logText(): string;
  /** Cooperation area id by code. */
  area(code: string): string;
  /** Every route the services registered, with its config (e.g. `roles`) and schema. */
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

/**
 * Every service plugin on one platform app, as the single-node process composes them, on a
 * fresh database with reference data (real PostgreSQL and Redis). The log goes through the
 * process logger's options (serializers, redaction) into memory, so tests can read it.
 */
export async function createComposedTestApp(): Promise<ComposedTestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock('2026-03-19T10:00:00Z');
  await seedReferenceData(database.db, { clock });
  const pii = createTestPiiCipher();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino(loggerOptions('debug', false), sink);
  const t = await createTestPlatform({ pool: database.pool, overrides: { logger } });
  const producerRedis = t.redis.duplicate();
  const producer = createJobProducer(producerRedis, uniquePrefix('composed'));
  const routes: RegisteredRoute[] = [];
  t.app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = (route.schema ?? {}) as { summary?: string; body?: unknown };
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        config: (route.config ?? {}) as RegisteredRoute['config'],
        summary: schema.summary ?? '',
        hasBody: schema.body !== undefined,
      });
    }
  });
  await registerServices(t.app, {
    db: database.db,
    clock,
    producer,
    pii,
    webhooks: { allowedHosts: ['127.0.0.1', 'localhost'], allowPrivateAddresses: true },
    publicBaseUrl: 'http://localhost:3000',
  });
  await t.app.ready();
  const { area } = await loadDirectory(t);
  return {
    t,
    database,
    producer,
    pii,
    routes,
    logText: () => lines.join(''),
    area,
    close: async () => {
      await t.close();
      await producer.close();
      producerRedis.disconnect();
      await database.destroy();
    },
  };
}
