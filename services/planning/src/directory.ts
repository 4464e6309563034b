import type { Queryable } from '@tym/db';
import {
  findAgreementSettings,
  findCallerDirectoryFacts,
  findStaffById,
  findStaffBySubject,
  listStaffAllocations,
} from '@tym/resourcing';

/**
 * The one place this service reads the directory, only through services/resourcing's
 * exported query functions (architecture.md, Data).
 */

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

export async function findAllocatedAreaIds(db: Queryable, staffId: string): Promise<string[]> {
  return (await listStaffAllocations(db, staffId)).map((a) => a.cooperationAreaId);
}

/**
 * Days within which a client's request for a plan review (381/2023 §6) is acted on. The law
 * sets none; the cooperation agreement in force does [practice] — read through the resourcing
 * service, 14 days without an agreement. The only place this service decides the number.
 */
export async function reviewRequestResponseDays(
  db: Queryable,
  cooperationAreaId: string,
  on: string,
): Promise<number> {
  return (await findAgreementSettings(db, cooperationAreaId, on)).reviewRequestResponseDays;
}
