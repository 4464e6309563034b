import {
  cooperationAreas,
  type EmploymentAreaModel,
  type EmploymentAreaStatus,
  employmentAreaMunicipalities,
  employmentAreas,
  type MunicipalityLanguage,
  municipalities,
  organisations,
  type Queryable,
  wellbeingCounties,
} from '@tym/db';
import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

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
}

/** Routing of one municipality with the employment-area membership in force on `on`. */
export async function findRoutingRow(db: Queryable, code: string, on: string): Promise<RoutingRow | null> {
  const organiser = alias(organisations, 'organiser');
  const authority = alias(organisations, 'authority');
  const [row] = await db
    .select({
      code: municipalities.code,
      nameFi: municipalities.nameFi,
      nameSv: municipalities.nameSv,
      language: municipalities.language,
      regionFi: municipalities.regionFi,
      countyId: wellbeingCounties.id,
      countyNameFi: wellbeingCounties.nameFi,
      countyNameSv: wellbeingCounties.nameSv,
      organiserCode: organiser.code,
      organiserNameFi: organiser.nameFi,
      organiserNameSv: organiser.nameSv,
      organiserNameEn: organiser.nameEn,
      areaId: employmentAreas.id,
      areaNameFi: employmentAreas.nameFi,
      areaModel: employmentAreas.model,
      areaStatus: employmentAreas.status,
      authorityCode: authority.code,
      authorityNameFi: authority.nameFi,
      authorityNameSv: authority.nameSv,
      authorityNameEn: authority.nameEn,
      validTo: municipalities.validTo,
      successorCode: municipalities.successorCode,
    })
    .from(municipalities)
    .leftJoin(wellbeingCounties, eq(wellbeingCounties.id, municipalities.wellbeingCountyId))
    .leftJoin(organiser, eq(organiser.code, wellbeingCounties.organiserCode))
    .leftJoin(
      employmentAreaMunicipalities,
      and(
        eq(employmentAreaMunicipalities.municipalityCode, municipalities.code),
        lte(employmentAreaMunicipalities.validFrom, on),
        or(isNull(employmentAreaMunicipalities.validTo), gte(employmentAreaMunicipalities.validTo, on)),
      ),
    )
    .leftJoin(employmentAreas, eq(employmentAreas.id, employmentAreaMunicipalities.employmentAreaId))
    .leftJoin(authority, eq(authority.code, employmentAreas.organisationCode))
    .where(eq(municipalities.code, code));
  return row ?? null;
}

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
