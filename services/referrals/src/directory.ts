import type { PartyRole, Queryable } from '@tym/db';
import { AppError } from '@tym/platform';
import {
  type DirectoryCard,
  findAgreementSettings,
  findAreaStaffCards,
  findCallerDirectoryFacts,
  findCooperationAreaParties,
  findMunicipalityRouting,
  findStaffById,
  findStaffBySubject,
  findStaffCards,
  listStaffAllocations,
  type MunicipalityRouting,
  type Staff,
  type StaffCard,
} from '@tym/resourcing';
import { ClientErrors } from './clients/clients.errors.js';

/**
 * The one place this service reads the directory, and only through services/resourcing's
 * exported query functions (architecture.md, Data). Each function takes the database or the
 * caller's transaction.
 */

/**
 * Routes a home municipality by the reference data in force on `on` (the service's today);
 * the directory's errors gain the location of the field. The result is stored on the
 * referral and its case and never recomputed, so later reference data changes only new
 * referrals.
 */
export async function routeHomeMunicipality(
  db: Queryable,
  code: string,
  location: string,
  on: string,
): Promise<MunicipalityRouting> {
  try {
    return await findMunicipalityRouting(db, code, on);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'MUNICIPALITY_NOT_FOUND') {
      throw new AppError(ClientErrors.CLIENT_MUNICIPALITY_UNKNOWN, {
        detail: `No municipality has the code ${code}.`,
        errors: [{ location, message: 'is not a municipality code', rule: 'municipality' }],
      });
    }
    // MUNICIPALITY_OUTSIDE_TYM (Åland), EMPLOYMENT_AREA_NOT_CONFIGURED,
    // COOPERATION_AREA_NOT_CONFIGURED: keep the directory's specific code.
    throw new AppError(err.code, {
      ...(err.detail ? { detail: err.detail } : {}),
      ...(err.extensions ? { extensions: err.extensions } : {}),
      errors: [{ location, message: err.detail ?? err.code, rule: 'routing' }],
    });
  }
}

/** The routing of a municipality on record, or null when it no longer routes anywhere. */
export async function findRoutingOrNull(
  db: Queryable,
  code: string,
  on: string,
): Promise<MunicipalityRouting | null> {
  try {
    return await findMunicipalityRouting(db, code, on);
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

export interface AreaParty {
  organisationCode: string;
  roles: PartyRole[];
}

/** The parties of a cooperation area, one entry per organisation (Helsinki holds two roles). */
export async function findAreaParties(db: Queryable, cooperationAreaId: string): Promise<AreaParty[]> {
  const rows = await findCooperationAreaParties(db, cooperationAreaId);
  const byOrganisation = new Map<string, AreaParty>();
  for (const row of rows) {
    const entry = byOrganisation.get(row.organisationCode) ?? {
      organisationCode: row.organisationCode,
      roles: [],
    };
    if (!entry.roles.includes(row.role)) entry.roles.push(row.role);
    byOrganisation.set(row.organisationCode, entry);
  }
  return [...byOrganisation.values()].sort((a, b) => a.organisationCode.localeCompare(b.organisationCode));
}

/**
 * Days the parties have to accept or decline a referral in this cooperation area.
 *
 * The response time is a setting of the cooperation agreement in force on `on`
 * [practice; 381/2023 §3 sets none], read through the resourcing service; 14 days when no
 * agreement is in force. The only place this service decides the number.
 */
export async function referralResponseDays(
  db: Queryable,
  cooperationAreaId: string,
  on: string,
): Promise<number> {
  return (await findAgreementSettings(db, cooperationAreaId, on)).referralResponseDays;
}

/** Days to act on a client's review request (381/2023 §6): the agreement's setting, else 14. */
export async function reviewRequestResponseDays(
  db: Queryable,
  cooperationAreaId: string,
  on: string,
): Promise<number> {
  return (await findAgreementSettings(db, cooperationAreaId, on)).reviewRequestResponseDays;
}

export type StaffMember = Staff;
export type { DirectoryCard };

/** The caller's active staff record and allocated areas, in one statement. */
export async function findCallerFacts(db: Queryable, organisationCode: string, subject: string) {
  return findCallerDirectoryFacts(db, organisationCode, subject);
}

export async function findCallerStaff(db: Queryable, organisationCode: string, subject: string) {
  return findStaffBySubject(db, organisationCode, subject);
}

export async function findStaffMember(db: Queryable, id: string) {
  return findStaffById(db, id);
}

/** The cooperation areas a staff member is allocated to (their share of working time there). */
export async function findAllocatedAreaIds(db: Queryable, staffId: string): Promise<string[]> {
  return (await listStaffAllocations(db, staffId)).map((a) => a.cooperationAreaId);
}

/**
 * Names, roles and organisations of staff members by id, for showing a case team to the
 * case's parties (nothing else of the staff register).
 */
export async function findStaffCardsById(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, StaffCard>> {
  return new Map((await findStaffCards(db, ids)).map((c) => [c.id, c]));
}

/**
 * Active staff of the given organisations allocated to a cooperation area, as directory
 * cards (name, organisation, roles, allocation to the area): the colleagues a case's team
 * is built from.
 */
export async function findAreaColleagues(
  db: Queryable,
  cooperationAreaId: string,
  organisationCodes: readonly string[],
): Promise<DirectoryCard[]> {
  return findAreaStaffCards(db, cooperationAreaId, organisationCodes);
}
