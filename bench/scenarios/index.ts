import { planningBenchScenarios, setMeetingBenchCases } from '@tym/planning';
import { benchScenarios as referralScenarios } from '@tym/referrals';
import { sql } from 'drizzle-orm';
import type { Scenario } from '../scenario.js';
import { feedRead } from './feed-read.js';
import { municipalityRouting } from './municipality-routing.js';
import { setupPlanApprove } from './plan-approve.js';
import { situationalPicture, situationalPicturePage } from './situational-picture.js';
import { utilisation } from './utilisation.js';

const byName = (name: string): Scenario => {
  const s = [...referralScenarios, municipalityRouting, feedRead].find((x) => x.name === name);
  if (!s) throw new Error(`no bench scenario ${name}`);
  return s as Scenario;
};

/**
 * A caseworker's day, mixed as a caseworker makes requests: mostly reading the caseload
 * (4 in 8), routing a client by municipality (2 in 8), one look at the event feed and one
 * new referral. Each connection makes the sequence in turn; the bare side answers the same
 * paths with the other scenarios' bare handlers (so it registers none of its own).
 */
export const caseworkerDay: Scenario = {
  name: 'caseworker-day',
  description: 'Mixed: 4 caseload reads, 2 municipality routings, 1 feed read, 1 referral per 8 requests',
  setup: async (db) => {
    for (const name of ['referral-create', 'caseload-50', 'feed-read']) await byName(name).setup?.(db);
  },
  request: (ctx) => {
    const caseload = byName('caseload-50').request(ctx);
    const routing = byName('municipality-routing').request(ctx);
    const feed = byName('feed-read').request(ctx);
    const referral = byName('referral-create').request(ctx);
    return {
      ...caseload,
      sequence: [caseload, routing, caseload, feed, caseload, routing, caseload, referral],
    };
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
  // The planning scenarios work on the caseload scenario's cases: its setup runs first.
  ...planningBenchScenarios.map(
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
  ),
  caseworkerDay,
];
