import type { Database, EmploymentAreaModel, OrganisationKind, Transaction } from '@tym/db';
import { type Actor, recordEvent } from '@tym/jobs';
import { AppError, type Clock, type InvalidField, type Principal } from '@tym/platform';
import {
  type CooperationAreaParty,
  ensureDefaultAreaParties,
  findPartyRows,
} from '../cooperation-areas/cooperation-areas.repository.js';
import { MunicipalityErrors } from '../municipalities/municipalities.errors.js';
import type { OrganisationRef } from '../municipalities/municipalities.service.js';
import { OrganisationErrors } from '../organisations/organisations.errors.js';
import {
  findOrganisationRow,
  insertOrganisationIfMissing,
  insertOrganisationRoleIfMissing,
} from '../organisations/organisations.repository.js';
import { assertCanManageEmploymentArea } from '../policy.js';
import { employmentAreaOrganisationCode } from '../reference-data/reference-data.js';
import { EmploymentAreaErrors } from './employment-areas.errors.js';
import {
  deleteMembers,
  type EmploymentAreaListRow,
  findEmploymentAreaRow,
  findEmploymentAreaRows,
  findMemberRows,
  findMemberships,
  findMunicipalitiesByCode,
  insertEmploymentArea,
  insertMembers,
  type MemberRow,
  updateEmploymentArea,
} from './employment-areas.repository.js';

export interface EmploymentAreaDetail extends EmploymentAreaListRow {
  organisation: OrganisationRef;
  members: MemberRow[];
}

export interface CreateEmploymentArea {
  id: string;
  nameFi: string;
  nameProvisional?: boolean;
  model: EmploymentAreaModel;
  hostMunicipalityCode?: string;
  municipalityCodes: string[];
  organisation?: { nameFi: string; nameSv: string; nameEn: string };
}

export interface UpdateEmploymentArea {
  nameFi?: string;
  nameProvisional?: boolean;
  model?: EmploymentAreaModel;
  hostMunicipalityCode?: string | null;
  municipalityCodes?: string[];
}

type Deps = { db: Database; clock: Clock };

const KIND_OF_MODEL: Record<EmploymentAreaModel, OrganisationKind> = {
  alone: 'municipality',
  host_municipality: 'employment_area',
  joint_authority: 'joint_municipal_authority',
};

export async function listEmploymentAreas(db: Database): Promise<EmploymentAreaListRow[]> {
  return findEmploymentAreaRows(db);
}

export async function getEmploymentArea(
  db: Database | Transaction,
  id: string,
): Promise<EmploymentAreaDetail> {
  const [row] = await findEmploymentAreaRows(db, { ids: [id] });
  if (!row) throw notFound(id);
  // Sequential: `db` may be a transaction (one connection, one query at a time).
  const organisation = await findOrganisationRow(db, row.organisationCode);
  const members = await findMemberRows(db, id);
  if (!organisation) throw new AppError(OrganisationErrors.ORGANISATION_NOT_FOUND);
  const { code, nameFi, nameSv, nameEn } = organisation;
  return { ...row, organisation: { code, nameFi, nameSv, nameEn }, members };
}

function notFound(id: string): AppError {
  return new AppError(EmploymentAreaErrors.EMPLOYMENT_AREA_NOT_FOUND, {
    detail: `No employment area ${id}.`,
  });
}

/**
 * Members must be known municipalities of mainland Finland: Åland has no HVA and is outside
 * 381/2023. Errors name each offending entry by its place in the body.
 */
async function checkMunicipalities(tx: Transaction, codes: string[]): Promise<Map<string, string>> {
  const found = new Map(
    (await findMunicipalitiesByCode(tx, codes)).map((m) => [m.code, m.wellbeingCountyId] as const),
  );
  const unknown: InvalidField[] = [];
  const aland: InvalidField[] = [];
  codes.forEach((code, i) => {
    const location = `body.municipalityCodes[${i}]`;
    if (!found.has(code))
      unknown.push({ location, message: `no municipality ${code}`, rule: 'municipality' });
    else if (found.get(code) === null) {
      aland.push({ location, message: `${code} is in Åland, outside TYM`, rule: 'mainland' });
    }
  });
  if (unknown.length) {
    throw new AppError(EmploymentAreaErrors.MUNICIPALITY_UNKNOWN, {
      detail: `Unknown municipality codes: ${codes.filter((c) => !found.has(c)).join(', ')}.`,
      errors: unknown,
    });
  }
  if (aland.length) {
    throw new AppError(MunicipalityErrors.MUNICIPALITY_OUTSIDE_TYM, {
      detail: 'Åland municipalities cannot join an employment area: act 381/2023 does not apply in Åland.',
      errors: aland,
    });
  }
  return new Map([...found].map(([code, county]) => [code, county ?? '']));
}

function checkHost(host: string | null | undefined, members: string[]): void {
  if (host && !members.includes(host)) {
    throw new AppError(EmploymentAreaErrors.HOST_MUNICIPALITY_NOT_MEMBER, {
      detail: `The host municipality ${host} must be one of the area's municipalities.`,
      errors: [
        { location: 'body.hostMunicipalityCode', message: 'is not a member of the area', rule: 'member' },
      ],
    });
  }
}

/** Adds members; if another area holds some, nothing is written and the conflicts are named. */
async function addMembers(tx: Transaction, areaId: string, codes: string[], all: string[]): Promise<void> {
  const added = new Set(await insertMembers(tx, areaId, codes));
  const missing = codes.filter((c) => !added.has(c));
  if (!missing.length) return;
  const held = (await findMemberships(tx, missing)).sort(
    (a, b) => all.indexOf(a.municipalityCode) - all.indexOf(b.municipalityCode),
  );
  throw new AppError(EmploymentAreaErrors.MUNICIPALITY_ALREADY_IN_AREA, {
    detail: held.map((h) => `${h.municipalityCode} belongs to ${h.employmentAreaId}`).join('; '),
    errors: held.map((h) => ({
      location: `body.municipalityCodes[${all.indexOf(h.municipalityCode)}]`,
      message: `already belongs to the employment area ${h.employmentAreaId}`,
      rule: 'one_area_per_municipality',
    })),
    extensions: { conflicts: held },
  });
}

/** Joins the area's authority to its counties' default cooperation areas; an event per area changed. */
async function joinDefaultCooperationAreas(
  tx: Transaction,
  areaId: string,
  now: Date,
  actor: Actor,
): Promise<void> {
  const added = await ensureDefaultAreaParties(tx, { employmentAreaId: areaId });
  const byArea = new Map<string, CooperationAreaParty[]>();
  for (const p of added) byArea.set(p.cooperationAreaId, [...(byArea.get(p.cooperationAreaId) ?? []), p]);
  for (const [cooperationAreaId, parties] of byArea) {
    const all = await findPartyRows(tx, [cooperationAreaId]);
    await recordEvent(tx, {
      type: 'cooperation_area.parties_added',
      occurredAt: now,
      organisationCodes: all.map((p) => p.organisationCode),
      cooperationAreaId,
      subjectType: 'cooperation_area',
      subjectId: cooperationAreaId,
      actor,
      payload: {
        cooperationAreaId,
        parties: parties.map((p) => ({ organisationCode: p.organisationCode, role: p.role })),
      },
    });
  }
}

/**
 * Creates an employment area with its members (admin of `ea-<id>`). The employment
 * authority organisation is created if missing and given the employment_authority role, and
 * it joins the default cooperation area of every county its municipalities are in.
 */
export async function createEmploymentArea(
  deps: Deps,
  principal: Principal,
  input: CreateEmploymentArea,
): Promise<EmploymentAreaDetail> {
  const organisationCode = employmentAreaOrganisationCode(input.id);
  assertCanManageEmploymentArea(principal, organisationCode);
  checkHost(input.hostMunicipalityCode, input.municipalityCodes);
  const actor = { organisation: principal.org, sub: principal.sub };
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    if (await findEmploymentAreaRow(tx, input.id)) {
      throw new AppError(EmploymentAreaErrors.EMPLOYMENT_AREA_EXISTS, {
        detail: `The employment area ${input.id} exists; change it with PATCH.`,
      });
    }
    const counties = await checkMunicipalities(tx, input.municipalityCodes);

    const names = input.organisation ?? { nameFi: input.nameFi, nameSv: input.nameFi, nameEn: input.nameFi };
    const kind = KIND_OF_MODEL[input.model];
    if (await insertOrganisationIfMissing(tx, { code: organisationCode, ...names, kind }, now)) {
      await insertOrganisationRoleIfMissing(tx, organisationCode, 'employment_authority');
      await recordEvent(tx, {
        type: 'organisation.created',
        occurredAt: now,
        organisationCodes: [organisationCode],
        subjectType: 'organisation',
        subjectId: organisationCode,
        actor,
        payload: { organisationCode, roles: ['employment_authority'] },
      });
    } else if (await insertOrganisationRoleIfMissing(tx, organisationCode, 'employment_authority')) {
      await recordEvent(tx, {
        type: 'organisation.updated',
        occurredAt: now,
        organisationCodes: [organisationCode],
        subjectType: 'organisation',
        subjectId: organisationCode,
        actor,
        payload: { organisationCode, addedRoles: ['employment_authority'] },
      });
    }

    const created = await insertEmploymentArea(
      tx,
      {
        id: input.id,
        nameFi: input.nameFi,
        nameProvisional: input.nameProvisional ?? false,
        model: input.model,
        hostMunicipalityCode: input.hostMunicipalityCode ?? null,
        status: 'administered',
        organisationCode,
      },
      now,
    );
    if (!created) {
      throw new AppError(EmploymentAreaErrors.EMPLOYMENT_AREA_EXISTS, {
        detail: `The employment area ${input.id} exists; change it with PATCH.`,
      });
    }
    await addMembers(tx, input.id, input.municipalityCodes, input.municipalityCodes);
    await joinDefaultCooperationAreas(tx, input.id, now, actor);
    const countyIds = [...new Set(counties.values())].sort();
    await recordEvent(tx, {
      type: 'employment_area.created',
      occurredAt: now,
      organisationCodes: [organisationCode],
      subjectType: 'employment_area',
      subjectId: input.id,
      actor,
      payload: {
        employmentAreaId: input.id,
        organisationCode,
        municipalityCodes: [...input.municipalityCodes].sort(),
        wellbeingCountyIds: countyIds,
      },
    });
    return getEmploymentArea(tx, input.id);
  });
}

/**
 * Changes an area (admin of its employment authority). `municipalityCodes` replaces the
 * members: municipalities left out are removed (their clients route nowhere until another
 * area takes them), new ones join. The authority stays a party of cooperation areas it
 * already belongs to: cases and allocations may depend on them.
 */
export async function changeEmploymentArea(
  deps: Deps,
  principal: Principal,
  id: string,
  patch: UpdateEmploymentArea,
): Promise<EmploymentAreaDetail> {
  const actor = { organisation: principal.org, sub: principal.sub };
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const area = await findEmploymentAreaRow(tx, id, { forUpdate: true });
    if (!area) throw notFound(id);
    assertCanManageEmploymentArea(principal, area.organisationCode);

    const current = (await findMemberRows(tx, id)).map((m) => m.code);
    const members = patch.municipalityCodes ?? current;
    const host =
      patch.hostMunicipalityCode !== undefined ? patch.hostMunicipalityCode : area.hostMunicipalityCode;
    let added: string[] = [];
    let removed: string[] = [];
    if (patch.municipalityCodes) {
      await checkMunicipalities(tx, patch.municipalityCodes);
      added = patch.municipalityCodes.filter((c) => !current.includes(c));
      removed = current.filter((c) => !patch.municipalityCodes?.includes(c));
    }
    checkHost(host, members);
    await deleteMembers(tx, id, removed);
    await addMembers(tx, id, added, members);

    const { municipalityCodes: _members, ...fields } = patch;
    const changedFields = [
      ...(Object.keys(fields) as Array<keyof typeof fields>).filter((k) => fields[k] !== area[k]),
      ...(added.length || removed.length ? ['municipalityCodes'] : []),
    ].sort();
    // A PATCH that changes nothing writes nothing: no new updated_at, no event.
    if (!changedFields.length) return getEmploymentArea(tx, id);
    await updateEmploymentArea(
      tx,
      id,
      { ...fields, ...(added.length || removed.length ? { status: 'administered' as const } : {}) },
      now,
    );
    if (added.length) await joinDefaultCooperationAreas(tx, id, now, actor);
    await recordEvent(tx, {
      type: 'employment_area.updated',
      occurredAt: now,
      organisationCodes: [area.organisationCode],
      subjectType: 'employment_area',
      subjectId: id,
      actor,
      payload: {
        employmentAreaId: id,
        organisationCode: area.organisationCode,
        changedFields,
        addedMunicipalityCodes: added.sort(),
        removedMunicipalityCodes: removed.sort(),
      },
    });
    return getEmploymentArea(tx, id);
  });
}
