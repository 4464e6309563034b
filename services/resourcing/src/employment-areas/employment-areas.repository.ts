import {
  EMPLOYMENT_AREAS_START,
  type EmploymentAreaModel,
  type EmploymentAreaStatus,
  employmentAreaMunicipalities,
  employmentAreas,
  municipalities,
  type Queryable,
} from '@tym/db';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';

export type EmploymentAreaRow = typeof employmentAreas.$inferSelect;

export interface EmploymentAreaListRow extends EmploymentAreaRow {
  municipalityCodes: string[];
  wellbeingCountyIds: string[];
}

export interface MemberRow {
  code: string;
  nameFi: string;
  nameSv: string;
  wellbeingCountyId: string | null;
}

const memberCodes = sql<string[]>`coalesce(
  (SELECT array_agg(m.municipality_code::text ORDER BY m.municipality_code)
     FROM resourcing.employment_area_municipalities m
    WHERE m.employment_area_id = employment_areas.id AND m.valid_to IS NULL), '{}'::text[])`;
const countyIds = sql<string[]>`coalesce(
  (SELECT array_agg(DISTINCT mu.wellbeing_county_id ORDER BY mu.wellbeing_county_id)
     FROM resourcing.employment_area_municipalities m
     JOIN resourcing.municipalities mu ON mu.code = m.municipality_code
    WHERE m.employment_area_id = employment_areas.id AND m.valid_to IS NULL), '{}'::text[])`;

export async function findEmploymentAreaRows(
  db: Queryable,
  filter: { ids?: string[] } = {},
): Promise<EmploymentAreaListRow[]> {
  const query = db
    .select({
      id: employmentAreas.id,
      nameFi: employmentAreas.nameFi,
      nameProvisional: employmentAreas.nameProvisional,
      model: employmentAreas.model,
      hostMunicipalityCode: employmentAreas.hostMunicipalityCode,
      status: employmentAreas.status,
      organisationCode: employmentAreas.organisationCode,
      createdAt: employmentAreas.createdAt,
      updatedAt: employmentAreas.updatedAt,
      municipalityCodes: memberCodes,
      wellbeingCountyIds: countyIds,
    })
    .from(employmentAreas);
  return (filter.ids ? query.where(inArray(employmentAreas.id, filter.ids)) : query).orderBy(
    asc(employmentAreas.id),
  );
}

/** The area, its row locked when `forUpdate` so concurrent changes of one area queue up. */
export async function findEmploymentAreaRow(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<EmploymentAreaRow | null> {
  const query = db.select().from(employmentAreas).where(eq(employmentAreas.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row ?? null;
}

export async function findMemberRows(db: Queryable, areaId: string): Promise<MemberRow[]> {
  return db
    .select({
      code: municipalities.code,
      nameFi: municipalities.nameFi,
      nameSv: municipalities.nameSv,
      wellbeingCountyId: municipalities.wellbeingCountyId,
    })
    .from(employmentAreaMunicipalities)
    .innerJoin(municipalities, eq(municipalities.code, employmentAreaMunicipalities.municipalityCode))
    .where(
      and(
        eq(employmentAreaMunicipalities.employmentAreaId, areaId),
        isNull(employmentAreaMunicipalities.validTo),
      ),
    )
    .orderBy(asc(municipalities.code));
}

export async function findMunicipalitiesByCode(
  db: Queryable,
  codes: string[],
): Promise<Array<{ code: string; wellbeingCountyId: string | null }>> {
  if (!codes.length) return [];
  return db
    .select({ code: municipalities.code, wellbeingCountyId: municipalities.wellbeingCountyId })
    .from(municipalities)
    .where(inArray(municipalities.code, codes));
}

export async function findMemberships(
  db: Queryable,
  codes: string[],
): Promise<Array<{ municipalityCode: string; employmentAreaId: string }>> {
  if (!codes.length) return [];
  return db
    .select({
      municipalityCode: employmentAreaMunicipalities.municipalityCode,
      employmentAreaId: employmentAreaMunicipalities.employmentAreaId,
    })
    .from(employmentAreaMunicipalities)
    .where(
      and(
        inArray(employmentAreaMunicipalities.municipalityCode, codes),
        isNull(employmentAreaMunicipalities.validTo),
      ),
    );
}

/** Inserts the area unless its id is taken; true when this call created it. */
export async function insertEmploymentArea(
  db: Queryable,
  row: {
    id: string;
    nameFi: string;
    nameProvisional: boolean;
    model: EmploymentAreaModel;
    hostMunicipalityCode: string | null;
    status: EmploymentAreaStatus;
    organisationCode: string;
  },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .insert(employmentAreas)
    .values({ ...row, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: employmentAreas.id });
  return rows.length > 0;
}

export async function updateEmploymentArea(
  db: Queryable,
  id: string,
  set: Partial<
    Pick<EmploymentAreaRow, 'nameFi' | 'nameProvisional' | 'model' | 'hostMunicipalityCode' | 'status'>
  >,
  now: Date,
): Promise<void> {
  await db
    .update(employmentAreas)
    .set({ ...set, updatedAt: now })
    .where(eq(employmentAreas.id, id));
}

/**
 * Adds members: an open period from the day after the municipality's last period ended,
 * else from EMPLOYMENT_AREAS_START (an administrator's change corrects the latest period).
 * A municipality with an open period in another area is left out (a unique key), so the
 * caller compares what came back with what it asked for: one statement, no race.
 */
export async function insertMembers(db: Queryable, areaId: string, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const result = await db.execute<{ code: string }>(sql`
    INSERT INTO resourcing.employment_area_municipalities (municipality_code, employment_area_id, valid_from)
    SELECT c.code, ${areaId},
           coalesce((SELECT max(p.valid_to) + 1 FROM resourcing.employment_area_municipalities p
                      WHERE p.municipality_code = c.code), ${EMPLOYMENT_AREAS_START}::date)
      FROM unnest(${sql`ARRAY[${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )}]::char(3)[]`}) AS c (code)
    ON CONFLICT DO NOTHING
    RETURNING municipality_code AS code`);
  return result.rows.map((r) => r.code);
}

export async function deleteMembers(db: Queryable, areaId: string, codes: string[]): Promise<void> {
  if (!codes.length) return;
  await db
    .delete(employmentAreaMunicipalities)
    .where(
      and(
        eq(employmentAreaMunicipalities.employmentAreaId, areaId),
        inArray(employmentAreaMunicipalities.municipalityCode, codes),
        isNull(employmentAreaMunicipalities.validTo),
      ),
    );
}
