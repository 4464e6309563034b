// Test kit of resourcing's governance fixtures, for tests of services that build on them.
export * from './governance-fixtures.js';
export * from './test-app.js';
