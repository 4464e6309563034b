import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { fixedClock } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { loadDirectory, nextHetu, type StaffSpec } from '@tym/testing';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { planningService } from '../app.js';

export interface PlanningTestApp {
  t: TestPlatform;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  area(code: string): string;
  /** Creates a staff member through resourcing's routes; returns the id. */
  staff(spec: StaffSpec): Promise<string>;
  as(org: string, roles: string[], sub?: string, extra?: Record<string, string>): Record<string, string>;
  inject(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  /**
   * A case through the referrals API: Kela refers a client of Kerava (Vantaa–Kerava area),
   * `accepter` accepts (and is on the team), then `members` join the team.
   */
  openCase(
    accepter: Record<string, string>,
    members: string[],
  ): Promise<{ caseId: string; clientId: string }>;
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A fresh database cloned from the migrated template with reference data, and the platform
 * app with the resourcing, referrals and planning services (real PostgreSQL and Redis).
 */
export async function createPlanningTestApp(start = '2026-03-19T10:00:00Z'): Promise<PlanningTestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock(start);
  await seedReferenceData(database.db, { clock });
  const t = await createTestPlatform({ pool: database.pool });
  await t.app.register(resourcingService({ db: database.db, clock }));
  await t.app.register(referralsService({ db: database.db, clock, pii: createTestPiiCipher() }));
  await t.app.register(planningService({ db: database.db, clock }));
  await t.app.ready();
  const directory = await loadDirectory(t);
  const inject: PlanningTestApp['inject'] = (method, url, headers, payload) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return {
    t,
    database,
    clock,
    area: directory.area,
    inject,
    staff: directory.staff,
    as: (org, roles, sub, extra = {}) => ({ authorization: t.bearer(org, roles, sub), ...extra }),
    openCase: async (accepter, members) => {
      const referrer = { authorization: t.bearer('kela', ['caseworker'], 'kela-ref') };
      const referral = await inject('POST', '/v1/referrals', referrer, {
        client: {
          identityCode: nextHetu(),
          firstNames: 'Maija',
          lastName: 'Meikäläinen',
          homeMunicipalityCode: '245',
          contactDetails: { phone: '+358 40 123 4567' },
        },
        grounds: ['life_management_problems'],
        description: 'Needs coordinated support.',
      });
      if (referral.statusCode !== 201) throw new Error(`referral ${referral.statusCode}: ${referral.body}`);
      const accepted = await inject('POST', `/v1/referrals/${referral.json().id}/accept`, accepter, {});
      if (accepted.statusCode !== 200) throw new Error(`accept ${accepted.statusCode}: ${accepted.body}`);
      const caseId = accepted.json().case.id as string;
      for (const staffId of members) {
        const added = await inject('POST', `/v1/cases/${caseId}/team`, accepter, { staffId, role: 'member' });
        if (added.statusCode !== 200) throw new Error(`team ${added.statusCode}: ${added.body}`);
      }
      return { caseId, clientId: referral.json().clientId as string };
    },
    count: async (table, where) => {
      const result = await database.db.execute<{ n: number }>(
        sql.raw(`SELECT count(*)::int AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`),
      );
      return result.rows[0]?.n ?? 0;
    },
    close: async () => {
      await t.close();
      await database.destroy();
    },
  };
}
