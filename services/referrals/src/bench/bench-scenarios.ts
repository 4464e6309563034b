import type { CaseStatus, Database } from '@tym/db';
import { hetuCheckCharacter } from '@tym/domain';
import { AppError, createPiiCipher, fixedClock, systemClock } from '@tym/platform';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Caller } from '../caller.js';
import { listCases } from '../cases/case-read.service.js';
import { toCaseloadItemDto } from '../cases/cases.schemas.js';
import { findCallerFacts } from '../directory.js';
import { toReferralCreatedDto } from '../referrals/referrals.schemas.js';
import { type CreateReferral, submitReferral } from '../referrals/referrals.service.js';

/**
 * `pnpm bench` scenarios of this service (issue 3, Speed), in the shape of
 * bench/scenario.ts: creating a referral, and reading a caseload of 50 from a database of
 * 100,000 cases — each beside a bare Fastify handler running the same SQL. Register them in
 * bench/scenarios/index.ts once the single-node composition registers `referralsService`.
 */
export interface BenchScenario {
  name: string;
  description: string;
  setup?(db: Database): Promise<void>;
  request(ctx: { token: (org: string, roles: string[], sub?: string) => string }): {
    method: 'GET' | 'POST';
    path: string;
    headers?: Record<string, string>;
    body?: string;
    bodyFor?: (n: number) => string;
  };
  bare(app: FastifyInstance, db: Database): void;
}

export const BENCH_COORDINATOR = { org: 'hva-vantaa-kerava', sub: 'bench-coordinator' };
export const BENCH_CASES = 100_000;

/** A referral of a new client: the n-th valid identity code of a run-specific range. */
function referralBody(n: number): string {
  const k = RUN_OFFSET + n;
  const day = new Date(Date.UTC(1950, 0, 1) + (k % 18_000) * 86_400_000);
  const ddmmyy = `${String(day.getUTCDate()).padStart(2, '0')}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCFullYear() % 100).padStart(2, '0')}`;
  const individual = String(2 + (Math.floor(k / 18_000) % 897)).padStart(3, '0');
  return JSON.stringify({
    client: {
      identityCode: `${ddmmyy}-${individual}${hetuCheckCharacter(ddmmyy, individual)}`,
      firstNames: 'Bench',
      lastName: 'Client',
      homeMunicipalityCode: '245',
    },
    grounds: ['life_management_problems'],
    description: 'bench',
  });
}
const RUN_OFFSET = Math.floor(Math.random() * 16_000_000);

/**
 * Loads 100,000 clients, referrals and cases in the Vantaa–Kerava area (10% ended), each
 * with a responsible team member and a pending plan deadline, and a coordinator allocated
 * to the area. Idempotent: does nothing when the cases are there. Identity codes are fake
 * ciphertexts (never decrypted by the caseload).
 */
export async function loadBenchCases(db: Database, count = BENCH_CASES): Promise<void> {
  const have = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM referrals.cases`);
  if ((have.rows[0]?.n ?? 0) >= count) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO resourcing.staff (organisation_code, subject, display_name, roles)
      VALUES (${BENCH_COORDINATOR.org}, ${BENCH_COORDINATOR.sub}, 'Bench coordinator', ARRAY['coordinator'])
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte)
      SELECT s.id, a.id, 0.5 FROM resourcing.staff s, resourcing.cooperation_areas a
       WHERE s.organisation_code = ${BENCH_COORDINATOR.org} AND s.subject = ${BENCH_COORDINATOR.sub}
         AND a.code = 'vantaa-kerava'
      ON CONFLICT DO NOTHING`);
  });
  // In batches, so no single statement runs into the pool's statement timeout.
  for (let from = 1; from <= count; from += 10_000) {
    const to = Math.min(count, from + 9_999);
    await db.execute(sql`
      WITH area AS (SELECT id FROM resourcing.cooperation_areas WHERE code = 'vantaa-kerava'),
           me AS (SELECT id FROM resourcing.staff WHERE organisation_code = ${BENCH_COORDINATOR.org}
                                                    AND subject = ${BENCH_COORDINATOR.sub}),
           g AS (SELECT i, gen_random_uuid() AS client_id, gen_random_uuid() AS referral_id,
                        gen_random_uuid() AS case_id, DATE '2026-01-01' + (i % 300) AS started
                   FROM generate_series(${from}::int, ${to}::int) AS i),
           c AS (INSERT INTO referrals.clients (id, identity_code_encrypted, identity_code_index, first_names,
                   last_name, home_municipality_code, preferred_language, created_by_organisation, created_at, updated_at)
                 SELECT client_id, 'v1.bench.x.y.z', 'bench-' || i, 'Bench', 'Client ' || i, '245', 'fi', 'kela', now(), now()
                   FROM g RETURNING id),
           r AS (INSERT INTO referrals.referrals (id, client_id, cooperation_area_id, home_municipality_code,
                   employment_authority_code, wellbeing_county_organiser_code, referring_organisation_code,
                   referred_by_sub, grounds, description, status, submitted_at, submitted_on, respond_by,
                   response_days, case_id, updated_at, decided_at)
                 SELECT referral_id, client_id, (SELECT id FROM area), '245', 'ea-kerava-sipoo', 'hva-vantaa-kerava',
                        'kela', 'bench', ARRAY['life_management_problems'], 'bench', 'accepted', now(), started,
                        started + 14, 14, case_id, now(), now()
                   FROM g WHERE EXISTS (SELECT 1 FROM c) RETURNING id),
           k AS (INSERT INTO referrals.cases (id, client_id, referral_id, cooperation_area_id, employment_authority_code,
                   wellbeing_county_organiser_code, party_organisation_codes, status, assessment_started_on,
                   plan_due_on, ended_on, end_reason_code, erasure_due_on, created_at, updated_at)
                 SELECT case_id, client_id, referral_id, (SELECT id FROM area), 'ea-kerava-sipoo', 'hva-vantaa-kerava',
                        ARRAY['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'],
                        CASE WHEN i % 10 = 0 THEN 'ended' ELSE 'assessment' END, started, started + 92,
                        CASE WHEN i % 10 = 0 THEN started + 100 END, CASE WHEN i % 10 = 0 THEN 'employed' END,
                        CASE WHEN i % 10 = 0 THEN started + 1561 END, now(), now()
                   FROM g WHERE EXISTS (SELECT 1 FROM r) RETURNING id),
           t AS (INSERT INTO referrals.case_team_members (case_id, staff_id, organisation_code, subject, role,
                   added_at, added_by_organisation, added_by_sub)
                 SELECT case_id, (SELECT id FROM me), ${BENCH_COORDINATOR.org},
                        CASE WHEN i % 2000 = 0 THEN ${BENCH_COORDINATOR.sub} ELSE 'bench-' || (i % 500) END,
                        'responsible', now(), 'kela', 'bench'
                   FROM g WHERE EXISTS (SELECT 1 FROM k) RETURNING id)
      INSERT INTO platform.deadlines (kind, subject_type, subject_id, case_id, cooperation_area_id, organisation_codes,
                                      due_on, rule, statute, computation)
      SELECT 'plan.due', 'case', case_id::text, case_id, (SELECT id FROM area), ARRAY['hva-vantaa-kerava'],
             started + 92, 'plan.due', '381/2023 §4(2)', '{}'::jsonb
        FROM g WHERE i % 10 <> 0 AND EXISTS (SELECT 1 FROM t)`);
  }
  await db.execute(sql`ANALYZE referrals.cases`);
  await db.execute(sql`ANALYZE platform.deadlines`);
  await db.execute(sql`ANALYZE referrals.case_team_members`);
}

const benchPii = createPiiCipher({
  encryptionKeys: { b: Buffer.alloc(32, 1).toString('base64') },
  currentKeyId: 'b',
  blindIndexKey: Buffer.alloc(32, 2).toString('base64'),
});

export const benchScenarios: BenchScenario[] = [
  {
    name: 'referral-create',
    description:
      'Authenticated POST /v1/referrals: validate, route, encrypt, write, deadline, event, access log',
    // The referrer needs a staff record (the personal access right, 381/2023 §12(4)).
    setup: async (db) => {
      await db.execute(sql`
        INSERT INTO resourcing.staff (organisation_code, subject, display_name, roles)
        VALUES ('kela', 'bench-referrer', 'Bench referrer', ARRAY['caseworker'])
        ON CONFLICT DO NOTHING`);
    },
    request: ({ token }) => ({
      method: 'POST',
      path: '/v1/referrals',
      headers: {
        authorization: `Bearer ${token('kela', ['caseworker'], 'bench-referrer')}`,
        'content-type': 'application/json',
      },
      body: referralBody(0),
      // Every request refers a new client: a valid identity code per request.
      bodyFor: referralBody,
    }),
    bare: (app, db) => {
      // The same statements as the system (issue 14): the caller's directory facts (as
      // `loadCaller`), then the same service function (validation, routing, client lookup,
      // writes) and the same answer (`toReferralCreatedDto`), without the platform around it:
      // no auth, no schema validation or serialisation, no problem mapping, no idempotency.
      const deps = { db, clock: fixedClock('2026-03-19T10:00:00Z'), pii: benchPii };
      app.post('/v1/referrals', async (request, reply) => {
        const facts = await findCallerFacts(db, 'kela', 'bench-referrer');
        const caller: Caller = {
          org: 'kela',
          sub: 'bench-referrer',
          roles: ['caseworker'],
          staffId: facts.staffId,
          areaIds: facts.areaIds,
          audit: { requestId: String(request.id), purpose: 'TYM referral (381/2023 §3)' },
        };
        try {
          const result = await db.transaction((tx) =>
            submitReferral(deps, caller, request.body as CreateReferral, tx),
          );
          return reply.code(result.status).send(toReferralCreatedDto(result.body));
        } catch (err) {
          if (err instanceof AppError) return reply.code(409).send({ code: err.code });
          throw err;
        }
      });
    },
  },
  {
    name: 'caseload-50',
    description: 'Authenticated GET /v1/cases?limit=50 of an area coordinator over 100,000 cases',
    setup: (db) => loadBenchCases(db),
    request: ({ token }) => ({
      method: 'GET',
      path: '/v1/cases?limit=50&status=assessment',
      headers: {
        authorization: `Bearer ${token(BENCH_COORDINATOR.org, ['coordinator'], BENCH_COORDINATOR.sub)}`,
      },
    }),
    bare: (app, db) => {
      // The same statements as the system (issue 14): the caller's directory facts (as
      // `loadCaller`), then `listCases` — the page, the 50 access-log rows (required, 906/2019
      // §17) and the areas' Kela organisations — and the same answer (`toCaseloadItemDto`),
      // without auth, validation, hooks or schema serialisation: the ratio is the platform's.
      const deps = { db, clock: systemClock, pii: benchPii };
      app.get('/v1/cases', async (request) => {
        const facts = await findCallerFacts(db, BENCH_COORDINATOR.org, BENCH_COORDINATOR.sub);
        const caller: Caller = {
          org: BENCH_COORDINATOR.org,
          sub: BENCH_COORDINATOR.sub,
          roles: ['coordinator'],
          staffId: facts.staffId,
          areaIds: facts.areaIds,
          audit: { requestId: String(request.id), purpose: 'TYM caseload' },
        };
        const { limit, status } = request.query as { limit?: string; status?: CaseStatus };
        const page = await listCases(deps, caller, {
          ...(limit ? { limit: Number(limit) } : {}),
          ...(status ? { status } : {}),
        });
        return { items: page.items.map(toCaseloadItemDto), nextCursor: page.nextCursor };
      });
    },
  },
];
