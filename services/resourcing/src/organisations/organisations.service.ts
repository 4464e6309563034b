import type { Database, PartyRole } from '@tym/db';
import { recordEvent } from '@tym/jobs';
import { AppError, type Clock, type Principal } from '@tym/platform';
import { assertCanManageOrganisation } from '../policy.js';
import { OrganisationErrors } from './organisations.errors.js';
import {
  findCountyIdOrganisedBy,
  findEmploymentAreaIdOf,
  findOrganisationAreaRows,
  findOrganisationRow,
  findOrganisationRows,
  type OrganisationAreaRow,
  type OrganisationRow,
  updateOrganisationNames,
} from './organisations.repository.js';

export interface OrganisationDetail extends OrganisationRow {
  employmentAreaId: string | null;
  wellbeingCountyId: string | null;
  cooperationAreas: OrganisationAreaRow[];
}

export async function listOrganisations(
  db: Database,
  filter: { role?: PartyRole },
): Promise<OrganisationRow[]> {
  return findOrganisationRows(db, filter);
}

export async function getOrganisation(db: Database, code: string): Promise<OrganisationDetail> {
  const row = await findOrganisationRow(db, code);
  if (!row) {
    throw new AppError(OrganisationErrors.ORGANISATION_NOT_FOUND, { detail: `No organisation ${code}.` });
  }
  const [cooperationAreas, employmentAreaId, wellbeingCountyId] = await Promise.all([
    findOrganisationAreaRows(db, code),
    findEmploymentAreaIdOf(db, code),
    findCountyIdOrganisedBy(db, code),
  ]);
  return { ...row, cooperationAreas, employmentAreaId, wellbeingCountyId };
}

export interface OrganisationNamesPatch {
  nameFi?: string;
  nameSv?: string;
  nameEn?: string;
}

/** An admin renames their own organisation; `organisation.updated` goes out in the same transaction. */
export async function renameOrganisation(
  deps: { db: Database; clock: Clock },
  principal: Principal,
  code: string,
  patch: OrganisationNamesPatch,
): Promise<OrganisationDetail> {
  assertCanManageOrganisation(principal, code);
  await deps.db.transaction(async (tx) => {
    const current = await findOrganisationRow(tx, code, { forUpdate: true });
    if (!current) {
      throw new AppError(OrganisationErrors.ORGANISATION_NOT_FOUND, { detail: `No organisation ${code}.` });
    }
    const changedFields = (Object.keys(patch) as Array<keyof OrganisationNamesPatch>).filter(
      (k) => patch[k] !== undefined && patch[k] !== current[k],
    );
    // Renaming to the same names writes nothing: no new updated_at, no event.
    if (!changedFields.length) return;
    const now = deps.clock.now();
    await updateOrganisationNames(tx, code, patch, now);
    await recordEvent(tx, {
      type: 'organisation.updated',
      occurredAt: now,
      organisationCodes: [code],
      subjectType: 'organisation',
      subjectId: code,
      actor: { organisation: principal.org, sub: principal.sub },
      payload: { organisationCode: code, changedFields: changedFields.sort() },
    });
  });
  return getOrganisation(deps.db, code);
}
