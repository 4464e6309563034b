import { AppError, hasRole, type Principal } from '@tym/platform';

/**
 * Who may do what here (architecture.md, Auth):
 *
 * - Webhook endpoints are managed by a partner system or an admin of the organisation that
 *   owns them; other organisations' endpoints do not exist for the caller (404, never 403).
 * - The event feed is read by any authenticated caller, and shows only events whose
 *   parties include the caller's organisation.
 */
export const webhookPolicy = {
  manageEndpoints: (p: Principal): boolean => hasRole(p, 'partner', 'admin'),
  ownsEndpoint: (p: Principal, endpoint: { organisationCode: string }): boolean =>
    endpoint.organisationCode === p.org,
  readFeed: (_p: Principal): boolean => true,
};

export function assertCanManageEndpoints(p: Principal): void {
  if (!webhookPolicy.manageEndpoints(p)) {
    throw new AppError('FORBIDDEN', {
      detail: 'Webhook endpoints are managed by the partner or admin role.',
    });
  }
}
