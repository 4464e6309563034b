import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaIds, createVantaaKeravaGroup } from '../testing/governance-fixtures.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

/**
 * VNA 388/2024 §4: only the employment authority of the group's clients names the leading
 * person, for at most the management group's term.
 */
describe('management groups: the leading person', () => {
  let h: ResourcingTestApp;
  let groupId = '';
  const patch = (org: string, payload: object) =>
    h.t.app.inject({
      method: 'PATCH',
      url: `/v1/management-groups/${groupId}`,
      headers: h.as(org, ['admin'], `${org}-admin`),
      payload,
    });
  const leading = (extra: object = {}) => ({
    leadingPerson: { name: 'Leena Johtaja', deputyName: 'Lasse', approvedOn: '2025-03-01', ...extra },
  });

  beforeAll(async () => {
    h = await createResourcingTestApp();
    const areas = await areaIds(h);
    // Set up by ea-kerava-sipoo for 2025-01-01 – 2029-12-31.
    groupId = await createVantaaKeravaGroup(h, areas['vantaa-kerava'] ?? '');
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('refuses the HVA, Kela and the other employment authority of the area, changing nothing', async () => {
    const events = await h.count('platform.events');
    for (const org of ['hva-vantaa-kerava', 'kela', 'ea-vantaa']) {
      const res = await patch(org, leading());
      expect(res.statusCode, `${org}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe('MANAGEMENT_GROUP_LEADING_PERSON_NOT_ALLOWED');
    }
    expect(await h.count('resourcing.management_groups', 'leading_person_name IS NOT NULL')).toBe(0);
    expect(await h.count('platform.events')).toBe(events);
  });

  it('names them for at most the group’s term', async () => {
    const beyond = await patch('ea-kerava-sipoo', leading({ termEndOn: '2030-06-30' }));
    expect(beyond.statusCode, beyond.body).toBe(422);
    expect(beyond.json()).toMatchObject({
      code: 'MANAGEMENT_GROUP_LEADING_PERSON_TERM_INVALID',
      errors: [{ location: 'body.leadingPerson.termEndOn', rule: 'within_group_term' }],
    });
    const shorter = await patch('ea-kerava-sipoo', leading({ termEndOn: '2027-12-31' }));
    expect(shorter.statusCode, shorter.body).toBe(200);
    expect(shorter.json().leadingPerson).toMatchObject({ name: 'Leena Johtaja', termEndOn: '2027-12-31' });
    // Without an end: the group's term end.
    const whole = await patch('ea-kerava-sipoo', leading({ name: 'Liisa' }));
    expect(whole.json().leadingPerson).toMatchObject({ name: 'Liisa', termEndOn: '2029-12-31' });
  });
});
