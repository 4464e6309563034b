export * from './admin/bull-board.js';
export * from './admin/health-server.js';
export * from './config.js';
export * from './processors.js';
export * from './runtime.js';
export * from './worker.js';
