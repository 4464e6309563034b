import { createDb } from '@tym/db';
import { createJobProducer, jobCatalog, queuesOf } from '@tym/jobs';
import { createRequestRedis } from '@tym/platform';
import { createTestPlatform, type TestPlatform, testRedisUrl, uniquePrefix } from '@tym/platform/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULL_BOARD_PATH, bullBoardPlugin } from './bull-board.js';
import { startHealthServer } from './health-server.js';

describe('Bull Board at /admin/queues', () => {
  let t: TestPlatform;
  let redis: Redis;
  const handle = createDb({ url: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
  const producerOf = () => createJobProducer(redis, uniquePrefix('board'));
  let producer: ReturnType<typeof producerOf>;

  beforeAll(async () => {
    redis = createRequestRedis(testRedisUrl());
    producer = producerOf();
    t = await createTestPlatform({ pool: handle.pool });
    await t.app.register(bullBoardPlugin(queuesOf(jobCatalog).map((q) => producer.queue(q))));
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
    await producer.close();
    redis.disconnect();
    await handle.close();
  });

  it('refuses callers without a token (401) and non-admins (403), as problem+json', async () => {
    const anonymous = await t.app.inject({ url: BULL_BOARD_PATH });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const role of ['caseworker', 'coordinator', 'auditor', 'partner']) {
      const res = await t.app.inject({
        url: BULL_BOARD_PATH,
        headers: { authorization: t.bearer('kela', [role]) },
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const api = await t.app.inject({
      url: `${BULL_BOARD_PATH}/api/queues`,
      headers: { authorization: t.bearer('kela', ['caseworker']) },
    });
    expect(api.statusCode).toBe(403);
  });

  it('shows the queues to an admin', async () => {
    const admin = { authorization: t.bearer('kela', ['admin']) };
    const page = await t.app.inject({ url: BULL_BOARD_PATH, headers: admin });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await t.app.inject({ url: `${BULL_BOARD_PATH}/api/queues`, headers: admin });
    expect(api.statusCode).toBe(200);
    const names = (api.json().queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual(queuesOf(jobCatalog).sort());
  });
});

describe('worker health endpoint', () => {
  it('is live, and ready only while its dependencies answer', async () => {
    let dbUp = true;
    const health = await startHealthServer('127.0.0.1', 0, {
      database: async () => {
        if (!dbUp) throw new Error('down');
      },
      redis: async () => {},
    });
    try {
      const base = `http://127.0.0.1:${health.port}`;
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
      dbUp = false;
      const down = await fetch(`${base}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', checks: { database: 'down', redis: 'ok' } });
    } finally {
      await health.close();
    }
  });
});
