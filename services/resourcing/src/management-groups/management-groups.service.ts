import type { Database, PartyRole, Queryable } from '@tym/db';
import { managementGroupTermEndsOn } from '@tym/domain';
import { recordEvent, setDeadline } from '@tym/jobs';
import { AppError, type Clock, hasRole, type InvalidField, type Principal } from '@tym/platform';
import { findAreaAccessFacts, findReadableAreaIds } from '../area-access/area-access.repository.js';
import {
  type CooperationAreaRow,
  findCooperationAreaRow,
  findPartyRows,
} from '../cooperation-areas/cooperation-areas.repository.js';
import { isUuid } from '../cooperation-areas/cooperation-areas.service.js';
import { assertAdmin, forbidden, governancePolicy } from '../policy.js';
import { ManagementGroupErrors } from './management-groups.errors.js';
import {
  findConflictingGroups,
  findGroupRow,
  findGroupRowsByAreas,
  findMemberRows,
  findStaffIdsOfOrganisation,
  findTargetRows,
  insertGroup,
  type ManagementGroupRow,
  type MemberRow,
  type NewMember,
  replaceMembers,
  replaceTargets,
  type TargetRow,
  updateGroup,
} from './management-groups.repository.js';
import {
  checkComposition,
  leadingPersonTermViolations,
  mayNameLeadingPerson,
} from './management-groups.rules.js';

type Deps = { db: Database; clock: Clock };

export interface MemberInput {
  organisationCode: string;
  position: 'chair' | 'vice_chair' | 'member';
  name: string;
  title?: string;
  staffId?: string;
  deputy: { name: string; title?: string; staffId?: string };
}

export interface LeadingPersonInput {
  name: string;
  deputyName: string;
  approvedOn: string;
  /** The end of their term; at most the group's (VNA 388/2024 §4), which is the default. */
  termEndOn?: string;
}

export interface CreateGroupInput {
  cooperationAreaId: string;
  termStartOn: string;
  members: MemberInput[];
  leadingPerson?: LeadingPersonInput;
}

export interface PatchGroupInput {
  termStartOn?: string;
  members?: MemberInput[];
  leadingPerson?: LeadingPersonInput | null;
}

export interface TargetInput {
  indicator: string;
  label: string;
  targetValue: number;
  unit: string;
}

export interface ManagementGroup {
  row: ManagementGroupRow;
  members: MemberRow[];
  targets: TargetRow[];
}

function notFound(id: string): AppError {
  return new AppError(ManagementGroupErrors.MANAGEMENT_GROUP_NOT_FOUND, {
    detail: `No management group ${id}.`,
  });
}

function partiesByOrganisation(rows: Array<{ organisationCode: string; role: PartyRole }>) {
  const parties = new Map<string, PartyRole[]>();
  for (const r of rows) parties.set(r.organisationCode, [...(parties.get(r.organisationCode) ?? []), r.role]);
  return parties;
}

async function load(db: Queryable, rows: ManagementGroupRow[]): Promise<ManagementGroup[]> {
  const ids = rows.map((r) => r.id);
  // Sequential: `db` may be a transaction (one connection, one query at a time).
  const members = await findMemberRows(db, ids);
  const targets = await findTargetRows(db, ids);
  return rows.map((row) => ({
    row,
    members: members.filter((m) => m.managementGroupId === row.id),
    targets: targets.filter((t) => t.managementGroupId === row.id),
  }));
}

async function one(db: Queryable, row: ManagementGroupRow): Promise<ManagementGroup> {
  const [group] = await load(db, [row]);
  if (!group) throw notFound(row.id);
  return group;
}

function toNewMembers(input: MemberInput[]): NewMember[] {
  const ordinals = new Map<string, number>();
  return input.map((m) => {
    const ordinal = ordinals.get(m.organisationCode) ?? 0;
    ordinals.set(m.organisationCode, ordinal + 1);
    return {
      organisationCode: m.organisationCode,
      position: m.position,
      ordinal,
      name: m.name,
      title: m.title ?? null,
      staffId: m.staffId ?? null,
      deputyName: m.deputy.name,
      deputyTitle: m.deputy.title ?? null,
      deputyStaffId: m.deputy.staffId ?? null,
    };
  });
}

/** Staff records named for members must be staff of the member's own organisation. */
async function checkMemberStaff(db: Queryable, members: MemberInput[], location: string): Promise<void> {
  const errors: InvalidField[] = [];
  for (const [i, m] of members.entries()) {
    const ids = [m.staffId, m.deputy.staffId].filter((id): id is string => Boolean(id));
    const known = await findStaffIdsOfOrganisation(db, m.organisationCode, ids);
    if (m.staffId && !known.has(m.staffId)) {
      errors.push({
        location: `${location}[${i}].staffId`,
        message: `is not staff of ${m.organisationCode}`,
        rule: 'staff',
      });
    }
    if (m.deputy.staffId && !known.has(m.deputy.staffId)) {
      errors.push({
        location: `${location}[${i}].deputy.staffId`,
        message: `is not staff of ${m.organisationCode}`,
        rule: 'staff',
      });
    }
  }
  if (errors.length) {
    throw new AppError(ManagementGroupErrors.MANAGEMENT_GROUP_MEMBER_STAFF_UNKNOWN, {
      detail: 'A member’s staff record must belong to the member’s organisation.',
      errors,
    });
  }
}

function checkComposed(
  members: Array<{ organisationCode: string; position: MemberInput['position'] }>,
  locations: string[],
  parties: Map<string, PartyRole[]>,
  employmentAuthorityCode: string,
): void {
  const violation = checkComposition(
    members.map((m, i) => ({ ...m, location: locations[i] ?? 'body.members' })),
    parties,
    employmentAuthorityCode,
  );
  if (violation) {
    throw new AppError(violation.code, {
      detail: violation.detail,
      errors: violation.errors,
      ...(violation.extensions ? { extensions: violation.extensions } : {}),
    });
  }
}

/**
 * The leading person is approved during the group's term and named for at most that term
 * (VNA 388/2024 §4, `leadingPersonTermViolations`). Returns the term end to store.
 */
function checkLeadingPerson(
  leading: LeadingPersonInput | null | undefined,
  term: { termStartOn: string; termEndOn: string },
): string | null {
  if (!leading) return null;
  const termEndOn = leading.termEndOn ?? term.termEndOn;
  const errors = leadingPersonTermViolations({ approvedOn: leading.approvedOn, termEndOn }, term);
  if (errors.length) {
    const onTerm = errors.some((e) => e.location.endsWith('.termEndOn'));
    throw new AppError(
      onTerm
        ? ManagementGroupErrors.MANAGEMENT_GROUP_LEADING_PERSON_TERM_INVALID
        : ManagementGroupErrors.MANAGEMENT_GROUP_DATES_OUT_OF_ORDER,
      {
        detail: `The group approves its leading person during its term (${term.termStartOn}–${term.termEndOn}) and names them for at most that term (VNA 388/2024 §4).`,
        errors,
      },
    );
  }
  return termEndOn;
}

async function setTermDeadline(
  tx: Queryable,
  row: ManagementGroupRow,
  parties: string[],
  principal: Principal,
  now: Date,
): Promise<void> {
  await setDeadline(
    tx,
    {
      kind: 'management_group.term',
      subjectType: 'management_group',
      subjectId: row.id,
      cooperationAreaId: row.cooperationAreaId,
      organisationCodes: parties,
    },
    managementGroupTermEndsOn(row.termStartOn),
    { now, actor: { organisation: principal.org, sub: principal.sub } },
  );
}

// --- Use cases ---------------------------------------------------------------------------

/**
 * An employment authority sets up a management group for a cooperation area it is a party
 * of, for a 5-year term (381/2023 §9, VNA 388/2024 §1). The term's end is a deadline row of
 * kind `management_group.term`.
 */
export async function createManagementGroup(
  deps: Deps,
  principal: Principal,
  input: CreateGroupInput,
): Promise<ManagementGroup> {
  assertAdmin(principal, 'set up a management group');
  return deps.db.transaction(async (tx) => {
    const area: CooperationAreaRow | null = await findCooperationAreaRow(tx, input.cooperationAreaId);
    const parties = partiesByOrganisation(area ? await findPartyRows(tx, [area.id]) : []);
    if (!area || !parties.has(principal.org)) {
      throw new AppError('NOT_A_PARTY_OF_AREA', {
        detail: `${principal.org} is not a party of the cooperation area ${input.cooperationAreaId}.`,
        errors: [
          {
            location: 'body.cooperationAreaId',
            message: `${principal.org} is not a party of it`,
            rule: 'party',
          },
        ],
      });
    }
    if (!parties.get(principal.org)?.includes('employment_authority')) {
      throw new AppError(ManagementGroupErrors.MANAGEMENT_GROUP_NOT_EMPLOYMENT_AUTHORITY, {
        detail: `An employment authority sets the group up (381/2023 §9); ${principal.org} is not one in this area.`,
        errors: [
          {
            location: 'body.cooperationAreaId',
            message: `${principal.org} is not its employment authority`,
            rule: 'role',
          },
        ],
      });
    }
    checkComposed(
      input.members,
      input.members.map((_, i) => `body.members[${i}]`),
      parties,
      principal.org,
    );
    await checkMemberStaff(tx, input.members, 'body.members');

    const now = deps.clock.now();
    const term = managementGroupTermEndsOn(input.termStartOn);
    // The setting-up employment authority names the leading person (VNA 388/2024 §4).
    const leadingTermEndOn = checkLeadingPerson(input.leadingPerson, {
      termStartOn: input.termStartOn,
      termEndOn: term.dueOn,
    });
    const row = await insertGroup(tx, {
      cooperationAreaId: area.id,
      wellbeingCountyId: area.wellbeingCountyId,
      employmentAuthorityCode: principal.org,
      termStartOn: input.termStartOn,
      termEndOn: term.dueOn,
      leadingPersonName: input.leadingPerson?.name ?? null,
      leadingPersonDeputyName: input.leadingPerson?.deputyName ?? null,
      leadingPersonsApprovedOn: input.leadingPerson?.approvedOn ?? null,
      leadingPersonTermEndOn: leadingTermEndOn,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) {
      const existing = await findConflictingGroups(tx, area.id, area.wellbeingCountyId, principal.org);
      throw new AppError(ManagementGroupErrors.MANAGEMENT_GROUP_LIMIT_EXCEEDED, {
        detail:
          'Within one HVA area there is at most one management group per employment authority, and a ' +
          'cooperation area has one group (381/2023 §9, VNA 388/2024 §1).',
        errors: [
          {
            location: 'body.cooperationAreaId',
            message: 'already has a management group',
            rule: 'one_group',
          },
        ],
        extensions: { existingManagementGroupIds: existing.map((g) => g.id) },
      });
    }
    await replaceMembers(tx, row.id, null, toNewMembers(input.members));
    const partyCodes = [...parties.keys()];
    await setTermDeadline(tx, row, partyCodes, principal, now);
    await recordEvent(tx, {
      type: 'management_group.created',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: area.id,
      subjectType: 'management_group',
      subjectId: row.id,
      actor: { organisation: principal.org, sub: principal.sub },
      payload: {
        managementGroupId: row.id,
        cooperationAreaId: area.id,
        employmentAuthorityCode: principal.org,
        termStartOn: row.termStartOn,
        termEndOn: row.termEndOn,
      },
    });
    return one(tx, row);
  });
}

/** A group the caller may read, or 404. */
async function readableGroup(db: Queryable, principal: Principal, id: string): Promise<ManagementGroupRow> {
  const row = isUuid(id) ? await findGroupRow(db, id) : null;
  if (!row) throw notFound(id);
  const facts = await findAreaAccessFacts(db, row.cooperationAreaId, principal.org, principal.sub);
  if (!governancePolicy.readGovernance(principal, facts)) throw notFound(id);
  return row;
}

export async function getManagementGroup(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<ManagementGroup> {
  return one(deps.db, await readableGroup(deps.db, principal, id));
}

export async function listManagementGroups(
  deps: Deps,
  principal: Principal,
  query: { cooperationAreaId?: string },
): Promise<ManagementGroup[]> {
  const areaIds = await findReadableAreaIds(
    deps.db,
    principal.org,
    principal.sub,
    hasRole(principal, 'coordinator', 'admin'),
  );
  const wanted = query.cooperationAreaId ? areaIds.filter((a) => a === query.cooperationAreaId) : areaIds;
  return load(deps.db, await findGroupRowsByAreas(deps.db, wanted));
}

/**
 * Changes a group (admin of a party of its area). Each party names its own members: the
 * `members` list replaces the caller's organisation's members only. The term is the setting
 * up employment authority's to change, and so is the leading person: that authority names
 * them once the group has approved them, for at most the group's term (VNA 388/2024 §4).
 */
export async function changeManagementGroup(
  deps: Deps,
  principal: Principal,
  id: string,
  patch: PatchGroupInput,
): Promise<ManagementGroup> {
  assertAdmin(principal, 'change a management group');
  return deps.db.transaction(async (tx) => {
    const current = isUuid(id) ? await findGroupRow(tx, id, { forUpdate: true }) : null;
    if (!current) throw notFound(id);
    const facts = await findAreaAccessFacts(tx, current.cooperationAreaId, principal.org, principal.sub);
    if (!governancePolicy.manageGovernance(principal, facts)) throw notFound(id);
    if (patch.termStartOn !== undefined && principal.org !== current.employmentAuthorityCode) {
      throw forbidden(
        `Only the employment authority that set the group up (${current.employmentAuthorityCode}) sets its term.`,
      );
    }
    const foreign = (patch.members ?? []).flatMap((m, i) =>
      m.organisationCode === principal.org ? [] : [i],
    );
    if (foreign.length) {
      throw forbidden(`An admin of ${principal.org} names only ${principal.org}’s members.`);
    }
    const parties = partiesByOrganisation(await findPartyRows(tx, [current.cooperationAreaId]));
    const existing = await findMemberRows(tx, [id]);
    const termStartOn = patch.termStartOn ?? current.termStartOn;
    const changedFields: string[] = [];

    if (patch.members) {
      const others = existing.filter((m) => m.organisationCode !== principal.org);
      const composed = [...others, ...patch.members];
      checkComposed(
        composed,
        [...others.map(() => 'body.members'), ...patch.members.map((_, i) => `body.members[${i}]`)],
        parties,
        current.employmentAuthorityCode,
      );
      await checkMemberStaff(tx, patch.members, 'body.members');
      const before = JSON.stringify(
        existing
          .filter((m) => m.organisationCode === principal.org)
          .map(({ id: _id, managementGroupId: _g, ...rest }) => rest),
      );
      const next = toNewMembers(patch.members);
      if (before !== JSON.stringify(next)) {
        await replaceMembers(tx, id, [principal.org], next);
        changedFields.push('members');
      }
    }
    if (patch.leadingPerson !== undefined && !mayNameLeadingPerson(principal.org, current)) {
      throw new AppError(ManagementGroupErrors.MANAGEMENT_GROUP_LEADING_PERSON_NOT_ALLOWED, {
        detail: `Only the employment authority that set the group up (${current.employmentAuthorityCode}) names its leading person (VNA 388/2024 §4).`,
      });
    }
    const termEndOn =
      patch.termStartOn !== undefined ? managementGroupTermEndsOn(termStartOn).dueOn : current.termEndOn;
    const kept: LeadingPersonInput | null =
      current.leadingPersonsApprovedOn && current.leadingPersonName
        ? {
            name: current.leadingPersonName,
            deputyName: current.leadingPersonDeputyName ?? '',
            approvedOn: current.leadingPersonsApprovedOn,
            ...(current.leadingPersonTermEndOn ? { termEndOn: current.leadingPersonTermEndOn } : {}),
          }
        : null;
    const leadingTermEndOn = checkLeadingPerson(
      patch.leadingPerson === undefined ? kept : patch.leadingPerson,
      {
        termStartOn,
        termEndOn,
      },
    );
    const leading =
      patch.leadingPerson === undefined
        ? undefined
        : patch.leadingPerson === null
          ? {
              leadingPersonName: null,
              leadingPersonDeputyName: null,
              leadingPersonsApprovedOn: null,
              leadingPersonTermEndOn: null,
            }
          : {
              leadingPersonName: patch.leadingPerson.name,
              leadingPersonDeputyName: patch.leadingPerson.deputyName,
              leadingPersonsApprovedOn: patch.leadingPerson.approvedOn,
              leadingPersonTermEndOn: leadingTermEndOn,
            };
    const set: Parameters<typeof updateGroup>[2] = {};
    if (patch.termStartOn !== undefined && patch.termStartOn !== current.termStartOn) {
      set.termStartOn = patch.termStartOn;
      set.termEndOn = managementGroupTermEndsOn(patch.termStartOn).dueOn;
      changedFields.push('term');
    }
    if (
      leading &&
      (leading.leadingPersonName !== current.leadingPersonName ||
        leading.leadingPersonDeputyName !== current.leadingPersonDeputyName ||
        leading.leadingPersonsApprovedOn !== current.leadingPersonsApprovedOn ||
        leading.leadingPersonTermEndOn !== current.leadingPersonTermEndOn)
    ) {
      Object.assign(set, leading);
      changedFields.push('leadingPerson');
    }
    // A PATCH that changes nothing writes nothing.
    if (!changedFields.length) return one(tx, current);
    const now = deps.clock.now();
    const row = await updateGroup(tx, id, set, now);
    if (!row) throw notFound(id);
    const partyCodes = [...parties.keys()];
    if (set.termStartOn) await setTermDeadline(tx, row, partyCodes, principal, now);
    await recordEvent(tx, {
      type: 'management_group.updated',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'management_group',
      subjectId: id,
      actor: { organisation: principal.org, sub: principal.sub },
      payload: { managementGroupId: id, changedFields: changedFields.sort(), version: row.version },
    });
    return one(tx, row);
  });
}

/** Sets the group's annual targets for one year (381/2023 §9(3)), replacing that year's list. */
export async function setAnnualTargets(
  deps: Deps,
  principal: Principal,
  id: string,
  year: number,
  targets: TargetInput[],
): Promise<ManagementGroup> {
  assertAdmin(principal, 'set a management group’s targets');
  return deps.db.transaction(async (tx) => {
    const current = isUuid(id) ? await findGroupRow(tx, id, { forUpdate: true }) : null;
    if (!current) throw notFound(id);
    const facts = await findAreaAccessFacts(tx, current.cooperationAreaId, principal.org, principal.sub);
    if (!governancePolicy.manageGovernance(principal, facts)) throw notFound(id);
    const seen = new Set<string>();
    const duplicates: InvalidField[] = [];
    for (const [i, t] of targets.entries()) {
      if (seen.has(t.indicator)) {
        duplicates.push({
          location: `body.targets[${i}].indicator`,
          message: 'appears more than once',
          rule: 'unique',
        });
      }
      seen.add(t.indicator);
    }
    if (duplicates.length) {
      throw new AppError('VALIDATION_FAILED', {
        detail: 'Each indicator once per year.',
        errors: duplicates,
      });
    }
    const rows = targets.map((t) => ({
      indicator: t.indicator,
      label: t.label,
      targetValue: t.targetValue.toFixed(3),
      unit: t.unit,
    }));
    const before = (await findTargetRows(tx, [id]))
      .filter((t) => t.year === year)
      .map((t) => ({
        indicator: t.indicator,
        label: t.label,
        targetValue: Number(t.targetValue).toFixed(3),
        unit: t.unit,
      }));
    if (JSON.stringify(before) === JSON.stringify(rows)) return one(tx, current);
    const now = deps.clock.now();
    await replaceTargets(tx, id, year, rows, now);
    const row = await updateGroup(tx, id, {}, now);
    if (!row) throw notFound(id);
    await recordEvent(tx, {
      type: 'management_group.targets_set',
      occurredAt: now,
      organisationCodes: [...partiesByOrganisation(await findPartyRows(tx, [row.cooperationAreaId])).keys()],
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'management_group',
      subjectId: id,
      actor: { organisation: principal.org, sub: principal.sub },
      payload: { managementGroupId: id, year, indicators: rows.map((r) => r.indicator) },
    });
    return one(tx, row);
  });
}
