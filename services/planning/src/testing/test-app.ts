import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { hetuCheckCharacter } from '@tym/domain';
import { fixedClock } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { planningService } from '../app.js';

export interface StaffSpec {
  org: string;
  sub: string;
  roles: string[];
  areas?: string[];
  email?: string;
}

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

let serial = 0;
/** A new valid identity code each call. */
export function nextHetu(): string {
  serial += 1;
  const ddmmyy = `${String(1 + (serial % 28)).padStart(2, '0')}0480`;
  const n = String(100 + (serial % 800)).padStart(3, '0');
  return `${ddmmyy}-${n}${hetuCheckCharacter(ddmmyy, n)}`;
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
  const areas = new Map<string, string>();
  const res = await t.app.inject({
    method: 'GET',
    url: '/v1/cooperation-areas',
    headers: { authorization: t.bearer('kela', ['admin']) },
  });
  for (const a of res.json().items as Array<{ id: string; code: string }>) areas.set(a.code, a.id);
  const area = (code: string) => {
    const id = areas.get(code);
    if (!id) throw new Error(`no cooperation area ${code}`);
    return id;
  };
  const inject: PlanningTestApp['inject'] = (method, url, headers, payload) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return {
    t,
    database,
    clock,
    area,
    inject,
    staff: async (spec) => {
      const admin = { authorization: t.bearer(spec.org, ['admin'], `${spec.org}-admin`) };
      const created = await t.app.inject({
        method: 'POST',
        url: '/v1/staff',
        headers: admin,
        payload: {
          subject: spec.sub,
          displayName: `Staff ${spec.sub}`,
          roles: spec.roles.filter((r) => r !== 'admin'),
          ...(spec.email ? { email: spec.email } : {}),
        },
      });
      if (created.statusCode !== 201) throw new Error(`staff create ${created.statusCode}: ${created.body}`);
      const id = created.json().id as string;
      if (spec.areas?.length) {
        const put = await t.app.inject({
          method: 'PUT',
          url: `/v1/staff/${id}/allocations`,
          headers: admin,
          payload: { allocations: spec.areas.map((code) => ({ cooperationAreaId: area(code), fte: 0.5 })) },
        });
        if (put.statusCode !== 200) throw new Error(`allocations ${put.statusCode}: ${put.body}`);
      }
      return id;
    },
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
