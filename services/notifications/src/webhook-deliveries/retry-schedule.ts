/**
 * When a webhook delivery is attempted, as delays after the previous attempt (the Standard
 * Webhooks / Svix schedule): at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight
 * attempts over about 28 hours. Index i is the delay before attempt i + 1.
 */
export const RETRY_SCHEDULE_MS = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

/** Attempts an event delivery makes before it is `failed` (retry or recover re-opens it). */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

/** ±10 %: receivers that came back are not hit by every delayed retry in the same second. */
export const JITTER = 0.1;

/** A receiver may ask for a pause with Retry-After, but not for more than a day. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * The delay before attempt `nextAttempt` (2, 3, …), with jitter. `random` is injectable so
 * tests are exact; attempts past the schedule reuse its last step.
 */
export function retryDelayMs(nextAttempt: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(nextAttempt - 1, 0), RETRY_SCHEDULE_MS.length - 1);
  const base = RETRY_SCHEDULE_MS[index] ?? 0;
  const factor = 1 + JITTER * (2 * random() - 1);
  return Math.round(base * factor);
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110
 * §10.2.3). Garbage and past dates give null; values are capped at MAX_RETRY_AFTER_MS.
 */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/**
 * When attempt `nextAttempt` is due after a failure at `now`: the schedule's delay, or the
 * receiver's Retry-After when that asks for longer (never sooner than the schedule).
 */
export function nextAttemptAt(
  now: Date,
  nextAttempt: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): Date {
  const delay = Math.max(retryDelayMs(nextAttempt, random), retryAfterMs ?? 0);
  return new Date(now.getTime() + delay);
}
