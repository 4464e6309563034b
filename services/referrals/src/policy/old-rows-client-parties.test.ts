import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeHetu } from '@tym/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * Issue 10 item 1, for rows written before the rule: events and deadlines of a Kerava
 * client once named every party of the cooperation area, `ea-vantaa` included, so the event
 * feed, webhooks and escalations still reached it. Migration 0012 narrows them to the
 * client's three parties (and, for a referral's rows, the referring organisation).
 */
const MIGRATION = fileURLToPath(
  new URL('../../../../migrations/0012_platform_events_client_parties.sql', import.meta.url),
);

describe('migration 0012: old events and deadlines narrowed to the client’s parties', () => {
  let h: ReferralsTestApp;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    h = await createReferralsTestApp();
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    const referral = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw'),
      payload: referralBody(makeHetu('120388', '-', '231'), '245'),
    });
    expect(referral.statusCode, referral.body).toBe(201);
    referralId = referral.json().id;
    const accepted = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${referralId}/accept`,
      headers: h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw'),
      payload: {},
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    caseId = accepted.json().case.id;
    // Rows as the old rule wrote them: every party of the cooperation area.
    for (const table of ['platform.events', 'platform.deadlines']) {
      await h.database.db.execute(
        sql.raw(`UPDATE ${table} SET organisation_codes = ARRAY['ea-kerava-sipoo','ea-vantaa','hva-vantaa-kerava','kela']
                  WHERE case_id = '${caseId}' OR (subject_type = 'referral' AND subject_id = '${referralId}')`),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('leaves no event or deadline of the client naming another employment authority', async () => {
    const about = `(case_id = '${caseId}' OR (subject_type = 'referral' AND subject_id = '${referralId}'))`;
    expect(
      await h.count('platform.events', `${about} AND 'ea-vantaa' = ANY(organisation_codes)`),
    ).toBeGreaterThan(0);
    expect(
      await h.count('platform.deadlines', `${about} AND 'ea-vantaa' = ANY(organisation_codes)`),
    ).toBeGreaterThan(0);

    await h.database.db.execute(
      sql.raw(readFileSync(MIGRATION, 'utf8').replaceAll('--> statement-breakpoint', '')),
    );

    expect(await h.count('platform.events', `${about} AND 'ea-vantaa' = ANY(organisation_codes)`)).toBe(0);
    expect(await h.count('platform.deadlines', `${about} AND 'ea-vantaa' = ANY(organisation_codes)`)).toBe(0);
    // The client's own parties keep them.
    expect(
      await h.count('platform.events', `${about} AND NOT ('ea-kerava-sipoo' = ANY(organisation_codes))`),
    ).toBe(0);
    expect(
      await h.count('platform.events', `${about} AND NOT ('hva-vantaa-kerava' = ANY(organisation_codes))`),
    ).toBe(0);
  });
});
