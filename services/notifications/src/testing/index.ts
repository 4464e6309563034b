// Test kit of the notifications jobs, for the host's tests (services/worker).
export * from './jobs-harness.js';
