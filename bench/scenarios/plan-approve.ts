import type { Database } from '@tym/db';
import { PLAN_BENCH_EA, preparePlanApprovalTemplate, setPlanApprovalBenchCases } from '@tym/planning';
import { sql } from 'drizzle-orm';

/** How many drafts awaiting the HVA's approval the setup keeps ready (each request uses one). */
const DRAFTS = Number(process.env.BENCH_PLAN_DRAFTS ?? 20_000);

/** The caseload scenario's open cases of Vantaa–Kerava without a plan: where drafts can go. */
const freeCases = sql`
  SELECT c.id, c.client_id, c.cooperation_area_id, c.party_organisation_codes FROM referrals.cases c
    JOIN resourcing.cooperation_areas a ON a.id = c.cooperation_area_id AND a.code = 'vantaa-kerava'
   WHERE c.status = 'assessment' AND c.wellbeing_county_organiser_code = 'hva-vantaa-kerava'
     AND c.employment_authority_code = ${PLAN_BENCH_EA.org}
     AND NOT EXISTS (SELECT 1 FROM planning.plans p WHERE p.case_id = c.id)`;

/** Plans whose submitted draft has every approval but the HVA's (the client's and the EA's). */
const awaiting = sql`
  SELECT p.id, p.case_id FROM planning.plans p
    JOIN referrals.cases c ON c.id = p.case_id AND c.status = 'assessment'
   WHERE p.draft_status = 'submitted'
     AND (SELECT array_agg(a.approver ORDER BY a.approver) FROM planning.plan_approvals a
           WHERE a.plan_id = p.id AND a.withdrawn_at IS NULL AND a.draft_revision = p.draft_revision)
         = ARRAY['client', ${PLAN_BENCH_EA.org}]::text[]`;

/**
 * The plan-approve setup, on the caseload scenario's cases (its setup runs first): keeps
 * `DRAFTS` submitted drafts awaiting the HVA's approval. The first is made through the
 * planning service (`preparePlanApprovalTemplate`: draft, submit, the client's and the
 * employment authority's approvals); the others are copies of what it wrote — the plan row
 * (the draft's action ids renewed), the two approvals, the `plan.submitted` event with the
 * case's next event sequence and the four access-log rows — made by SQL in batches, since
 * through the service they would take minutes. Each run uses up the drafts it approves
 * (their cases become active); the next setup tops up from cases without a plan.
 */
export async function setupPlanApprove(db: Database): Promise<void> {
  await db.execute(sql`
    INSERT INTO resourcing.staff (organisation_code, subject, display_name, roles)
    VALUES (${PLAN_BENCH_EA.org}, ${PLAN_BENCH_EA.sub}, 'Bench EA coordinator', ARRAY['coordinator'])
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte)
    SELECT s.id, a.id, 0.5 FROM resourcing.staff s, resourcing.cooperation_areas a
     WHERE s.organisation_code = ${PLAN_BENCH_EA.org} AND s.subject = ${PLAN_BENCH_EA.sub} AND a.code = 'vantaa-kerava'
    ON CONFLICT DO NOTHING`);
  const countAwaiting = async () =>
    (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${awaiting}) x`)).rows[0]?.n ?? 0;
  let have = await countAwaiting();
  if (have === 0) {
    const free = await db.execute<{ id: string }>(sql`${freeCases} ORDER BY c.id LIMIT 1`);
    const caseId = free.rows[0]?.id;
    if (!caseId) throw new Error('plan-approve: no case without a plan left; load a fresh bench database');
    await preparePlanApprovalTemplate(db, caseId);
    have = await countAwaiting();
  }
  const template = await db.execute<{ id: string; case_id: string }>(
    sql`${awaiting} ORDER BY p.created_at, p.id LIMIT 1`,
  );
  const t = template.rows[0];
  if (!t) throw new Error('plan-approve: the template plan is missing');
  while (have < DRAFTS) {
    const batch = Math.min(5_000, DRAFTS - have);
    const made = await db.execute<{ n: number }>(sql`
      WITH t AS (SELECT * FROM planning.plans WHERE id = ${t.id}),
           g AS (SELECT f.*, gen_random_uuid() AS plan_id FROM (${freeCases} ORDER BY c.id LIMIT ${batch}) f),
           p AS (INSERT INTO planning.plans (id, case_id, client_id, cooperation_area_id, draft_status, draft,
                   draft_revision, submitted_revision, current_version, created_at, updated_at)
                 SELECT g.plan_id, g.id, g.client_id, g.cooperation_area_id, t.draft_status,
                        jsonb_set(t.draft, '{actions}',
                          (SELECT jsonb_agg(jsonb_set(x, '{id}', to_jsonb(gen_random_uuid()::text)) ORDER BY o)
                             FROM jsonb_array_elements(t.draft -> 'actions') WITH ORDINALITY AS e(x, o)
                            WHERE g.id IS NOT NULL)),
                        t.draft_revision, t.submitted_revision, t.current_version, now(), now()
                   FROM g, t RETURNING id, case_id),
           a AS (INSERT INTO planning.plan_approvals (plan_id, draft_revision, approver, roles, method,
                   recorded_by_organisation, recorded_by_sub, approved_at)
                 SELECT p.id, x.draft_revision, x.approver, x.roles, x.method, x.recorded_by_organisation,
                        x.recorded_by_sub, now()
                   FROM p, planning.plan_approvals x WHERE x.plan_id = ${t.id} AND x.withdrawn_at IS NULL
                 RETURNING id),
           s AS (INSERT INTO platform.case_sequences (case_id, last) SELECT p.case_id, 1 FROM p
                 ON CONFLICT (case_id) DO UPDATE SET last = platform.case_sequences.last + 1
                 RETURNING case_id, last),
           ev AS (INSERT INTO platform.events (type, occurred_at, organisation_codes, cooperation_area_id, case_id,
                    case_sequence, subject_type, subject_id, actor_organisation, actor_sub, payload)
                  SELECT 'plan.submitted', now(), g.party_organisation_codes, g.cooperation_area_id, g.id, s.last,
                         'plan', p.id, e.actor_organisation, e.actor_sub,
                         e.payload || jsonb_build_object('caseId', g.id, 'planId', p.id)
                    FROM p JOIN g ON g.id = p.case_id JOIN s ON s.case_id = p.case_id,
                         (SELECT * FROM platform.events WHERE type = 'plan.submitted' AND subject_id = ${t.id}::text
                           ORDER BY id LIMIT 1) e
                  RETURNING id),
           l AS (INSERT INTO referrals.access_log (occurred_at, request_id, actor_sub, actor_organisation, actor_roles,
                   action, resource_type, resource_id, client_id, purpose)
                 SELECT now(), 'bench-setup', x.actor_sub, x.actor_organisation, x.actor_roles, x.action,
                        x.resource_type, g.id::text, g.client_id, x.purpose
                   FROM g JOIN p ON p.case_id = g.id,
                        referrals.access_log x WHERE x.resource_id = ${t.case_id}::text AND x.action LIKE 'plan.%'
                 RETURNING id)
      SELECT (SELECT count(*) FROM p)::int AS n, (SELECT count(*) FROM a) AS approvals,
             (SELECT count(*) FROM ev) AS events, (SELECT count(*) FROM l) AS log`);
    const n = made.rows[0]?.n ?? 0;
    if (n === 0) break;
    have += n;
  }
  if (have < DRAFTS)
    console.warn(`plan-approve: only ${have} drafts could be prepared (cases without a plan ran out)`);
  await db.execute(sql`ANALYZE planning.plans`);
  await db.execute(sql`ANALYZE planning.plan_approvals`);
  const ids = await db.execute<{ case_id: string }>(sql`${awaiting} ORDER BY p.case_id`);
  setPlanApprovalBenchCases(ids.rows.map((r) => r.case_id));
}
