import {
  cooperationAreaParties,
  cooperationAreas,
  organisations,
  type Queryable,
  staff,
  staffAllocations,
} from '@tym/db';
import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';

export type StaffRow = typeof staff.$inferSelect;

export interface AllocationRow {
  staffId: string;
  cooperationAreaId: string;
  cooperationAreaCode: string;
  /** NUMERIC(4,3) as PostgreSQL returns it, e.g. `'0.500'`. */
  fte: string;
  competences: string[];
  languages: string[];
}

export async function findStaffRowBySubject(
  db: Queryable,
  organisationCode: string,
  subject: string,
): Promise<StaffRow | null> {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.organisationCode, organisationCode), eq(staff.subject, subject)));
  return row ?? null;
}

/** Unscoped: for other services that hold a staff id from their own rows. */
export async function findStaffRowById(db: Queryable, id: string): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row ?? null;
}

export interface StaffCardRow {
  id: string;
  displayName: string;
  roles: string[];
  organisationCode: string;
  organisationNameFi: string;
  organisationNameSv: string;
  organisationNameEn: string;
}

/** Name, roles and organisation of staff members by id (unscoped; for other services). */
export async function findStaffCardRows(db: Queryable, ids: readonly string[]): Promise<StaffCardRow[]> {
  if (!ids.length) return [];
  return db
    .select({
      id: staff.id,
      displayName: staff.displayName,
      roles: staff.roles,
      organisationCode: staff.organisationCode,
      organisationNameFi: organisations.nameFi,
      organisationNameSv: organisations.nameSv,
      organisationNameEn: organisations.nameEn,
    })
    .from(staff)
    .innerJoin(organisations, eq(organisations.code, staff.organisationCode))
    .where(inArray(staff.id, [...ids]));
}

/** A staff member of `organisationCode` only; locked when `forUpdate`. */
export async function findScopedStaffRow(
  db: Queryable,
  organisationCode: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StaffRow | null> {
  const query = db
    .select()
    .from(staff)
    .where(and(eq(staff.organisationCode, organisationCode), eq(staff.id, id)));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

/** One page of an organisation's staff by display name, then id (keyset pagination). */
export async function findStaffPage(
  db: Queryable,
  organisationCode: string,
  options: { limit: number; after?: { displayName: string; id: string }; active?: boolean },
): Promise<StaffRow[]> {
  const where: Array<SQL | undefined> = [eq(staff.organisationCode, organisationCode)];
  if (options.active !== undefined) where.push(eq(staff.active, options.active));
  if (options.after) {
    where.push(
      or(
        gt(staff.displayName, options.after.displayName),
        and(eq(staff.displayName, options.after.displayName), gt(staff.id, options.after.id)),
      ),
    );
  }
  return db
    .select()
    .from(staff)
    .where(and(...where))
    .orderBy(asc(staff.displayName), asc(staff.id))
    .limit(options.limit);
}

/** Inserts unless the organisation already has this subject; null then. */
export async function insertStaff(
  db: Queryable,
  row: Pick<
    StaffRow,
    'organisationCode' | 'subject' | 'displayName' | 'email' | 'roles' | 'languages' | 'active'
  >,
  now: Date,
): Promise<StaffRow | null> {
  const [inserted] = await db
    .insert(staff)
    .values({ ...row, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return inserted ?? null;
}

export async function updateStaff(
  db: Queryable,
  organisationCode: string,
  id: string,
  set: Partial<Pick<StaffRow, 'displayName' | 'email' | 'roles' | 'languages' | 'active'>>,
  now: Date,
): Promise<StaffRow | null> {
  const [row] = await db
    .update(staff)
    .set({ ...set, updatedAt: now })
    .where(and(eq(staff.organisationCode, organisationCode), eq(staff.id, id)))
    .returning();
  return row ?? null;
}

export async function findAllocationRows(db: Queryable, staffIds: string[]): Promise<AllocationRow[]> {
  if (!staffIds.length) return [];
  return db
    .select({
      staffId: staffAllocations.staffId,
      cooperationAreaId: staffAllocations.cooperationAreaId,
      cooperationAreaCode: cooperationAreas.code,
      fte: staffAllocations.fte,
      competences: staffAllocations.competences,
      languages: staffAllocations.languages,
    })
    .from(staffAllocations)
    .innerJoin(cooperationAreas, eq(cooperationAreas.id, staffAllocations.cooperationAreaId))
    .where(inArray(staffAllocations.staffId, staffIds))
    .orderBy(asc(cooperationAreas.code));
}

/** The areas among `areaIds` where the organisation is a party (in any role). */
export async function findAreasWithParty(
  db: Queryable,
  organisationCode: string,
  areaIds: string[],
): Promise<Set<string>> {
  if (!areaIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: cooperationAreaParties.cooperationAreaId })
    .from(cooperationAreaParties)
    .where(
      and(
        eq(cooperationAreaParties.organisationCode, organisationCode),
        inArray(cooperationAreaParties.cooperationAreaId, areaIds),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function replaceAllocations(
  db: Queryable,
  staffId: string,
  rows: Array<{ cooperationAreaId: string; fte: string; competences: string[]; languages: string[] }>,
  now: Date,
): Promise<void> {
  await db.delete(staffAllocations).where(eq(staffAllocations.staffId, staffId));
  if (!rows.length) return;
  await db.insert(staffAllocations).values(rows.map((r) => ({ ...r, staffId, createdAt: now })));
}
