export * from './admin.js';
export * from './child-processes.js';
export * from './strict-queries.js';
export * from './test-database.js';
