export * from './admin.js';
export * from './test-database.js';
