import {
  cooperationAreas,
  type EmploymentAreaModel,
  type EmploymentAreaStatus,
  employmentAreaMunicipalities,
  type MunicipalityLanguage,
  municipalities,
  type Queryable,
} from '@tym/db';
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';

export interface MunicipalityRow {
  code: string;
  nameFi: string;
  nameSv: string;
  language: MunicipalityLanguage;
  regionFi: string;
  wellbeingCountyId: string | null;
  employmentAreaId: string | null;
}

const columns = {
  code: municipalities.code,
  nameFi: municipalities.nameFi,
  nameSv: municipalities.nameSv,
  language: municipalities.language,
  regionFi: municipalities.regionFi,
  wellbeingCountyId: municipalities.wellbeingCountyId,
  employmentAreaId: employmentAreaMunicipalities.employmentAreaId,
};

export async function findMunicipalityRows(
  db: Queryable,
  filter: { county?: string; language?: MunicipalityLanguage; codes?: string[] } = {},
): Promise<MunicipalityRow[]> {
  const where: SQL[] = [];
  if (filter.county) where.push(eq(municipalities.wellbeingCountyId, filter.county));
  if (filter.language) where.push(eq(municipalities.language, filter.language));
  if (filter.codes) where.push(inArray(municipalities.code, filter.codes));
  return db
    .select(columns)
    .from(municipalities)
    .leftJoin(
      employmentAreaMunicipalities,
      and(
        eq(employmentAreaMunicipalities.municipalityCode, municipalities.code),
        isNull(employmentAreaMunicipalities.validTo),
      ),
    )
    .where(and(...where))
    .orderBy(asc(municipalities.code));
}

/** Everything routing needs about one municipality, in one query; nulls where not configured. */
export interface RoutingRow {
  code: string;
  nameFi: string;
  nameSv: string;
  language: MunicipalityLanguage;
  regionFi: string;
  countyId: string | null;
  countyNameFi: string | null;
  countyNameSv: string | null;
  organiserCode: string | null;
  organiserNameFi: string | null;
  organiserNameSv: string | null;
  organiserNameEn: string | null;
  areaId: string | null;
  areaNameFi: string | null;
  areaModel: EmploymentAreaModel | null;
  areaStatus: EmploymentAreaStatus | null;
  authorityCode: string | null;
  authorityNameFi: string | null;
  authorityNameSv: string | null;
  authorityNameEn: string | null;
  /** The last day of a municipality that merged into `successorCode`. */
  validTo: string | null;
  successorCode: string | null;
  /** The cooperation area its clients go to (see findRoutedCooperationArea); null if none. */
  cooperationArea: { id: string; code: string; nameFi: string; nameSv: string } | null;
}

/**
 * Routing of one municipality with the employment-area membership in force on `on`, and the
 * cooperation area its clients are referred to (as `findRoutedCooperationArea` picks it), in
 * one statement: one round trip instead of two per routing, and plain SQL, as drizzle's
 * builder for this six-join select cost more CPU than PostgreSQL took to run it (issue 14).
 */
export async function findRoutingRow(db: Queryable, code: string, on: string): Promise<RoutingRow | null> {
  const result = await db.execute<RoutingColumns>(sql`
    SELECT m.code, m.name_fi AS "nameFi", m.name_sv AS "nameSv", m.language, m.region_fi AS "regionFi",
           w.id AS "countyId", w.name_fi AS "countyNameFi", w.name_sv AS "countyNameSv",
           o.code AS "organiserCode", o.name_fi AS "organiserNameFi", o.name_sv AS "organiserNameSv",
           o.name_en AS "organiserNameEn",
           ea.id AS "areaId", ea.name_fi AS "areaNameFi", ea.model AS "areaModel", ea.status AS "areaStatus",
           a.code AS "authorityCode", a.name_fi AS "authorityNameFi", a.name_sv AS "authorityNameSv",
           a.name_en AS "authorityNameEn", m.valid_to AS "validTo", m.successor_code AS "successorCode",
           ca.id AS "caId", ca.code AS "caCode", ca.name_fi AS "caNameFi", ca.name_sv AS "caNameSv"
      FROM resourcing.municipalities m
      LEFT JOIN resourcing.wellbeing_counties w ON w.id = m.wellbeing_county_id
      LEFT JOIN resourcing.organisations o ON o.code = w.organiser_code
      LEFT JOIN resourcing.employment_area_municipalities eam
             ON eam.municipality_code = m.code AND eam.valid_from <= ${on}::date
            AND (eam.valid_to IS NULL OR eam.valid_to >= ${on}::date)
      LEFT JOIN resourcing.employment_areas ea ON ea.id = eam.employment_area_id
      LEFT JOIN resourcing.organisations a ON a.code = ea.organisation_code
      LEFT JOIN LATERAL (
        SELECT c.id, c.code, c.name_fi, c.name_sv
          FROM resourcing.cooperation_areas c
         WHERE a.code IS NOT NULL AND c.wellbeing_county_id = w.id
           AND (c.is_default OR EXISTS (SELECT 1 FROM resourcing.cooperation_area_parties p
                                         WHERE p.cooperation_area_id = c.id AND p.organisation_code = a.code
                                           AND p.role = 'employment_authority'))
         ORDER BY EXISTS (SELECT 1 FROM resourcing.cooperation_area_parties p
                           WHERE p.cooperation_area_id = c.id AND p.organisation_code = a.code
                             AND p.role = 'employment_authority') DESC, c.is_default ASC, c.code ASC
         LIMIT 1
      ) ca ON true
     WHERE m.code = ${code}
     LIMIT 1`);
  const row = result.rows[0];
  if (!row) return null;
  const { caId, caCode, caNameFi, caNameSv, ...rest } = row;
  return {
    ...rest,
    cooperationArea: caId
      ? { id: caId, code: caCode ?? '', nameFi: caNameFi ?? '', nameSv: caNameSv ?? '' }
      : null,
  };
}

type RoutingColumns = Omit<RoutingRow, 'cooperationArea'> & {
  [column: string]: unknown;
  caId: string | null;
  caCode: string | null;
  caNameFi: string | null;
  caNameSv: string | null;
};

/**
 * The cooperation area a client of this county and employment authority is referred to:
 * one of the county's areas where the authority is a party, a specific one before the
 * county's default; else the county's default area.
 */
export async function findRoutedCooperationArea(
  db: Queryable,
  countyId: string,
  authorityCode: string,
): Promise<{ id: string; code: string; nameFi: string; nameSv: string } | null> {
  const isParty = sql`EXISTS (SELECT 1 FROM resourcing.cooperation_area_parties p
    WHERE p.cooperation_area_id = cooperation_areas.id
      AND p.organisation_code = ${authorityCode}
      AND p.role = 'employment_authority')`;
  const [row] = await db
    .select({
      id: cooperationAreas.id,
      code: cooperationAreas.code,
      nameFi: cooperationAreas.nameFi,
      nameSv: cooperationAreas.nameSv,
    })
    .from(cooperationAreas)
    .where(
      and(
        eq(cooperationAreas.wellbeingCountyId, countyId),
        sql`(${isParty} OR ${cooperationAreas.isDefault})`,
      ),
    )
    .orderBy(sql`${isParty} DESC`, asc(cooperationAreas.isDefault), asc(cooperationAreas.code))
    .limit(1);
  return row ?? null;
}
