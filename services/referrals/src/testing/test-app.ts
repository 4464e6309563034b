import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { fixedClock, type PiiCipher } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { loadDirectory, type StaffSpec } from '@tym/testing';
import { sql } from 'drizzle-orm';
import { referralsService } from '../app.js';

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
  const directory = await loadDirectory(t);
  return {
    t,
    database,
    clock,
    pii,
    area: directory.area,
    staff: directory.staff,
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
