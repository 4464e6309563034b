import type { Database } from '@tym/db';
import { assignPositions } from '@tym/jobs';
import { createPiiCipher, parseKeyList } from '@tym/platform';
import { computeSituationalPicture, renderPicturePage, signPictureLink } from '@tym/resourcing';
import { sql } from 'drizzle-orm';
import type { Scenario } from '../scenario.js';
import { loadUtilisationData } from './utilisation.js';

/**
 * The joint situational picture of one area for a year (issue 13): the utilisation data
 * (100,000 cases, 2,000 staff, an agreement in force) plus 60,000 agreed plans, 30,000 reviews,
 * 20,000 held meetings with 80,000 participants and the group's targets. Two scenarios: the
 * JSON (`situational-picture`) and the HTML page with its four SVG charts from a signed link
 * (`situational-picture-page`); each beside the same computation without the platform.
 */
const FROM = '2025-01-01';
const TO = '2025-12-31';
let areaId: string | undefined;
let pageToken = '';
const helsinkiToday = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });

async function loadPictureData(db: Database): Promise<string> {
  const area = await loadUtilisationData(db);
  const have = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM planning.plans WHERE cooperation_area_id = ${area}`,
  );
  if ((have.rows[0]?.n ?? 0) > 0) return area;
  await db.transaction(async (tx) => {
    // Plans for 6 cases in 10, agreed 20–139 days after the start (some after the 3 months).
    await tx.execute(sql`
      INSERT INTO planning.plans (id, case_id, client_id, cooperation_area_id, current_version, last_agreed_on, created_at, updated_at)
      SELECT md5('bench-plan-' || i)::uuid, md5('bench-case-' || i)::uuid, md5('bench-client-' || i)::uuid, ${area}, 1,
             DATE '2025-01-02' + (i % 300) + 20 + (i % 120), now(), now()
        FROM generate_series(1, 100000) AS i WHERE i % 10 BETWEEN 1 AND 6`);
    await tx.execute(sql`
      INSERT INTO planning.plan_versions (plan_id, version, contents, action_statuses, approvals, draft_revision, agreed_on, agreed_at, basis)
      SELECT id, 1, '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, 1, last_agreed_on, now(), 'initial'
        FROM planning.plans WHERE cooperation_area_id = ${area}`);
    // A review for half of them, 80–109 days after the agreement.
    await tx.execute(sql`
      INSERT INTO planning.plan_reviews (plan_id, reviewed_on, outcome, version, next_review_due_on,
             recorded_by_organisation, recorded_by_sub, recorded_at)
      SELECT md5('bench-plan-' || i)::uuid, DATE '2025-01-02' + (i % 300) + 20 + (i % 120) + 80 + (i % 30), 'unchanged', 1,
             DATE '2025-01-02' + (i % 300) + 20 + (i % 120) + 80 + (i % 30) + 91, 'ea-vantaa', 'bench', now()
        FROM generate_series(1, 100000) AS i WHERE i % 10 BETWEEN 1 AND 3`);
    // A held assessment meeting for every fifth case: the client and one person of each party.
    await tx.execute(sql`
      INSERT INTO planning.meetings (id, case_id, cooperation_area_id, kind, status, local_start, time_zone, starts_at,
             ends_at, duration_minutes, mode, address, organiser_staff_id, organiser_organisation_code, organiser_sub,
             held_at, created_at, updated_at)
      SELECT md5('bench-meeting-' || i)::uuid, md5('bench-case-' || i)::uuid, ${area}, 'assessment', 'held', 'x',
             'Europe/Helsinki', (DATE '2025-01-02' + (i % 300))::timestamp AT TIME ZONE 'Europe/Helsinki' + interval '9 hours',
             (DATE '2025-01-02' + (i % 300))::timestamp AT TIME ZONE 'Europe/Helsinki' + interval '10 hours', 60,
             'in_person', 'Asematie 1', md5('bench-staff-1')::uuid, 'ea-vantaa', 'bench', now(), now(), now()
        FROM generate_series(1, 100000) AS i WHERE i % 5 = 0`);
    await tx.execute(sql`
      INSERT INTO planning.meeting_participants (meeting_id, kind, display_name, attended)
      SELECT md5('bench-meeting-' || i)::uuid, 'client', 'Client', i % 3 <> 0
        FROM generate_series(1, 100000) AS i WHERE i % 5 = 0`);
    await tx.execute(sql`
      INSERT INTO planning.meeting_participants (meeting_id, kind, staff_id, organisation_code, subject, display_name, attended)
      SELECT md5('bench-meeting-' || i)::uuid, 'staff', md5('bench-staff-' || (1 + (i + k * 500) % 2000))::uuid, org,
             'bench-staff-' || (1 + (i + k * 500) % 2000), 'Staff', k < 2 OR i % 4 <> 0
        FROM generate_series(1, 100000) AS i,
             (VALUES (0, 'ea-vantaa'), (1, 'hva-vantaa-kerava'), (2, 'kela')) AS p(k, org)
       WHERE i % 5 = 0`);
    await tx.execute(sql`
      INSERT INTO resourcing.management_group_targets (management_group_id, year, indicator, label, target_value, unit, ordinal, updated_at)
      VALUES (md5('bench-group')::uuid, 2025, 'plans_within_3_months_percent', 'Plans within 3 months', 80, '%', 1, now()),
             (md5('bench-group')::uuid, 2025, 'reviews_on_time_percent', 'Reviews on time', 90, '%', 2, now()),
             (md5('bench-group')::uuid, 2025, 'meetings_client_attended_percent', 'Client attended', 75, '%', 3, now())
      ON CONFLICT DO NOTHING`);
  });
  for (const t of ['plans', 'plan_versions', 'plan_reviews', 'meetings', 'meeting_participants']) {
    await db.execute(sql.raw(`ANALYZE planning.${t}`));
  }
  await db.execute(sql`ANALYZE referrals.referrals`);
  return area;
}

const areaName = { fi: 'Vantaa–Kerava', sv: 'Vanda–Kervo' };
const query = { from: FROM, to: TO, by: 'month' as const };

export const situationalPicture: Scenario = {
  name: 'situational-picture',
  description:
    'Authenticated GET /v1/cooperation-areas/{id}/situational-picture for a year by month: 100,000 cases, ' +
    '2,000 staff, plans, reviews and meetings, beside the same computation without the platform',
  setup: async (db) => {
    areaId = await loadPictureData(db);
    // The relay of a running system positions committed events within moments; the bench runs
    // none, and a snapshot is answered only when no event after it is left unpositioned
    // (picture-snapshots.service.ts). So the reads measure the steady state: the first request
    // computes the picture and keeps it, the rest are answered from the snapshot. The live
    // computation is the "bare" column (`computeSituationalPicture` without the platform).
    await assignPositions(db);
    // Signed as the system signs (the platform's HMAC key from the environment), valid for an hour.
    const pii = createPiiCipher({
      encryptionKeys: parseKeyList(process.env.PII_ENCRYPTION_KEYS ?? ''),
      currentKeyId: process.env.PII_CURRENT_KEY_ID ?? '',
      blindIndexKey: process.env.PII_BLIND_INDEX_KEY ?? '',
    });
    pageToken = signPictureLink(
      { pii },
      { areaId, from: FROM, to: TO, by: 'month', exp: Math.floor(Date.now() / 1000) + 3600 },
    );
  },
  request: ({ token }) => ({
    method: 'GET',
    path: `/v1/cooperation-areas/${areaId ?? 'run-setup-first'}/situational-picture?from=${FROM}&to=${TO}&by=month`,
    headers: { authorization: `Bearer ${token('ea-vantaa', ['coordinator'])}` },
  }),
  bare: (app, db) => {
    app.get('/v1/cooperation-areas/:id/situational-picture', async (request) => {
      const { id } = request.params as { id: string };
      return computeSituationalPicture(db, id, areaName, query, helsinkiToday.format(new Date()));
    });
  },
};

export const situationalPicturePage: Scenario = {
  name: 'situational-picture-page',
  description:
    'GET /v1/situational-picture/page from a signed link: the same year as HTML with four SVG charts',
  setup: situationalPicture.setup,
  request: () => ({
    method: 'GET',
    path: `/v1/situational-picture/page?t=${encodeURIComponent(pageToken)}&lang=fi`,
  }),
  bare: (app, db) => {
    let id: string | undefined;
    app.get('/v1/situational-picture/page', async (_request, reply) => {
      // The bare server is another process: it finds the area itself (once).
      id ??= (
        await db.execute<{ id: string }>(
          sql`SELECT id FROM resourcing.cooperation_areas WHERE code = 'vantaa-kerava'`,
        )
      ).rows[0]?.id;
      const picture = await computeSituationalPicture(
        db,
        id ?? '',
        areaName,
        query,
        helsinkiToday.format(new Date()),
      );
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPicturePage(picture, 'fi', (l) => `?lang=${l}`));
    });
  },
};
