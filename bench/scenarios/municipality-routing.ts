import { findMunicipalityRouting } from '@tym/resourcing';
import type { Scenario } from '../scenario.js';

export const municipalityRouting: Scenario = {
  name: 'municipality-routing',
  description: 'Authenticated GET /v1/municipalities/{code}: routes a client by home municipality',
  request: ({ token }) => ({
    method: 'GET',
    path: '/v1/municipalities/245',
    headers: { authorization: `Bearer ${token('kela', ['caseworker'])}` },
  }),
  bare: (app, db) => {
    app.get('/v1/municipalities/:code', async (request) => {
      const { code } = request.params as { code: string };
      return findMunicipalityRouting(db, code);
    });
  },
};
