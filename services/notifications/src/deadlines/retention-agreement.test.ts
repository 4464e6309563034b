import { clients, referrals } from '@tym/db';
import { makeHetu } from '@tym/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, createWorkerHarness, type WorkerHarness } from '../testing/jobs-harness.js';

const ctx = { jobId: 'retention-agreement-test', attemptsMade: 0 };
const member = (organisationCode: string, position: string, name: string) => ({
  organisationCode,
  position,
  name,
  deputy: { name: `${name} (deputy)` },
});

/**
 * The period before erasure of a declined or withdrawn referral is a setting of the
 * cooperation agreement in force in its area on the decision day (381/2023 §12(2));
 * the deployment's default (30 days) applies without one.
 */
describe('pre-relationship retention from the cooperation agreement', () => {
  let h: WorkerHarness;
  let declined: { id: string; clientId: string };
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const referral = async (id: string) =>
    (await h.tdb.db.select().from(referrals).where(eq(referrals.id, id)))[0];
  const sweep = () => h.processors['retention.sweep']({}, ctx);

  beforeAll(async () => {
    h = await createWorkerHarness();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    const group = await h.inject('POST', '/v1/management-groups', h.as('ea-kerava-sipoo', ['admin']), {
      cooperationAreaId: h.area('vantaa-kerava'),
      termStartOn: '2025-01-01',
      members: [
        member('ea-kerava-sipoo', 'chair', 'Kaija Puheenjohtaja'),
        member('hva-vantaa-kerava', 'vice_chair', 'Ville Varapuheenjohtaja'),
        member('ea-vantaa', 'member', 'Eeva Jäsen'),
        member('kela', 'member', 'Kalle Jäsen'),
      ],
    });
    const parties = ['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'];
    const agreement = await h.inject('POST', '/v1/agreements', h.as('ea-kerava-sipoo', ['admin']), {
      managementGroupId: group.id,
      parties: parties.map((organisationCode) => ({ organisationCode })),
      servicesArrangement: 'Joint service point.',
      staffingCommitments: parties.map((organisationCode) => ({
        organisationCode,
        taskTitle: 'Coordinator',
        headcount: 1,
        fte: 1,
      })),
      costSharing: { method: 'proportional_to_fte' },
      kelaContribution: { kind: 'share', percent: 10 },
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      settings: { preRelationshipRetentionDays: 7 },
    });
    expect(agreement.settings.preRelationshipRetentionDays).toBe(7);
    for (const org of parties) {
      const r = await h.t.app.inject({
        method: 'POST',
        url: `/v1/agreements/${agreement.id}/approvals`,
        headers: { ...h.as(org, ['admin']), 'if-match': '"1"' },
        payload: { approvedOn: '2026-01-02' },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const a = await h.inject('POST', '/v1/referrals', kela(), {
      client: {
        identityCode: makeHetu('060690', '-', '666'),
        firstNames: CLIENT.firstNames,
        lastName: CLIENT.lastName,
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Tarvitsee tukea.',
    });
    await h.inject('POST', `/v1/referrals/${a.id}/decline`, hva(), {
      reasonCode: 'single_authority_sufficient',
    });
    declined = { id: a.id, clientId: a.clientId };
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('keeps the details to the end of the agreement’s 7th day, then erases them', async () => {
    // Declined on Thursday 19 March 2026; 7 days end with 26 March, 24:00 in Helsinki (UTC+2).
    h.clock.set('2026-03-26T21:59:59.999Z');
    expect(await sweep()).toEqual({ referralsErased: 0, clientsErased: 0, emailsErased: 0 });
    expect(await referral(declined.id)).toMatchObject({ description: 'Tarvitsee tukea.' });
    h.clock.set('2026-03-26T22:00:00.000Z');
    expect(await sweep()).toMatchObject({ referralsErased: 1, clientsErased: 1 });
    expect(await referral(declined.id)).toMatchObject({ description: 'ERASED', submittedDetails: null });
    const [client] = await h.tdb.db.select().from(clients).where(eq(clients.id, declined.clientId));
    expect(client).toMatchObject({ lastName: 'ERASED', identityCodeIndex: `erased:${declined.clientId}` });
  });
});
