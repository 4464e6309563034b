import { describeOpenApiContract } from '@tym/testing';
import { generateOpenApi } from './openapi.js';

describeOpenApiContract({
  generate: generateOpenApi,
  file: new URL('../openapi.json', import.meta.url),
  project: 'referrals',
  paths: [
    '/v1/cases',
    '/v1/cases/{caseId}/assignment-suggestions',
    '/v1/cases/{id}',
    '/v1/cases/{id}/colleagues',
    '/v1/cases/{id}/duties-explained',
    '/v1/cases/{id}/ending',
    '/v1/cases/{id}/ending/confirmations',
    '/v1/cases/{id}/ending/objections',
    '/v1/cases/{id}/review-requests',
    '/v1/cases/{id}/review-requests/{requestId}/refusal',
    '/v1/cases/{id}/team',
    '/v1/cases/{id}/timeline',
    '/v1/cases/{id}/transfer',
    '/v1/clients/search',
    '/v1/clients/{id}',
    '/v1/clients/{id}/access-log',
    '/v1/clients/{id}/language',
    '/v1/referrals',
    '/v1/referrals/{id}',
    '/v1/referrals/{id}/accept',
    '/v1/referrals/{id}/client-details',
    '/v1/referrals/{id}/decline',
    '/v1/referrals/{id}/withdraw',
  ],
});
