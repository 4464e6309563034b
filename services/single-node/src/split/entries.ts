/** The processes of the split system: each service's own entry point, and the worker's. */
export const SPLIT_SERVICES = {
  resourcing: 'services/resourcing/src/server.ts',
  referrals: 'services/referrals/src/server.ts',
  planning: 'services/planning/src/server.ts',
  notifications: 'services/notifications/src/server.ts',
} as const;

export const WORKER_ENTRY = 'services/worker/src/server.ts';
