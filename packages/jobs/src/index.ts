export * from './catalog.js';
export * from './deadlines.js';
export * from './events/event-catalog.js';
export * from './events/event-texts.js';
export * from './outbox.js';
export * from './processors.js';
export * from './producer.js';
export * from './relay.js';
