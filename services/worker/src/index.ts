export * from './processors.js';
export * from './runtime.js';
