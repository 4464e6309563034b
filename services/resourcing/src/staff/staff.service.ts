import type { Database, Queryable } from '@tym/db';
import { recordEvent } from '@tym/jobs';
import {
  AppError,
  type Clock,
  decodeCursor,
  encodeCursor,
  type InvalidField,
  invalidField,
  type Principal,
} from '@tym/platform';
import { isUuid } from '../cooperation-areas/cooperation-areas.service.js';
import { findOrganisationRow } from '../organisations/organisations.repository.js';
import { assertCanListStaff, assertCanManageStaff, directoryPolicy, forbidden } from '../policy.js';
import { evaluateQuotaCrossings } from '../utilisation/utilisation.service.js';
import { StaffErrors } from './staff.errors.js';
import {
  type AllocationRow,
  findAllocationRows,
  findAreasWithParty,
  findScopedStaffRow,
  findStaffCardRows,
  findStaffPage,
  findStaffRowById,
  findStaffRowBySubject,
  insertStaff,
  replaceAllocations,
  type StaffRow,
  updateStaff,
} from './staff.repository.js';

/** A person a party assigns to TYM work. */
export interface Staff {
  id: string;
  organisationCode: string;
  /** The `sub` claim of their tokens. */
  subject: string;
  displayName: string;
  email: string | null;
  roles: string[];
  languages: string[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A share of a staff member's working time in one cooperation area. */
export interface StaffAllocation {
  staffId: string;
  cooperationAreaId: string;
  cooperationAreaCode: string;
  /** Full-time equivalent, 0 < fte ≤ 1, three decimals. */
  fte: number;
  competences: string[];
  /** Languages the person serves clients in within this area. */
  languages: string[];
}

export interface StaffWithAllocations extends Staff {
  allocations: StaffAllocation[];
  totalFte: number;
}

type Deps = { db: Database; clock: Clock };

function toStaff(row: StaffRow): Staff {
  return {
    id: row.id,
    organisationCode: row.organisationCode,
    subject: row.subject,
    displayName: row.displayName,
    email: row.email,
    roles: row.roles,
    languages: row.languages,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toAllocation(row: AllocationRow): StaffAllocation {
  return {
    staffId: row.staffId,
    cooperationAreaId: row.cooperationAreaId,
    cooperationAreaCode: row.cooperationAreaCode,
    fte: Number(row.fte),
    competences: row.competences,
    languages: row.languages,
  };
}

/** Sums FTEs in thousandths, so 0.1 + 0.2 + 0.7 is exactly full time. */
function totalFte(allocations: Array<{ fte: number }>): number {
  return allocations.reduce((sum, a) => sum + Math.round(a.fte * 1000), 0) / 1000;
}

async function withAllocations(db: Queryable, rows: StaffRow[]): Promise<StaffWithAllocations[]> {
  const allocations = (
    await findAllocationRows(
      db,
      rows.map((r) => r.id),
    )
  ).map(toAllocation);
  return rows.map((row) => {
    const own = allocations.filter((a) => a.staffId === row.id);
    return { ...toStaff(row), allocations: own, totalFte: totalFte(own) };
  });
}

async function one(db: Queryable, row: StaffRow): Promise<StaffWithAllocations> {
  const [member] = await withAllocations(db, [row]);
  if (!member) throw new AppError(StaffErrors.STAFF_NOT_FOUND);
  return member;
}

function notFound(id: string): AppError {
  return new AppError(StaffErrors.STAFF_NOT_FOUND, { detail: `No staff member ${id} in your organisation.` });
}

// --- Query functions for other services -------------------------------------------------

/** The staff record of a token's caller (`org`, `sub`), or null if they have none. */
export async function findStaffBySubject(
  db: Queryable,
  organisationCode: string,
  subject: string,
): Promise<Staff | null> {
  const row = await findStaffRowBySubject(db, organisationCode, subject);
  return row ? toStaff(row) : null;
}

/** A staff member by id, whatever the organisation; the caller scopes what it shows. */
export async function findStaffById(db: Queryable, id: string): Promise<Staff | null> {
  if (!isUuid(id)) return null;
  const row = await findStaffRowById(db, id);
  return row ? toStaff(row) : null;
}

export async function listStaffAllocations(db: Queryable, staffId: string): Promise<StaffAllocation[]> {
  if (!isUuid(staffId)) return [];
  return (await findAllocationRows(db, [staffId])).map(toAllocation);
}

// --- Use cases ---------------------------------------------------------------------------

export interface CreateStaff {
  subject: string;
  displayName: string;
  email?: string;
  roles?: string[];
  languages?: string[];
  active?: boolean;
}

export interface UpdateStaff {
  displayName?: string;
  email?: string | null;
  roles?: string[];
  languages?: string[];
  active?: boolean;
}

export interface AllocationInput {
  cooperationAreaId: string;
  fte: number;
  competences?: string[];
  languages?: string[];
}

export async function createStaff(
  deps: Deps,
  principal: Principal,
  input: CreateStaff,
): Promise<StaffWithAllocations> {
  assertCanManageStaff(principal);
  const organisationCode = principal.org;
  return deps.db.transaction(async (tx) => {
    if (!(await findOrganisationRow(tx, organisationCode))) {
      throw forbidden(
        `The organisation ${organisationCode} is not a party in the directory, so it has no staff here.`,
      );
    }
    const now = deps.clock.now();
    const row = await insertStaff(
      tx,
      {
        organisationCode,
        subject: input.subject,
        displayName: input.displayName,
        email: input.email ?? null,
        roles: [...new Set(input.roles ?? [])],
        languages: [...new Set(input.languages ?? [])],
        active: input.active ?? true,
      },
      now,
    );
    if (!row) {
      throw new AppError(StaffErrors.STAFF_SUBJECT_TAKEN, {
        detail: `${organisationCode} already has a staff member with this subject.`,
        errors: [
          { location: 'body.subject', message: 'is already in use in your organisation', rule: 'unique' },
        ],
      });
    }
    await recordEvent(tx, {
      type: 'staff.created',
      occurredAt: now,
      organisationCodes: [organisationCode],
      subjectType: 'staff',
      subjectId: row.id,
      actor: { organisation: principal.org, sub: principal.sub },
      payload: { staffId: row.id, organisationCode },
    });
    return { ...toStaff(row), allocations: [], totalFte: 0 };
  });
}

export interface StaffPage {
  items: StaffWithAllocations[];
  nextCursor: string | null;
}

type Cursor = { n: string; i: string };
const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Cursor).n === 'string' &&
  typeof (v as Cursor).i === 'string' &&
  isUuid((v as Cursor).i);

/** The caller's own organisation's staff (coordinators and admins), by display name. */
export async function listStaff(
  deps: Deps,
  principal: Principal,
  query: { limit?: number; cursor?: string; active?: boolean },
): Promise<StaffPage> {
  assertCanListStaff(principal);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, isCursor);
  if (query.cursor && !after) {
    throw invalidField('VALIDATION_FAILED', 'query.cursor', 'is not a cursor this API issued', 'cursor');
  }
  const rows = await findStaffPage(deps.db, principal.org, {
    limit: limit + 1,
    ...(after ? { after: { displayName: after.n, id: after.i } } : {}),
    ...(query.active !== undefined ? { active: query.active } : {}),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await withAllocations(deps.db, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ n: last.displayName, i: last.id }) : null,
  };
}

/** Coordinators and admins see their organisation's staff; anyone sees their own record. */
export async function getStaff(deps: Deps, principal: Principal, id: string): Promise<StaffWithAllocations> {
  const row = await findScopedStaffRow(deps.db, principal.org, id);
  if (!row || !directoryPolicy.readStaff(principal, row)) throw notFound(id);
  return one(deps.db, row);
}

export async function changeStaff(
  deps: Deps,
  principal: Principal,
  id: string,
  patch: UpdateStaff,
): Promise<StaffWithAllocations> {
  assertCanManageStaff(principal);
  return deps.db.transaction(async (tx) => {
    const current = await findScopedStaffRow(tx, principal.org, id, { forUpdate: true });
    if (!current) throw notFound(id);
    const next = {
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.roles !== undefined ? { roles: [...new Set(patch.roles)] } : {}),
      ...(patch.languages !== undefined ? { languages: [...new Set(patch.languages)] } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    const changedFields = (Object.keys(next) as Array<keyof typeof next>).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
    );
    // A PATCH that changes nothing writes nothing: no new updated_at, no event.
    if (!changedFields.length) return one(tx, current);
    const now = deps.clock.now();
    const row = await updateStaff(tx, principal.org, id, next, now);
    if (!row) throw notFound(id);
    await recordEvent(tx, {
      type: 'staff.updated',
      occurredAt: now,
      organisationCodes: [row.organisationCode],
      subjectType: 'staff',
      subjectId: id,
      actor: { organisation: principal.org, sub: principal.sub },
      payload: { staffId: id, organisationCode: row.organisationCode, changedFields: changedFields.sort() },
    });
    return one(tx, row);
  });
}

/** FTE in thousandths; null when the value has more than three decimals (NUMERIC(4,3)). */
function thousandths(fte: number): number | null {
  const milli = Math.round(fte * 1000);
  return Math.abs(milli - fte * 1000) < 1e-6 ? milli : null;
}

/**
 * Replaces a staff member's allocations (admin of their organisation). The shares may sum
 * to at most one full-time equivalent, and every area must have the organisation as a
 * party (the staff each party assigns, VNA 388/2024 §3(2)). The staff row is locked so
 * two concurrent replacements cannot together exceed full time.
 */
export async function setStaffAllocations(
  deps: Deps,
  principal: Principal,
  id: string,
  input: AllocationInput[],
): Promise<StaffWithAllocations> {
  assertCanManageStaff(principal);
  const invalid: InvalidField[] = [];
  const seen = new Set<string>();
  const rows = input.map((a, i) => {
    if (seen.has(a.cooperationAreaId)) {
      invalid.push({
        location: `body.allocations[${i}].cooperationAreaId`,
        message: 'appears more than once',
        rule: 'unique',
      });
    }
    seen.add(a.cooperationAreaId);
    const milli = thousandths(a.fte);
    if (milli === null) {
      invalid.push({
        location: `body.allocations[${i}].fte`,
        message: 'has more than three decimals',
        rule: 'precision',
      });
    }
    return {
      cooperationAreaId: a.cooperationAreaId,
      milli: milli ?? 0,
      competences: [...new Set(a.competences ?? [])],
      languages: [...new Set(a.languages ?? [])],
    };
  });
  if (invalid.length) {
    throw new AppError('VALIDATION_FAILED', {
      detail: invalid.map((e) => `${e.location} ${e.message}`).join('; '),
      errors: invalid,
    });
  }
  const total = rows.reduce((sum, r) => sum + r.milli, 0);

  return deps.db.transaction(async (tx) => {
    const member = await findScopedStaffRow(tx, principal.org, id, { forUpdate: true });
    if (!member) throw notFound(id);
    if (total > 1000) {
      throw new AppError(StaffErrors.ALLOCATION_EXCEEDS_FULL_TIME, {
        detail: `The allocations sum to ${total / 1000} FTE; one person can give at most 1.0.`,
        errors: [{ location: 'body.allocations', message: 'fte sums to more than 1.0', rule: 'full_time' }],
        extensions: { totalFte: total / 1000 },
      });
    }
    const areas = rows.map((r) => r.cooperationAreaId);
    const party = await findAreasWithParty(tx, member.organisationCode, areas);
    const outside = rows.flatMap((r, i) =>
      party.has(r.cooperationAreaId)
        ? []
        : [
            {
              location: `body.allocations[${i}].cooperationAreaId`,
              message: `${member.organisationCode} is not a party of this cooperation area`,
              rule: 'party',
            },
          ],
    );
    if (outside.length) {
      throw new AppError(StaffErrors.NOT_A_PARTY_OF_AREA, {
        detail: `${member.organisationCode} can assign staff only to cooperation areas it is a party of.`,
        errors: outside,
      });
    }

    const before = (await findAllocationRows(tx, [id])).map(toAllocation);
    const key = (
      list: Array<{ cooperationAreaId: string; milli: number; competences: string[]; languages: string[] }>,
    ) =>
      JSON.stringify(
        list
          .map((a) => [a.cooperationAreaId, a.milli, [...a.competences].sort(), [...a.languages].sort()])
          .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
    const unchanged = key(before.map((a) => ({ ...a, milli: Math.round(a.fte * 1000) }))) === key(rows);
    // Putting the same allocations again is a no-op: no rewrite and no event.
    if (unchanged) return one(tx, member);

    const now = deps.clock.now();
    await replaceAllocations(
      tx,
      id,
      rows.map((r) => ({
        cooperationAreaId: r.cooperationAreaId,
        fte: (r.milli / 1000).toFixed(3),
        competences: r.competences,
        languages: r.languages,
      })),
      now,
    );
    await recordEvent(tx, {
      type: 'staff.allocations_changed',
      occurredAt: now,
      organisationCodes: [member.organisationCode],
      subjectType: 'staff',
      subjectId: id,
      actor: { organisation: principal.org, sub: principal.sub },
      payload: {
        staffId: id,
        organisationCode: member.organisationCode,
        cooperationAreaIds: [...areas].sort(),
        previousCooperationAreaIds: before.map((a) => a.cooperationAreaId).sort(),
      },
    });
    // Allocated FTE changed in these areas: a party may have crossed its commitment.
    for (const areaId of [...new Set([...areas, ...before.map((a) => a.cooperationAreaId)])].sort()) {
      await evaluateQuotaCrossings(tx, areaId, now);
    }
    return one(tx, member);
  });
}

/** What the parties of one case see of each other's team members: nothing else of the register. */
export interface StaffCard {
  id: string;
  displayName: string;
  roles: string[];
  organisation: { code: string; name: { fi: string; sv: string; en: string } };
}

/**
 * Name, roles and organisation of staff members by id, for another service that shows its
 * own rows' staff ids to people entitled to see them (e.g. a case team to the case's
 * parties). Unknown and malformed ids are left out.
 */
export async function findStaffCards(db: Queryable, ids: readonly string[]): Promise<StaffCard[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  return (await findStaffCardRows(db, valid)).map((r) => ({
    id: r.id,
    displayName: r.displayName,
    roles: r.roles,
    organisation: {
      code: r.organisationCode,
      name: { fi: r.organisationNameFi, sv: r.organisationNameSv, en: r.organisationNameEn },
    },
  }));
}
