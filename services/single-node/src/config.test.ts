import { WorkerSettingsSchema } from '@tym/worker';
import { describe, expect, it } from 'vitest';
import { loadSingleNodeConfig, SingleNodeConfigSchema } from './config.js';

const PII = {
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  PII_CURRENT_KEY_ID: 'k1',
  PII_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
};

describe('the single node takes the worker’s settings whole (one worker config schema)', () => {
  it('has every setting of WorkerSettingsSchema', () => {
    const missing = Object.keys(WorkerSettingsSchema.properties).filter(
      (key) => !(key in SingleNodeConfigSchema.properties),
    );
    expect(missing).toEqual([]);
  });

  it('reads the lock time, the sweep intervals and the relay interval', () => {
    const config = loadSingleNodeConfig({
      ...PII,
      WORKER_LOCK_MS: '120000',
      DEADLINE_SWEEP_EVERY_MS: '5000',
      EMAIL_SWEEP_EVERY_MS: '6000',
      RETENTION_SWEEP_EVERY_MS: '7000',
      SCHEDULER_REFRESH_MS: '8000',
      RELAY_INTERVAL_MS: '900',
      SHUTDOWN_GRACE_MS: '45000',
    });
    expect(config).toMatchObject({
      WORKER_LOCK_MS: 120000,
      DEADLINE_SWEEP_EVERY_MS: 5000,
      EMAIL_SWEEP_EVERY_MS: 6000,
      RETENTION_SWEEP_EVERY_MS: 7000,
      SCHEDULER_REFRESH_MS: 8000,
      RELAY_INTERVAL_MS: 900,
      SHUTDOWN_GRACE_MS: 45000,
    });
  });
});
