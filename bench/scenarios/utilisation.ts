import type { Database } from '@tym/db';
import { findUtilisationRowsOn } from '@tym/resourcing';
import { sql } from 'drizzle-orm';
import type { Scenario } from '../scenario.js';

/** The area the scenario loads: Vantaa–Kerava, with four parties (two employment authorities). */
const AREA_CODE = 'vantaa-kerava';
const CASES = 100_000;
const STAFF = 2_000;
const PARTIES = ['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'];

let areaId: string | undefined;
/** `YYYY-MM-DD` in Helsinki, as the service computes "today". */
const helsinkiToday = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });

async function findAreaId(db: Database): Promise<string> {
  const result = await db.execute<{ id: string }>(
    sql`SELECT id FROM resourcing.cooperation_areas WHERE code = ${AREA_CODE}`,
  );
  const id = result.rows[0]?.id;
  if (!id) throw new Error(`cooperation area ${AREA_CODE} missing: load the reference data first`);
  return id;
}

/**
 * Loads 100,000 cases (90 % open) and 2,000 staff into one cooperation area with set-based
 * SQL (generate_series), plus a management group and an agreement in force, so the
 * utilisation query has the whole picture. Ids are derived from md5 of a counter, so a rerun
 * inserts nothing (idempotent) and the whole load is skipped when the cases are there.
 */
export async function loadUtilisationData(db: Database): Promise<string> {
  const area = await findAreaId(db);
  const loaded = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM referrals.cases WHERE cooperation_area_id = ${area}`,
  );
  if ((loaded.rows[0]?.n ?? 0) >= CASES) return area;
  const parties = sql.raw(`ARRAY[${PARTIES.map((p) => `'${p}'`).join(', ')}]`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO resourcing.staff (id, organisation_code, subject, display_name, roles, languages, created_at, updated_at)
      SELECT md5('bench-staff-' || i)::uuid, (${parties})[1 + i % 4], 'bench-staff-' || i, 'Bench staff ' || i,
             ARRAY['caseworker'], CASE WHEN i % 5 = 0 THEN ARRAY['fi', 'sv'] ELSE ARRAY['fi'] END, now(), now()
        FROM generate_series(1, ${STAFF}) AS i
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte, competences, languages, created_at)
      SELECT md5('bench-staff-' || i)::uuid, ${area}, 0.800, ARRAY['career_guidance'], ARRAY[]::text[], now()
        FROM generate_series(1, ${STAFF}) AS i
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO referrals.clients (id, identity_code_encrypted, identity_code_index, first_names, last_name,
             home_municipality_code, preferred_language, created_by_organisation, created_at, updated_at)
      SELECT md5('bench-client-' || i)::uuid, 'v1.bench', 'bench-' || i, 'Bench', 'Client ' || i, '092',
             CASE WHEN i % 10 = 0 THEN 'sv' ELSE 'fi' END, 'ea-vantaa', now(), now()
        FROM generate_series(1, ${CASES}) AS i
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO referrals.referrals (id, client_id, cooperation_area_id, home_municipality_code,
             employment_authority_code, wellbeing_county_organiser_code, referring_organisation_code, referred_by_sub,
             grounds, description, status, submitted_at, submitted_on, respond_by, response_days, updated_at)
      SELECT md5('bench-referral-' || i)::uuid, md5('bench-client-' || i)::uuid, ${area}, '092', 'ea-vantaa',
             'hva-vantaa-kerava', 'ea-vantaa', 'bench', ARRAY['life_management_problems'], 'bench', 'withdrawn',
             now(), DATE '2025-01-02', DATE '2025-01-16', 14, now()
        FROM generate_series(1, ${CASES}) AS i
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO referrals.cases (id, client_id, referral_id, cooperation_area_id, employment_authority_code,
             wellbeing_county_organiser_code, party_organisation_codes, status, assessment_started_on, plan_due_on,
             activated_on, ended_on, end_reason_code, erasure_due_on, created_at, updated_at)
      SELECT md5('bench-case-' || i)::uuid, md5('bench-client-' || i)::uuid, md5('bench-referral-' || i)::uuid, ${area},
             'ea-vantaa', 'hva-vantaa-kerava', ${parties},
             CASE WHEN i % 10 = 0 THEN 'ended' ELSE 'active' END,
             DATE '2025-01-02' + (i % 300), DATE '2025-04-02' + (i % 300), DATE '2025-02-01' + (i % 300),
             CASE WHEN i % 10 = 0 THEN DATE '2025-12-01' END, CASE WHEN i % 10 = 0 THEN 'employed' END,
             CASE WHEN i % 10 = 0 THEN DATE '2029-12-01' END, now(), now()
        FROM generate_series(1, ${CASES}) AS i
      ON CONFLICT DO NOTHING`);
    // A responsible person and one member per case, from different staff.
    await tx.execute(sql`
      INSERT INTO referrals.case_team_members (case_id, staff_id, organisation_code, subject, role, added_at,
             added_by_organisation, added_by_sub)
      SELECT md5('bench-case-' || i)::uuid, md5('bench-staff-' || s)::uuid, (${parties})[1 + s % 4], 'bench-staff-' || s,
             r, TIMESTAMPTZ '2025-01-02 08:00+02', 'ea-vantaa', 'bench'
        FROM generate_series(1, ${CASES}) AS i,
             LATERAL (VALUES (1 + i % ${STAFF}, 'responsible'), (1 + (i * 7 + 3) % ${STAFF}, 'member')) AS t(s, r)
      ON CONFLICT DO NOTHING`);
    // A management group and an agreement in force with commitments per party.
    await tx.execute(sql`
      INSERT INTO resourcing.management_groups (id, cooperation_area_id, wellbeing_county_id, employment_authority_code,
             term_start_on, term_end_on, created_at, updated_at)
      SELECT md5('bench-group')::uuid, ${area}, wellbeing_county_id, 'ea-vantaa', DATE '2025-01-01', DATE '2029-12-31', now(), now()
        FROM resourcing.cooperation_areas WHERE id = ${area}
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO resourcing.agreements (id, cooperation_area_id, management_group_id, current_version, approved_version,
             valid_from, valid_to, created_at, updated_at)
      SELECT md5('bench-agreement')::uuid, ${area}, g.id, 1, 1, DATE '2025-01-01', NULL, now(), now()
        FROM resourcing.management_groups g WHERE g.cooperation_area_id = ${area}
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO resourcing.agreement_versions (agreement_id, version, services_arrangement, valid_from, cost_sharing_method,
             kela_contribution_kind, kela_share_basis_points, referral_response_days, review_request_response_days,
             reminder_lead_days, target_caseload_per_fte, created_at, created_by_organisation, created_by_sub)
      VALUES (md5('bench-agreement')::uuid, 1, 'bench', DATE '2025-01-01', 'proportional_to_fte', 'share', 1000, 14, 14,
              ARRAY[14, 3], 45, now(), 'ea-vantaa', 'bench')
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO resourcing.agreement_parties (agreement_id, version, organisation_code, roles)
      SELECT md5('bench-agreement')::uuid, 1, organisation_code, array_agg(role ORDER BY role)
        FROM resourcing.cooperation_area_parties WHERE cooperation_area_id = ${area} GROUP BY organisation_code
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO resourcing.agreement_commitments (agreement_id, version, ordinal, organisation_code, task_title, headcount, fte)
      SELECT md5('bench-agreement')::uuid, 1, n, code, 'Caseworker', 500, 420
        FROM unnest(${parties}) WITH ORDINALITY AS p(code, n)
      ON CONFLICT DO NOTHING`);
  });
  await db.execute(sql`ANALYZE referrals.cases`);
  await db.execute(sql`ANALYZE referrals.case_team_members`);
  await db.execute(sql`ANALYZE resourcing.staff_allocations`);
  await db.execute(sql`ANALYZE resourcing.staff`);
  return area;
}

export const utilisation: Scenario = {
  name: 'utilisation',
  description:
    'Authenticated GET /v1/cooperation-areas/{id}/utilisation: 100,000 cases and 2,000 staff in one area, ' +
    'beside the bare utilisation SQL',
  setup: async (db) => {
    areaId = await loadUtilisationData(db);
  },
  request: ({ token }) => ({
    method: 'GET',
    path: `/v1/cooperation-areas/${areaId ?? 'run-setup-first'}/utilisation`,
    headers: { authorization: `Bearer ${token('ea-vantaa', ['coordinator'])}` },
  }),
  bare: (app, db) => {
    app.get('/v1/cooperation-areas/:id/utilisation', async (request) => {
      const { id } = request.params as { id: string };
      return findUtilisationRowsOn(db, id, helsinkiToday.format(new Date()));
    });
  },
};
