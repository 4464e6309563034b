export * from './config.js';
export * from './test-app.js';
export * from './tokens.js';
