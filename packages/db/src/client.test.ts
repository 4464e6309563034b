import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

describe('createDb close()', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb?.destroy();
  });

  it('does not wait forever for a client that never comes back (a shutdown after a restart)', async () => {
    const handle = createDb({ url: tdb.url, max: 2, applicationName: 'tym-close-test', closeTimeoutMs: 300 });
    const leaked = await handle.pool.connect();
    await leaked.query('SELECT 1');
    // pool.end() alone would wait for `leaked` to be released, which never happens here.
    const closed = await Promise.race([
      handle.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still waiting'), 5_000)),
    ]);
    expect(closed).toBe('closed');
    leaked.release(new Error('test over'));
  });
});
