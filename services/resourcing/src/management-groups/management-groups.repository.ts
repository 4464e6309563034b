import {
  type ManagementGroupPosition,
  managementGroupMembers,
  managementGroups,
  managementGroupTargets,
  type Queryable,
  staff,
} from '@tym/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';

export type ManagementGroupRow = typeof managementGroups.$inferSelect;
export type MemberRow = typeof managementGroupMembers.$inferSelect;
export type TargetRow = typeof managementGroupTargets.$inferSelect;

export interface NewMember {
  organisationCode: string;
  position: ManagementGroupPosition;
  ordinal: number;
  name: string;
  title: string | null;
  staffId: string | null;
  deputyName: string;
  deputyTitle: string | null;
  deputyStaffId: string | null;
}

export async function findGroupRow(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ManagementGroupRow | null> {
  const query = db.select().from(managementGroups).where(eq(managementGroups.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

export async function findGroupRowsByAreas(db: Queryable, areaIds: string[]): Promise<ManagementGroupRow[]> {
  if (!areaIds.length) return [];
  return db
    .select()
    .from(managementGroups)
    .where(inArray(managementGroups.cooperationAreaId, areaIds))
    .orderBy(asc(managementGroups.createdAt), asc(managementGroups.id));
}

/** The groups that block a new one: the same area, or the same authority in the same HVA area. */
export async function findConflictingGroups(
  db: Queryable,
  cooperationAreaId: string,
  wellbeingCountyId: string,
  employmentAuthorityCode: string,
): Promise<ManagementGroupRow[]> {
  return db
    .select()
    .from(managementGroups)
    .where(
      sql`${managementGroups.cooperationAreaId} = ${cooperationAreaId}
          OR (${managementGroups.wellbeingCountyId} = ${wellbeingCountyId}
              AND ${managementGroups.employmentAuthorityCode} = ${employmentAuthorityCode})`,
    );
}

/** Inserts unless a unique key (one group per area; one per authority and HVA area) says no. */
export async function insertGroup(
  db: Queryable,
  row: Omit<ManagementGroupRow, 'id' | 'version'>,
): Promise<ManagementGroupRow | null> {
  const [inserted] = await db.insert(managementGroups).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function updateGroup(
  db: Queryable,
  id: string,
  set: Partial<
    Pick<
      ManagementGroupRow,
      | 'termStartOn'
      | 'termEndOn'
      | 'leadingPersonName'
      | 'leadingPersonDeputyName'
      | 'leadingPersonsApprovedOn'
      | 'leadingPersonTermEndOn'
    >
  >,
  now: Date,
): Promise<ManagementGroupRow | null> {
  const [row] = await db
    .update(managementGroups)
    .set({ ...set, version: sql`${managementGroups.version} + 1`, updatedAt: now })
    .where(eq(managementGroups.id, id))
    .returning();
  return row ?? null;
}

export async function findMemberRows(db: Queryable, groupIds: string[]): Promise<MemberRow[]> {
  if (!groupIds.length) return [];
  return db
    .select()
    .from(managementGroupMembers)
    .where(inArray(managementGroupMembers.managementGroupId, groupIds))
    .orderBy(
      asc(managementGroupMembers.organisationCode),
      asc(managementGroupMembers.ordinal),
      asc(managementGroupMembers.id),
    );
}

/** Replaces the members of the given organisations (all when `organisationCodes` is null). */
export async function replaceMembers(
  db: Queryable,
  groupId: string,
  organisationCodes: string[] | null,
  members: NewMember[],
): Promise<void> {
  await db
    .delete(managementGroupMembers)
    .where(
      and(
        eq(managementGroupMembers.managementGroupId, groupId),
        organisationCodes ? inArray(managementGroupMembers.organisationCode, organisationCodes) : undefined,
      ),
    );
  if (!members.length) return;
  await db.insert(managementGroupMembers).values(members.map((m) => ({ ...m, managementGroupId: groupId })));
}

export async function findTargetRows(db: Queryable, groupIds: string[]): Promise<TargetRow[]> {
  if (!groupIds.length) return [];
  return db
    .select()
    .from(managementGroupTargets)
    .where(inArray(managementGroupTargets.managementGroupId, groupIds))
    .orderBy(asc(managementGroupTargets.year), asc(managementGroupTargets.ordinal));
}

export async function replaceTargets(
  db: Queryable,
  groupId: string,
  year: number,
  targets: Array<{ indicator: string; label: string; targetValue: string; unit: string }>,
  now: Date,
): Promise<void> {
  await db
    .delete(managementGroupTargets)
    .where(and(eq(managementGroupTargets.managementGroupId, groupId), eq(managementGroupTargets.year, year)));
  if (!targets.length) return;
  await db
    .insert(managementGroupTargets)
    .values(
      targets.map((t, ordinal) => ({ ...t, managementGroupId: groupId, year, ordinal, updatedAt: now })),
    );
}

/** Which of the staff ids are active staff of the organisation. */
export async function findStaffIdsOfOrganisation(
  db: Queryable,
  organisationCode: string,
  ids: string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.organisationCode, organisationCode), inArray(staff.id, ids)));
  return new Set(rows.map((r) => r.id));
}
