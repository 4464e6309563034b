// One file per table, one pg schema per service (architecture.md). drizzle-kit reads this.

export * from './notifications/index.js';
export * from './planning/index.js';
export * from './platform/index.js';
export * from './referrals/index.js';
export * from './resourcing/index.js';
