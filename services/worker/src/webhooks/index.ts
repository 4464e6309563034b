export * from './address-guard.js';
export * from './http-sender.js';
export * from './retry-schedule.js';
export * from './signature.js';
export * from './webhook-delivery.options.js';
export * from './webhook-delivery.service.js';
