export * from './catalog.js';
export * from './deadlines.js';
export * from './outbox.js';
export * from './processors.js';
export * from './producer.js';
export * from './relay.js';
export * from './wake.js';
