import { planningBenchScenarios, setMeetingBenchCases } from '@tym/planning';
import { benchScenarios as referralScenarios } from '@tym/referrals';
import { sql } from 'drizzle-orm';
import type { BenchRequest, Scenario } from '../scenario.js';
import { feedRead } from './feed-read.js';
import { municipalityRouting } from './municipality-routing.js';
import { setupPlanApprove } from './plan-approve.js';
import { situationalPicture, situationalPicturePage } from './situational-picture.js';
import { utilisation } from './utilisation.js';

// The planning scenarios work on the caseload scenario's cases: its setup runs first.
const planningScenarios = planningBenchScenarios.map(
  (s): Scenario => ({
    ...(s as Scenario),
    setup: async (db) => {
      await byName('caseload-50').setup?.(db);
      if (s.name === 'plan-approve') return setupPlanApprove(db);
      const rows = await db.execute<{ id: string }>(sql`
          SELECT c.id FROM referrals.cases c
            JOIN resourcing.cooperation_areas a ON a.id = c.cooperation_area_id AND a.code = 'vantaa-kerava'
           WHERE c.status = 'assessment' AND c.wellbeing_county_organiser_code = 'hva-vantaa-kerava'
           ORDER BY c.id LIMIT 1000`);
      if (!rows.rows.length) throw new Error('no bench cases for the planning scenarios');
      setMeetingBenchCases(rows.rows.map((r) => r.id));
    },
  }),
);

function byName(name: string): Scenario {
  const s = [...referralScenarios, municipalityRouting, feedRead, ...planningScenarios].find(
    (x) => x.name === name,
  );
  if (!s) throw new Error(`no bench scenario ${name}`);
  return s as Scenario;
}

/**
 * A caseworker's day, mixed as a caseworker makes requests: mostly reads — the caseload
 * (5 in 12), routing a client by municipality (2), the event feed (2) — and three writes: a
 * new referral, a planning meeting and a plan approval (the last one, which agrees the
 * plan). Each connection makes the sequence in turn; the bare side answers the same paths
 * with the other scenarios' bare handlers (so it registers none of its own).
 */
const MIX = [
  'caseload-50',
  'municipality-routing',
  'caseload-50',
  'feed-read',
  'caseload-50',
  'meeting-schedule',
  'caseload-50',
  'municipality-routing',
  'caseload-50',
  'feed-read',
  'referral-create',
  'plan-approve',
];

export const caseworkerDay: Scenario = {
  name: 'caseworker-day',
  description:
    'Mixed, per 12 requests: 5 caseload reads, 2 municipality routings, 2 feed reads, 1 referral, 1 meeting, 1 plan approval',
  setup: async (db) => {
    for (const name of new Set(MIX)) await byName(name).setup?.(db);
  },
  request: (ctx) => {
    const requests = new Map([...new Set(MIX)].map((name) => [name, byName(name).request(ctx)]));
    const sequence = MIX.map((name) => requests.get(name) as BenchRequest);
    return { ...(sequence[0] as BenchRequest), sequence };
  },
  bare: () => {},
};

/** Every request/response benchmark scenario, by name. */
export const scenarios: Scenario[] = [
  municipalityRouting,
  utilisation,
  situationalPicture,
  situationalPicturePage,
  ...referralScenarios,
  feedRead,
  ...planningScenarios,
  caseworkerDay,
];
