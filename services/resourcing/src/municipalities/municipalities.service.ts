import type { EmploymentAreaModel, EmploymentAreaStatus, MunicipalityLanguage, Queryable } from '@tym/db';
import { AppError } from '@tym/platform';
import { MunicipalityErrors } from './municipalities.errors.js';
import {
  findMunicipalityRows,
  findRoutedCooperationArea,
  findRoutingRow,
  type MunicipalityRow,
} from './municipalities.repository.js';

export interface OrganisationRef {
  code: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

/** Where a client whose home municipality (kotikunta) is `municipality.code` is served. */
export interface MunicipalityRouting {
  municipality: {
    code: string;
    nameFi: string;
    nameSv: string;
    language: MunicipalityLanguage;
    regionFi: string;
  };
  wellbeingCounty: { id: string; nameFi: string; nameSv: string };
  /** The organiser of social and health care: an HVA, or the City of Helsinki. */
  hvaOrganiser: OrganisationRef;
  employmentAuthority: {
    organisation: OrganisationRef;
    employmentArea: { id: string; nameFi: string; model: EmploymentAreaModel; status: EmploymentAreaStatus };
  };
  cooperationArea: { id: string; code: string; nameFi: string; nameSv: string };
}

export async function listMunicipalities(
  db: Queryable,
  filter: { county?: string; language?: MunicipalityLanguage },
): Promise<MunicipalityRow[]> {
  return findMunicipalityRows(db, filter);
}

/**
 * Routes a client by home municipality (domain.md §1: the employment authority and HVA of
 * the kotikunta serve them, 380/2023 §17). Throws `MUNICIPALITY_NOT_FOUND` for an unknown
 * code, `MUNICIPALITY_OUTSIDE_TYM` for Åland (its own legislation, no HVA), and
 * `EMPLOYMENT_AREA_NOT_CONFIGURED` until an administrator adds the municipality's
 * employment area. Other services call this to route referrals.
 */
export async function findMunicipalityRouting(db: Queryable, code: string): Promise<MunicipalityRouting> {
  const row = /^[0-9]{3}$/.test(code) ? await findRoutingRow(db, code) : null;
  if (!row) {
    throw new AppError(MunicipalityErrors.MUNICIPALITY_NOT_FOUND, { detail: `No municipality ${code}.` });
  }
  const municipality = {
    code: row.code,
    nameFi: row.nameFi,
    nameSv: row.nameSv,
    language: row.language,
    regionFi: row.regionFi,
  };
  if (!row.countyId || !row.organiserCode) {
    throw new AppError(MunicipalityErrors.MUNICIPALITY_OUTSIDE_TYM, {
      detail: `${row.nameSv} (${row.code}) is in Åland, which has its own legislation and no wellbeing services county; act 381/2023 does not apply there.`,
      extensions: { municipalityCode: row.code },
    });
  }
  if (!row.areaId || !row.authorityCode) {
    throw new AppError(MunicipalityErrors.EMPLOYMENT_AREA_NOT_CONFIGURED, {
      detail: `${row.nameFi} (${row.code}) belongs to no employment area in this directory yet; an administrator must add its employment area before its clients can be routed.`,
      extensions: { municipalityCode: row.code, wellbeingCountyId: row.countyId },
    });
  }
  const cooperationArea = await findRoutedCooperationArea(db, row.countyId, row.authorityCode);
  if (!cooperationArea) {
    throw new AppError(MunicipalityErrors.COOPERATION_AREA_NOT_CONFIGURED, {
      detail: `The county ${row.countyId} of ${row.nameFi} (${row.code}) has no cooperation area; an administrator must add one.`,
      extensions: { municipalityCode: row.code, wellbeingCountyId: row.countyId },
    });
  }
  return {
    municipality,
    wellbeingCounty: { id: row.countyId, nameFi: row.countyNameFi ?? '', nameSv: row.countyNameSv ?? '' },
    hvaOrganiser: {
      code: row.organiserCode,
      nameFi: row.organiserNameFi ?? '',
      nameSv: row.organiserNameSv ?? '',
      nameEn: row.organiserNameEn ?? '',
    },
    employmentAuthority: {
      organisation: {
        code: row.authorityCode,
        nameFi: row.authorityNameFi ?? '',
        nameSv: row.authorityNameSv ?? '',
        nameEn: row.authorityNameEn ?? '',
      },
      employmentArea: {
        id: row.areaId,
        nameFi: row.areaNameFi ?? '',
        model: row.areaModel ?? 'alone',
        status: row.areaStatus ?? 'administered',
      },
    },
    cooperationArea,
  };
}
