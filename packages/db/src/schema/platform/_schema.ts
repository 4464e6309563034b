import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * Cross-cutting tables every service writes inside its own transactions: the event log
 * (outbox), statutory deadlines, per-case event sequences and idempotency keys.
 */
export const platform = pgSchema('platform');
