import { describe, expect, it } from 'vitest';
import {
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  nextAttemptAt,
  parseRetryAfter,
  RETRY_SCHEDULE_MS,
  retryDelayMs,
} from './retry-schedule.js';

const now = new Date('2026-03-19T10:00:00Z');
const mid = () => 0.5;

describe('webhook retry schedule', () => {
  it('follows at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h without jitter', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelayMs(a, mid))).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(retryDelayMs(20, mid)).toBe(RETRY_SCHEDULE_MS[7]);
  });

  it('jitters each delay by at most ±10 %', () => {
    expect(retryDelayMs(3, () => 0)).toBe(270_000);
    expect(retryDelayMs(3, () => 0.999999)).toBeLessThanOrEqual(330_000);
    expect(retryDelayMs(3, () => 0.999999)).toBeGreaterThan(329_000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(5);
      expect(d).toBeGreaterThanOrEqual(7_200_000 * 0.9);
      expect(d).toBeLessThanOrEqual(7_200_000 * 1.1);
    }
  });

  it('reads Retry-After as seconds or an HTTP date, and caps it', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 7 ', now)).toBe(7_000);
    expect(parseRetryAfter(new Date(now.getTime() + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter('Wed, 18 Mar 2026 10:00:00 GMT', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('0', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('waits for the longer of the schedule and Retry-After', () => {
    expect(nextAttemptAt(now, 2, null, mid).getTime() - now.getTime()).toBe(5_000);
    expect(nextAttemptAt(now, 2, 120_000, mid).getTime() - now.getTime()).toBe(120_000);
    expect(nextAttemptAt(now, 3, 1_000, mid).getTime() - now.getTime()).toBe(300_000);
  });
});
