import type { EmploymentAreaModel, EmploymentAreaStatus, MunicipalityLanguage, Queryable } from '@tym/db';
import { type LocalDate, todayInHelsinki } from '@tym/domain';
import { AppError } from '@tym/platform';
import { MunicipalityErrors } from './municipalities.errors.js';
import { findMunicipalityRows, findRoutingRow, type MunicipalityRow } from './municipalities.repository.js';

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
  /** The day the routing is for (Europe/Helsinki). */
  on: string;
  /**
   * Present when the requested municipality had ceased by `on`: it merged into
   * `successorCode`, and the rest of the answer is the successor's routing.
   */
  succession?: { code: string; nameFi: string; nameSv: string; lastDay: string; successorCode: string };
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
 *
 * `on` (default: today in Europe/Helsinki) picks the employment-area membership in force
 * that day; a municipality that had ceased by then routes as its successor (`succession`).
 */
export async function findMunicipalityRouting(
  db: Queryable,
  code: string,
  on: LocalDate = todayInHelsinki(new Date()),
): Promise<MunicipalityRouting> {
  const row = /^[0-9]{3}$/.test(code) ? await findRoutingRow(db, code, on) : null;
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
  // A municipality that had ceased by `on` (Pertunmaa 588 merged into Mäntyharju 507 on
  // 1.1.2025): its residents' home municipality is the successor (kotikuntalaki 201/1994),
  // so the answer is the successor's routing with a note of the merger.
  if (row.validTo && row.successorCode && row.validTo < on) {
    const successor = await findMunicipalityRouting(db, row.successorCode, on);
    return {
      ...successor,
      succession: {
        code: row.code,
        nameFi: row.nameFi,
        nameSv: row.nameSv,
        lastDay: row.validTo,
        successorCode: row.successorCode,
      },
    };
  }
  if (!row.countyId || !row.organiserCode) {
    throw new AppError(MunicipalityErrors.MUNICIPALITY_OUTSIDE_TYM, {
      detail: `${row.nameSv} (${row.code}) is in Åland, which has its own legislation and no wellbeing services county; act 381/2023 does not apply there.`,
      extensions: { municipalityCode: row.code },
    });
  }
  if (!row.areaId || !row.authorityCode) {
    throw new AppError(MunicipalityErrors.EMPLOYMENT_AREA_NOT_CONFIGURED, {
      detail: `${row.nameFi} (${row.code}) belongs to no employment area on ${on} in this directory; an administrator must add its employment area before its clients can be routed.`,
      extensions: { municipalityCode: row.code, wellbeingCountyId: row.countyId, on },
    });
  }
  const { cooperationArea } = row;
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
    on,
  };
}
