export * from './_schema.js';
export * from './deadlines.js';
export * from './events.js';
export * from './idempotency-keys.js';
