import type { PartyRole, Queryable } from '@tym/db';
import { AppError } from '@tym/platform';
import type { OrganisationRef } from '../municipalities/municipalities.service.js';
import { CooperationAreaErrors } from './cooperation-areas.errors.js';
import {
  type CooperationAreaParty,
  type CooperationAreaRow,
  findCooperationAreaRow,
  findCooperationAreaRows,
  findPartyRows,
} from './cooperation-areas.repository.js';

export interface CooperationArea {
  id: string;
  code: string;
  nameFi: string;
  nameSv: string;
  wellbeingCountyId: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface CooperationAreaWithParties extends CooperationArea {
  parties: Array<{ organisation: OrganisationRef; roles: PartyRole[] }>;
}

function toArea(row: CooperationAreaRow): CooperationArea {
  return {
    id: row.id,
    code: row.code,
    nameFi: row.nameFi,
    nameSv: row.nameSv,
    wellbeingCountyId: row.wellbeingCountyId,
    isDefault: row.isDefault,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A cooperation area by id, or null. For other services (referrals route to one). */
export async function findCooperationArea(db: Queryable, id: string): Promise<CooperationArea | null> {
  if (!isUuid(id)) return null;
  const row = await findCooperationAreaRow(db, id);
  return row ? toArea(row) : null;
}

/** Who takes part in a cooperation area and in which role; an organisation may appear twice (Helsinki). */
export async function findCooperationAreaParties(
  db: Queryable,
  areaId: string,
): Promise<CooperationAreaParty[]> {
  if (!isUuid(areaId)) return [];
  return (await findPartyRows(db, [areaId])).map(({ cooperationAreaId, organisationCode, role }) => ({
    cooperationAreaId,
    organisationCode,
    role,
  }));
}

async function withParties(db: Queryable, rows: CooperationAreaRow[]): Promise<CooperationAreaWithParties[]> {
  const parties = await findPartyRows(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const byOrganisation = new Map<string, { organisation: OrganisationRef; roles: PartyRole[] }>();
    for (const p of parties.filter((q) => q.cooperationAreaId === row.id)) {
      const entry = byOrganisation.get(p.organisationCode) ?? {
        organisation: { code: p.organisationCode, nameFi: p.nameFi, nameSv: p.nameSv, nameEn: p.nameEn },
        roles: [],
      };
      entry.roles.push(p.role);
      byOrganisation.set(p.organisationCode, entry);
    }
    return { ...toArea(row), parties: [...byOrganisation.values()] };
  });
}

export async function listCooperationAreas(db: Queryable): Promise<CooperationAreaWithParties[]> {
  return withParties(db, await findCooperationAreaRows(db));
}

export async function getCooperationArea(db: Queryable, id: string): Promise<CooperationAreaWithParties> {
  const row = await findCooperationAreaRow(db, id);
  if (!row) {
    throw new AppError(CooperationAreaErrors.COOPERATION_AREA_NOT_FOUND, {
      detail: `No cooperation area ${id}.`,
    });
  }
  const [area] = await withParties(db, [row]);
  if (!area) throw new AppError(CooperationAreaErrors.COOPERATION_AREA_NOT_FOUND);
  return area;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
