export * from './compose.js';
export * from './config.js';
export * from './system.js';
