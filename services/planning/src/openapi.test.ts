import { describeOpenApiContract } from '@tym/testing';
import { generateOpenApi } from './openapi.js';

describeOpenApiContract({
  generate: generateOpenApi,
  file: new URL('../openapi.json', import.meta.url),
  project: 'planning',
  paths: [
    '/v1/cases/{caseId}/meetings',
    '/v1/cases/{caseId}/plan',
    '/v1/cases/{caseId}/plan/actions/{actionId}/status',
    '/v1/cases/{caseId}/plan/approvals',
    '/v1/cases/{caseId}/plan/client-participation',
    '/v1/cases/{caseId}/plan/diff',
    '/v1/cases/{caseId}/plan/draft',
    '/v1/cases/{caseId}/plan/draft/submit',
    '/v1/cases/{caseId}/plan/draft/submit-and-approve',
    '/v1/cases/{caseId}/plan/reviews',
    '/v1/cases/{caseId}/plan/versions',
    '/v1/cases/{caseId}/plan/versions/{n}',
    '/v1/me/meetings',
    '/v1/meetings',
    '/v1/meetings/{id}',
    '/v1/meetings/{id}/cancel',
    '/v1/meetings/{id}/close',
    '/v1/meetings/{id}/conclusion',
    '/v1/meetings/{id}/held',
    '/v1/meetings/{id}/invitation.ics',
    '/v1/meetings/{id}/minutes',
    '/v1/meetings/{id}/reschedule',
    '/v1/meetings/{id}/response',
    '/v1/meetings/{id}/responses',
  ],
});
