import type { Queryable } from '@tym/db';
import { decodeCursor, encodeCursor, invalidField, type Principal } from '@tym/platform';
import { isUuid } from '../cooperation-areas/cooperation-areas.service.js';
import {
  type DirectoryCardRow,
  findAreaStaffCardRows,
  findDirectoryCardRows,
} from './staff-directory.repository.js';

/**
 * The staff directory of a caseworker's areas (issue 15): the people of every party
 * allocated to the cooperation areas the caller is allocated to, so a three-party team can
 * be built without passing staff ids around outside the system. A card carries the name,
 * organisation, roles and the allocation to the shared areas — nothing else of the staff
 * register (no e-mail, no token subject).
 */
export interface DirectoryCard {
  id: string;
  displayName: string;
  organisationCode: string;
  roles: string[];
  allocations: Array<{ cooperationAreaId: string; cooperationAreaCode: string; fte: number }>;
}

export interface DirectoryQuery {
  limit?: number;
  cursor?: string;
  cooperationArea?: string;
  organisation?: string;
  q?: string;
}

interface Cursor {
  n: string;
  i: string;
}
const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Cursor).n === 'string' &&
  typeof (v as Cursor).i === 'string' &&
  isUuid((v as Cursor).i);

function toCards(rows: DirectoryCardRow[]): DirectoryCard[] {
  const byId = new Map<string, DirectoryCard>();
  for (const r of rows) {
    const card = byId.get(r.id) ?? {
      id: r.id,
      displayName: r.displayName,
      organisationCode: r.organisationCode,
      roles: r.roles,
      allocations: [],
    };
    card.allocations.push({
      cooperationAreaId: r.cooperationAreaId,
      cooperationAreaCode: r.cooperationAreaCode,
      fte: Number(r.fte),
    });
    byId.set(r.id, card);
  }
  return [...byId.values()];
}

/**
 * Staff allocated to the areas the caller is allocated to. A caller with no allocation (or
 * no staff record) gets an empty list: there is no area whose colleagues they may see.
 */
export async function listDirectory(
  db: Queryable,
  principal: Principal,
  query: DirectoryQuery,
): Promise<{ items: DirectoryCard[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, isCursor);
  if (query.cursor && !after) {
    throw invalidField('VALIDATION_FAILED', 'query.cursor', 'is not a cursor this API issued', 'cursor');
  }
  const rows = await findDirectoryCardRows(
    db,
    { organisationCode: principal.org, subject: principal.sub },
    {
      limit: limit + 1,
      ...(query.cooperationArea ? { cooperationAreaId: query.cooperationArea } : {}),
      ...(query.organisation ? { organisationCode: query.organisation } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(after ? { after: { displayName: after.n, id: after.i } } : {}),
    },
  );
  const cards = toCards(rows);
  const page = cards.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: cards.length > limit && last ? encodeCursor({ n: last.displayName, i: last.id }) : null,
  };
}

/**
 * Active staff of the given organisations allocated to one cooperation area, as directory
 * cards: for the colleagues of a case (services/referrals), which decides who may ask.
 */
export async function findAreaStaffCards(
  db: Queryable,
  cooperationAreaId: string,
  organisationCodes: readonly string[],
): Promise<DirectoryCard[]> {
  return toCards(await findAreaStaffCardRows(db, cooperationAreaId, organisationCodes));
}
