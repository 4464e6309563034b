import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { hetuCheckCharacter } from '@tym/domain';
import { fixedClock, type PiiCipher } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { sql } from 'drizzle-orm';
import { referralsService } from '../app.js';

/** A valid personal identity code for a birth date `DDMMYY`, century sign and individual number. */
export function makeHetu(ddmmyy: string, sign: string, individualNumber: string): string {
  return `${ddmmyy}${sign}${individualNumber}${hetuCheckCharacter(ddmmyy, individualNumber)}`;
}

export interface StaffSpec {
  org: string;
  sub: string;
  roles: string[];
  /** Cooperation area codes to allocate the person to (0.5 FTE each, at most two). */
  areas?: string[];
  active?: boolean;
}

export interface ReferralsTestApp {
  t: TestPlatform;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  pii: PiiCipher;
  /** Cooperation area id by code (`vantaa-kerava`, `helsinki`, …). */
  area(code: string): string;
  /** Creates a staff member through the resourcing routes (as their organisation's admin). */
  staff(spec: StaffSpec): Promise<string>;
  /** Authorization (and extra) headers for a caller. */
  as(org: string, roles: string[], sub?: string, extra?: Record<string, string>): Record<string, string>;
  /** Rows in a table, e.g. `referrals.cases` or `platform.events`. */
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A fresh database cloned from the migrated template with the reference data loaded, and
 * the platform app with the resourcing and referrals services registered (real
 * PostgreSQL and Redis, no mocks). Staff are created through resourcing's own routes.
 */
export async function createReferralsTestApp(): Promise<ReferralsTestApp> {
  const database = await createTestDatabase();
  // A Thursday in spring: 14 days later is a Thursday, 3 months later a Friday.
  const clock = fixedClock('2026-03-19T10:00:00Z');
  await seedReferenceData(database.db, { clock });
  const pii = createTestPiiCipher();
  const t = await createTestPlatform({ pool: database.pool });
  await t.app.register(resourcingService({ db: database.db, clock }));
  await t.app.register(referralsService({ db: database.db, clock, pii }));
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
  return {
    t,
    database,
    clock,
    pii,
    area,
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
          active: spec.active ?? true,
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

/** A referral body for a client of `municipality`. */
export function referralBody(
  identityCode: string,
  municipality = '245',
  overrides: Record<string, unknown> = {},
) {
  return {
    client: {
      identityCode,
      firstNames: 'Maija Liisa',
      lastName: 'Meikäläinen',
      homeMunicipalityCode: municipality,
      contactDetails: { phone: '+358 40 123 4567' },
    },
    grounds: ['life_management_problems', 'work_capacity_limitations'],
    description: 'Needs coordinated support from the employment authority and social services.',
    ...overrides,
  };
}
