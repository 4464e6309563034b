import { nextHetu } from '@tym/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposedTestApp, createComposedTestApp } from './testing/composed-app.js';

// Issue 10 item 5: a failed database write must not put the SQL parameters (names, contact
// details, descriptions, the identity code's cipher text and blind index) into the log.
describe('database errors in the log', () => {
  let c: ComposedTestApp;
  beforeAll(async () => {
    c = await createComposedTestApp();
    // The referrer has a staff record allocated to the client's area.
    const admin = { authorization: c.t.bearer('kela', ['admin'], 'kela-admin') };
    const created = await c.t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: admin,
      payload: { subject: 'kela-ref', displayName: 'Kela Referrer', roles: ['caseworker'] },
    });
    expect(created.statusCode).toBe(201);
    const allocated = await c.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${created.json().id}/allocations`,
      headers: admin,
      payload: { allocations: [{ cooperationAreaId: c.area('vantaa-kerava'), fte: 0.5 }] },
    });
    expect(allocated.statusCode).toBe(200);
  });
  afterAll(async () => {
    await c?.close();
  });

  /** Makes every insert into `table` fail with a CHECK violation (its detail is the whole row). */
  async function breakInserts(table: string, constraint: string) {
    await c.database.db.execute(
      sql.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK (false) NOT VALID`),
    );
  }

  function expectNoneLogged(values: string[]) {
    const log = c.logText();
    // The failure itself is in the log, with what an operator needs.
    expect(log).toContain('request failed');
    for (const value of values) expect(log, `the log contains ${value}`).not.toContain(value);
    expect(log).not.toMatch(/"params"|"parameters"|Failing row|v1\.test\./);
  }

  it('a referral whose client cannot be written logs no client detail', async () => {
    const hetu = nextHetu();
    const kela = { authorization: c.t.bearer('kela', ['caseworker'], 'kela-ref') };
    await breakInserts('referrals.clients', 'fail_clients');
    const res = await c.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: kela,
      payload: {
        client: {
          identityCode: hetu,
          firstNames: 'Salla Sofia',
          lastName: 'Vuorimaa-Testinen',
          homeMunicipalityCode: '245',
          contactDetails: {
            phone: '+358 40 765 4321',
            email: 'salla.vuorimaa@example.org',
            streetAddress: 'Kuusikuja 17 B 4',
          },
          specialArrangements: { accessibilityNeeds: 'Pyörätuoli, induktiosilmukka' },
          informationWishes: 'Ei tietoja sisarelle',
        },
        grounds: ['life_management_problems'],
        description: 'Tarvitsee yhteensovitettua tukea velkaneuvonnasta',
      },
    });
    expect(res.statusCode).toBe(500);
    expectNoneLogged([
      hetu,
      c.pii.blindIndex(hetu),
      'Salla Sofia',
      'Vuorimaa-Testinen',
      '765 4321',
      'salla.vuorimaa@example.org',
      'Kuusikuja 17',
      'Pyörätuoli',
      'Ei tietoja sisarelle',
      'velkaneuvonnasta',
    ]);
  });

  it('a referral that cannot be written logs no description', async () => {
    await c.database.db.execute(sql.raw('ALTER TABLE referrals.clients DROP CONSTRAINT fail_clients'));
    await breakInserts('referrals.referrals', 'fail_referrals');
    const res = await c.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { authorization: c.t.bearer('kela', ['caseworker'], 'kela-ref') },
      payload: {
        client: {
          identityCode: nextHetu(),
          firstNames: 'Eero',
          lastName: 'Esimerkki',
          homeMunicipalityCode: '245',
        },
        grounds: ['work_capacity_limitations'],
        description: 'Kuntoutusselvitys kesken, ohjattu terapiaan',
      },
    });
    expect(res.statusCode).toBe(500);
    expectNoneLogged(['Kuntoutusselvitys kesken', 'Esimerkki']);
  });

  it('a webhook endpoint and a staff member that cannot be written log no field', async () => {
    await breakInserts('notifications.webhook_endpoints', 'fail_endpoints');
    await breakInserts('resourcing.staff', 'fail_staff');
    const endpoint = await c.t.app.inject({
      method: 'POST',
      url: '/v1/webhook-endpoints',
      headers: { authorization: c.t.bearer('kela', ['admin']) },
      payload: {
        url: 'http://127.0.0.1:9/hooks/secret-path-42',
        description: 'Sisäinen integraatio Kelan tukijärjestelmään',
      },
    });
    expect(endpoint.statusCode).toBe(500);
    const staff = await c.t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: { authorization: c.t.bearer('kela', ['admin']) },
      payload: { subject: 'kela-subject-777', displayName: 'Ritva Rauhala-Testaaja', roles: ['caseworker'] },
    });
    expect(staff.statusCode).toBe(500);
    expectNoneLogged(['secret-path-42', 'Sisäinen integraatio', 'Ritva Rauhala-Testaaja']);
  });
});
