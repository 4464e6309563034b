import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { fixedClock } from '@tym/platform';
import { createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { sql } from 'drizzle-orm';
import { resourcingService } from '../app.js';
import { loadReferenceData } from '../reference-data/reference-data.js';
import { seedReferenceData } from '../reference-data/seed.js';

export interface ResourcingTestApp {
  t: TestPlatform;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  /** Authorization header for a caller. */
  as(org: string, roles: string[], sub?: string): { authorization: string };
  /** Rows in a table, e.g. `resourcing.staff` or `platform.events`. */
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A fresh database cloned from the migrated template, the reference data loaded, and the
 * platform app with this service registered (real PostgreSQL and Redis, no mocks).
 */
export async function createResourcingTestApp(
  options: {
    seed?: boolean;
    /** Employment areas (ids) to leave out of the reference data, for tests that add them. */
    withoutEmploymentAreas?: string[];
  } = {},
): Promise<ResourcingTestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock('2026-03-19T10:00:00Z');
  if (options.seed !== false) {
    const leaveOut = new Set(options.withoutEmploymentAreas ?? []);
    const data = loadReferenceData();
    await seedReferenceData(database.db, {
      clock,
      data: {
        ...data,
        employmentAreas: data.employmentAreas.filter((a) => !leaveOut.has(a.id)),
        organisations: data.organisations.filter(
          (o) => !data.employmentAreas.some((a) => leaveOut.has(a.id) && a.organisationCode === o.code),
        ),
      },
    });
  }
  const t = await createTestPlatform({ pool: database.pool });
  await t.app.register(resourcingService({ db: database.db, clock }));
  await t.app.ready();
  return {
    t,
    database,
    clock,
    as: (org, roles, sub) => ({ authorization: t.bearer(org, roles, sub) }),
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
