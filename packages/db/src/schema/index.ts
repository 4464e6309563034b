// One file per table, one pg schema per service (architecture.md). drizzle-kit reads this.
export * from './platform/index.js';
export * from './resourcing/index.js';
