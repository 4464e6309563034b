import type { Database, PartyRole, Queryable } from '@tym/db';
import { type LocalDate, staffingReviewDueOn, todayInHelsinki } from '@tym/domain';
import { meetDeadline, recordEvent, setDeadline } from '@tym/jobs';
import { AppError, type Clock, hasRole, type Lang, type Principal } from '@tym/platform';
import { findAreaAccessFacts, findReadableAreaIds } from '../area-access/area-access.repository.js';
import { findPartyRows } from '../cooperation-areas/cooperation-areas.repository.js';
import { isUuid } from '../cooperation-areas/cooperation-areas.service.js';
import { ManagementGroupErrors } from '../management-groups/management-groups.errors.js';
import { findGroupRow } from '../management-groups/management-groups.repository.js';
import { assertAdmin, forbidden, governancePolicy } from '../policy.js';
import { evaluateQuotaCrossings } from '../utilisation/utilisation.service.js';
import { checkAgreementContent, costSharingRuleOf, toScaled } from './agreement.rules.js';
import { agreementTransition } from './agreement.transitions.js';
import { type AgreementSettings, DEFAULT_AGREEMENT_SETTINGS } from './agreement-settings.js';
import { AgreementErrors } from './agreements.errors.js';
import {
  type AgreementRow,
  type ApprovalRow,
  advanceAgreementVersion,
  type CommitmentRow,
  findAgreementRow,
  findAgreementRowsByAreas,
  findApprovalRows,
  findCommitmentRows,
  findInForceSettingsRow,
  findJointCostsRows,
  findOverlappingAgreements,
  findPartyRowsOfVersions,
  findPendingReviewDueDates,
  findStaffingReviewRows,
  findVersionRows,
  insertAgreement,
  insertApproval,
  insertStaffingReview,
  insertVersion,
  type JointCostsRow,
  lockCooperationArea,
  markApproved,
  type NewVersion,
  type PartyRow,
  type StaffingReviewRow,
  upsertJointCosts,
  type VersionRow,
} from './agreements.repository.js';
import { type CostShareResult, type CostSharingRule, computeCostShares } from './cost-shares.rules.js';

type Deps = { db: Database; clock: Clock };

export interface AgreementContent {
  parties: Array<{ organisationCode: string; costSharePercent?: number }>;
  servicesArrangement: string;
  staffingCommitments: Array<{ organisationCode: string; taskTitle: string; headcount: number; fte: number }>;
  costSharing?: { method?: CostSharingRule };
  kelaContribution: { kind: 'amount'; amountCents: number } | { kind: 'share'; percent: number };
  validFrom: string;
  validTo?: string | null;
  settings?: Partial<AgreementSettings>;
}

export interface CreateAgreementInput extends AgreementContent {
  managementGroupId: string;
}

/** One version of an agreement with everything the DTO shows. */
export interface Agreement {
  row: AgreementRow;
  version: VersionRow;
  parties: PartyRow[];
  commitments: CommitmentRow[];
  approvals: ApprovalRow[];
  nextStaffingReviewDueOn: string | null;
  /** Today in Helsinki, for `inForce`. */
  today: string;
}

export interface SettingsOnDate extends AgreementSettings {
  /** Where the values come from: the agreement in force, or the defaults. */
  source: 'agreement' | 'default';
  agreementId: string | null;
  agreementVersion: number | null;
}

// --- Query function for other services ----------------------------------------------------

/**
 * The settings of the cooperation agreement in force in the area on `on` (every party has
 * approved its current version and `on` is within its validity), or the defaults: 14 days to
 * answer a referral, 14 days to act on a review request, reminders 14 and 3 days ahead, and
 * 40 active clients per FTE (see agreement-settings.ts). For referrals, planning and worker.
 */
export async function findAgreementSettings(
  db: Queryable,
  cooperationAreaId: string,
  on: LocalDate,
): Promise<SettingsOnDate> {
  const row = isUuid(cooperationAreaId) ? await findInForceSettingsRow(db, cooperationAreaId, on) : null;
  if (!row) {
    return {
      ...DEFAULT_AGREEMENT_SETTINGS,
      reminderLeadDays: [...DEFAULT_AGREEMENT_SETTINGS.reminderLeadDays],
      source: 'default',
      agreementId: null,
      agreementVersion: null,
    };
  }
  return {
    referralResponseDays: row.referral_response_days,
    reviewRequestResponseDays: row.review_request_response_days,
    reminderLeadDays: row.reminder_lead_days,
    targetCaseloadPerFte: Number(row.target_caseload_per_fte),
    preRelationshipRetentionDays: row.pre_relationship_retention_days,
    source: 'agreement',
    agreementId: row.agreement_id,
    agreementVersion: row.version,
  };
}

// --- Helpers ---------------------------------------------------------------------------------

function notFound(id: string): AppError {
  return new AppError(AgreementErrors.AGREEMENT_NOT_FOUND, { detail: `No cooperation agreement ${id}.` });
}

function partiesByOrganisation(rows: Array<{ organisationCode: string; role: PartyRole }>) {
  const parties = new Map<string, PartyRole[]>();
  for (const r of rows) parties.set(r.organisationCode, [...(parties.get(r.organisationCode) ?? []), r.role]);
  return parties;
}

export function isInForce(row: AgreementRow, on: string): boolean {
  return (
    row.approvedVersion === row.currentVersion &&
    row.validFrom <= on &&
    (row.validTo === null || row.validTo >= on)
  );
}

async function load(db: Queryable, rows: AgreementRow[], now: Date, version?: number): Promise<Agreement[]> {
  const ids = rows.map((r) => r.id);
  // Sequential: `db` may be a transaction (one connection, one query at a time).
  const versions = await findVersionRows(db, ids);
  const parties = await findPartyRowsOfVersions(db, ids);
  const commitments = await findCommitmentRows(db, ids);
  const approvals = await findApprovalRows(db, ids);
  const due = await findPendingReviewDueDates(db, ids);
  const today = todayInHelsinki(now);
  return rows.flatMap((row) => {
    const v = version ?? row.currentVersion;
    const current = versions.find((x) => x.agreementId === row.id && x.version === v);
    if (!current) return [];
    const of = <T extends { agreementId: string; version: number }>(list: T[]) =>
      list.filter((x) => x.agreementId === row.id && x.version === v);
    return [
      {
        row,
        version: current,
        parties: of(parties),
        commitments: of(commitments),
        approvals: of(approvals),
        nextStaffingReviewDueOn: due.get(row.id) ?? null,
        today,
      },
    ];
  });
}

async function one(db: Queryable, row: AgreementRow, now: Date, version?: number): Promise<Agreement> {
  const [agreement] = await load(db, [row], now, version);
  if (!agreement) {
    throw new AppError(AgreementErrors.AGREEMENT_VERSION_NOT_FOUND, {
      detail: `Agreement ${row.id} has versions 1–${row.currentVersion}.`,
    });
  }
  return agreement;
}

function throwIfInvalid(content: AgreementContent, areaParties: Map<string, PartyRole[]>): void {
  const v = checkAgreementContent(content, areaParties);
  if (v) {
    throw new AppError(v.code, {
      detail: v.detail,
      errors: v.errors,
      ...(v.extensions ? { extensions: v.extensions } : {}),
    });
  }
}

function toNewVersion(
  content: AgreementContent,
  areaParties: Map<string, PartyRole[]>,
  version: number,
  principal: Principal,
  now: Date,
): NewVersion {
  const s = { ...DEFAULT_AGREEMENT_SETTINGS, ...(content.settings ?? {}) };
  return {
    version: {
      version,
      servicesArrangement: content.servicesArrangement,
      validFrom: content.validFrom,
      validTo: content.validTo ?? null,
      costSharingMethod: costSharingRuleOf(content.costSharing),
      kelaContributionKind: content.kelaContribution.kind,
      kelaAmountCents:
        content.kelaContribution.kind === 'amount' ? content.kelaContribution.amountCents : null,
      kelaShareBasisPoints:
        content.kelaContribution.kind === 'share' ? toScaled(content.kelaContribution.percent, 100) : null,
      referralResponseDays: s.referralResponseDays,
      reviewRequestResponseDays: s.reviewRequestResponseDays,
      reminderLeadDays: [...s.reminderLeadDays].sort((a, b) => b - a),
      targetCaseloadPerFte: s.targetCaseloadPerFte.toFixed(2),
      preRelationshipRetentionDays: s.preRelationshipRetentionDays,
      createdAt: now,
      createdByOrganisation: principal.org,
      createdBySub: principal.sub,
    },
    parties: content.parties
      .map((p) => ({
        organisationCode: p.organisationCode,
        roles: [...(areaParties.get(p.organisationCode) ?? [])].sort(),
        costShareBasisPoints: p.costSharePercent === undefined ? null : toScaled(p.costSharePercent, 100),
      }))
      .sort((a, b) => a.organisationCode.localeCompare(b.organisationCode)),
    commitments: content.staffingCommitments.map((c, ordinal) => ({
      ordinal,
      organisationCode: c.organisationCode,
      taskTitle: c.taskTitle,
      headcount: c.headcount,
      fte: ((toScaled(c.fte, 1000) ?? 0) / 1000).toFixed(3),
    })),
  };
}

/** The content of a version without who wrote it when: equal contents make no new version. */
function contentKey(v: {
  version: Omit<VersionRow, 'agreementId'>;
  parties: Array<Pick<PartyRow, 'organisationCode' | 'costShareBasisPoints'>>;
  commitments: Array<Pick<CommitmentRow, 'organisationCode' | 'taskTitle' | 'headcount' | 'fte'>>;
}): string {
  const x = v.version;
  return JSON.stringify([
    x.servicesArrangement,
    x.validFrom,
    x.validTo,
    x.costSharingMethod,
    x.kelaContributionKind,
    x.kelaAmountCents === null ? null : Number(x.kelaAmountCents),
    x.kelaShareBasisPoints,
    x.referralResponseDays,
    x.reviewRequestResponseDays,
    x.reminderLeadDays,
    Number(x.targetCaseloadPerFte).toFixed(2),
    x.preRelationshipRetentionDays,
    v.parties.map((p) => [p.organisationCode, p.costShareBasisPoints]),
    v.commitments.map((c) => [c.organisationCode, c.taskTitle, c.headcount, Number(c.fte).toFixed(3)]),
  ]);
}

async function assertNoOverlap(
  tx: Queryable,
  areaId: string,
  validFrom: string,
  validTo: string | null,
  exceptId?: string,
): Promise<void> {
  await lockCooperationArea(tx, areaId);
  const overlapping = await findOverlappingAgreements(tx, areaId, validFrom, validTo, exceptId);
  if (overlapping.length) {
    throw new AppError(AgreementErrors.AGREEMENT_VALIDITY_OVERLAP, {
      detail:
        `One cooperation area has one agreement at a time; ${overlapping.map((a) => `${a.id} (${a.validFrom}–${a.validTo ?? ''})`).join(', ')} ` +
        `is valid during ${validFrom}–${validTo ?? ''}.`,
      errors: [
        { location: 'body.validFrom', message: 'overlaps another agreement of the area', rule: 'overlap' },
      ],
      extensions: { overlappingAgreementIds: overlapping.map((a) => a.id) },
    });
  }
}

const actorOf = (p: Principal) => ({ organisation: p.org, sub: p.sub });

/** The agreement the caller may read, or 404. */
async function readable(db: Queryable, principal: Principal, id: string): Promise<AgreementRow> {
  const row = isUuid(id) ? await findAgreementRow(db, id) : null;
  if (!row) throw notFound(id);
  const facts = await findAreaAccessFacts(db, row.cooperationAreaId, principal.org, principal.sub);
  if (!governancePolicy.readGovernance(principal, facts)) throw notFound(id);
  return row;
}

/** The agreement an admin of one of its parties changes, locked; 404 / 403 otherwise. */
async function manageable(tx: Queryable, principal: Principal, id: string): Promise<AgreementRow> {
  const row = isUuid(id) ? await findAgreementRow(tx, id, { forUpdate: true }) : null;
  if (!row) throw notFound(id);
  const facts = await findAreaAccessFacts(tx, row.cooperationAreaId, principal.org, principal.sub);
  if (!governancePolicy.manageGovernance(principal, facts)) throw notFound(id);
  const parties = await findPartyRowsOfVersions(tx, [id]);
  if (!parties.some((p) => p.version === row.currentVersion && p.organisationCode === principal.org)) {
    throw forbidden(
      `${principal.org} is not a party of this agreement; an admin changes only their own organisation’s agreements.`,
    );
  }
  return row;
}

// --- Use cases ---------------------------------------------------------------------------------

/**
 * Drafts a cooperation agreement for a management group's area (admin of one of its parties).
 * Version 1 is written; the first staffing-adequacy review is due 12 months after the
 * agreement takes effect (VNA 388/2024 §3(3)), a deadline row. It is in force once every
 * party has approved it.
 */
export async function createAgreement(
  deps: Deps,
  principal: Principal,
  input: CreateAgreementInput,
): Promise<Agreement> {
  assertAdmin(principal, 'draft a cooperation agreement');
  return deps.db.transaction(async (tx) => {
    const group = isUuid(input.managementGroupId) ? await findGroupRow(tx, input.managementGroupId) : null;
    const facts = group
      ? await findAreaAccessFacts(tx, group.cooperationAreaId, principal.org, principal.sub)
      : null;
    if (!group || !facts || !governancePolicy.manageGovernance(principal, facts)) {
      throw new AppError(ManagementGroupErrors.MANAGEMENT_GROUP_NOT_FOUND, {
        detail: `No management group ${input.managementGroupId} in an area of ${principal.org}.`,
        errors: [
          {
            location: 'body.managementGroupId',
            message: 'names no management group you may use',
            rule: 'exists',
          },
        ],
      });
    }
    const areaParties = partiesByOrganisation(await findPartyRows(tx, [group.cooperationAreaId]));
    throwIfInvalid(input, areaParties);
    if (!input.parties.some((p) => p.organisationCode === principal.org)) {
      throw forbidden(`An admin drafts agreements their own organisation (${principal.org}) is a party of.`);
    }
    await assertNoOverlap(tx, group.cooperationAreaId, input.validFrom, input.validTo ?? null);
    const now = deps.clock.now();
    const row = await insertAgreement(tx, {
      cooperationAreaId: group.cooperationAreaId,
      managementGroupId: group.id,
      currentVersion: 1,
      approvedVersion: null,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      createdAt: now,
      updatedAt: now,
    });
    const version = toNewVersion(input, areaParties, 1, principal, now);
    await insertVersion(tx, row.id, version);
    const partyCodes = version.parties.map((p) => p.organisationCode);
    await setDeadline(
      tx,
      {
        kind: 'agreement.staffing_review',
        subjectType: 'agreement',
        subjectId: row.id,
        cooperationAreaId: row.cooperationAreaId,
        organisationCodes: partyCodes,
      },
      staffingReviewDueOn(row.validFrom),
      { now, actor: actorOf(principal) },
    );
    await recordEvent(tx, {
      type: 'agreement.created',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'agreement',
      subjectId: row.id,
      actor: actorOf(principal),
      payload: {
        agreementId: row.id,
        managementGroupId: group.id,
        version: 1,
        validFrom: row.validFrom,
        validTo: row.validTo,
      },
    });
    return one(tx, row, now);
  });
}

export async function getAgreement(
  deps: Deps,
  principal: Principal,
  id: string,
  version?: number,
): Promise<Agreement> {
  const row = await readable(deps.db, principal, id);
  if (version !== undefined && version > row.currentVersion) {
    throw new AppError(AgreementErrors.AGREEMENT_VERSION_NOT_FOUND, {
      detail: `Agreement ${id} has versions 1–${row.currentVersion}.`,
    });
  }
  return one(deps.db, row, deps.clock.now(), version);
}

export async function listAgreementVersions(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<Agreement[]> {
  const row = await readable(deps.db, principal, id);
  const now = deps.clock.now();
  const all: Agreement[] = [];
  for (let v = row.currentVersion; v >= 1; v--) all.push(await one(deps.db, row, now, v));
  return all;
}

export async function listAgreements(
  deps: Deps,
  principal: Principal,
  query: { cooperationAreaId?: string },
): Promise<Agreement[]> {
  const areaIds = await findReadableAreaIds(
    deps.db,
    principal.org,
    principal.sub,
    hasRole(principal, 'coordinator', 'admin'),
  );
  const wanted = query.cooperationAreaId ? areaIds.filter((a) => a === query.cooperationAreaId) : areaIds;
  return load(deps.db, await findAgreementRowsByAreas(deps.db, wanted), deps.clock.now());
}

/**
 * Writes a new version (admin of a party; `If-Match` with the current ETag, checked by the
 * caller of this function through `expectVersion`). Approvals are per version, so the
 * agreement is out of force until every party approves the new one. Content equal to the
 * current version writes nothing.
 */
export async function replaceAgreement(
  deps: Deps,
  principal: Principal,
  id: string,
  content: AgreementContent,
  expectVersion: (current: number) => void,
): Promise<Agreement> {
  assertAdmin(principal, 'change a cooperation agreement');
  return deps.db.transaction(async (tx) => {
    const row = await manageable(tx, principal, id);
    expectVersion(row.currentVersion);
    agreementTransition(row, 'revise');
    const areaParties = partiesByOrganisation(await findPartyRows(tx, [row.cooperationAreaId]));
    throwIfInvalid(content, areaParties);
    if (!content.parties.some((p) => p.organisationCode === principal.org)) {
      throw forbidden(`${principal.org} cannot leave the parties of an agreement it changes.`);
    }
    const now = deps.clock.now();
    const next = toNewVersion(content, areaParties, row.currentVersion + 1, principal, now);
    const current = await one(tx, row, now);
    if (contentKey(next) === contentKey(current)) return current;
    await assertNoOverlap(tx, row.cooperationAreaId, content.validFrom, content.validTo ?? null, row.id);
    const updated = await advanceAgreementVersion(
      tx,
      id,
      row.currentVersion,
      { validFrom: content.validFrom, validTo: content.validTo ?? null },
      now,
    );
    if (!updated)
      throw new AppError('PRECONDITION_FAILED', { detail: 'The agreement changed concurrently.' });
    await insertVersion(tx, id, next);
    const partyCodes = [...new Set([...current.parties, ...next.parties].map((p) => p.organisationCode))];
    if (updated.validFrom !== row.validFrom && !(await findStaffingReviewRows(tx, id)).length) {
      await setDeadline(
        tx,
        {
          kind: 'agreement.staffing_review',
          subjectType: 'agreement',
          subjectId: id,
          cooperationAreaId: row.cooperationAreaId,
          organisationCodes: partyCodes,
        },
        staffingReviewDueOn(updated.validFrom),
        { now, actor: actorOf(principal) },
      );
    }
    await recordEvent(tx, {
      type: 'agreement.version_created',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'agreement',
      subjectId: id,
      actor: actorOf(principal),
      payload: { agreementId: id, version: updated.currentVersion, previousVersion: row.currentVersion },
    });
    // The previous version may have been in force: the new one is not until approved.
    await evaluateQuotaCrossings(tx, row.cooperationAreaId, now);
    return one(tx, updated, now);
  });
}

/**
 * Records the caller's organisation's approval of the current version (admin of a party).
 * When the last party approves, the agreement comes into force (`agreement.approved`).
 * Approving again is a no-op.
 */
export async function approveAgreement(
  deps: Deps,
  principal: Principal,
  id: string,
  input: { approvedOn: string },
  expectVersion: (current: number) => void,
): Promise<Agreement> {
  assertAdmin(principal, 'approve a cooperation agreement');
  return deps.db.transaction(async (tx) => {
    const row = await manageable(tx, principal, id);
    expectVersion(row.currentVersion);
    const now = deps.clock.now();
    const inserted = await insertApproval(tx, {
      agreementId: id,
      version: row.currentVersion,
      organisationCode: principal.org,
      approvedOn: input.approvedOn,
      recordedAt: now,
      recordedBySub: principal.sub,
    });
    if (!inserted) return one(tx, row, now);
    const agreement = await one(tx, row, now);
    const partyCodes = agreement.parties.map((p) => p.organisationCode);
    await recordEvent(tx, {
      type: 'agreement.party_approved',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'agreement',
      subjectId: id,
      actor: actorOf(principal),
      payload: {
        agreementId: id,
        version: row.currentVersion,
        organisationCode: principal.org,
        approvedOn: input.approvedOn,
      },
    });
    const approved = new Set(agreement.approvals.map((a) => a.organisationCode));
    if (!partyCodes.every((c) => approved.has(c))) {
      agreementTransition(row, 'approve');
      return agreement;
    }
    agreementTransition(row, 'approve_last');
    const updated = await markApproved(tx, id, row.currentVersion, now);
    if (!updated) return agreement;
    await recordEvent(tx, {
      type: 'agreement.approved',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'agreement',
      subjectId: id,
      actor: actorOf(principal),
      payload: {
        agreementId: id,
        version: row.currentVersion,
        validFrom: updated.validFrom,
        validTo: updated.validTo,
      },
    });
    await evaluateQuotaCrossings(tx, row.cooperationAreaId, now);
    return one(tx, updated, now);
  });
}

/**
 * Records a review of whether staffing is adequate (VNA 388/2024 §3(3), at least yearly): the
 * pending `agreement.staffing_review` deadline is met on the review day and the next is due
 * 12 months later.
 */
export async function recordStaffingReview(
  deps: Deps,
  principal: Principal,
  id: string,
  input: { reviewedOn: string; adequate: boolean; conclusion: string },
): Promise<StaffingReviewRow> {
  assertAdmin(principal, 'record a staffing review');
  return deps.db.transaction(async (tx) => {
    const row = await manageable(tx, principal, id);
    const now = deps.clock.now();
    const today = todayInHelsinki(now);
    if (input.reviewedOn > today) {
      throw new AppError(AgreementErrors.STAFFING_REVIEW_IN_FUTURE, {
        detail: `The review day ${input.reviewedOn} is after today (${today}).`,
        errors: [{ location: 'body.reviewedOn', message: 'is in the future', rule: 'not_future' }],
      });
    }
    const next = staffingReviewDueOn(input.reviewedOn);
    const review = await insertStaffingReview(tx, {
      agreementId: id,
      agreementVersion: row.currentVersion,
      reviewedOn: input.reviewedOn,
      adequate: input.adequate,
      conclusion: input.conclusion,
      nextReviewDueOn: next.dueOn,
      recordedAt: now,
      recordedByOrganisation: principal.org,
      recordedBySub: principal.sub,
    });
    const partyCodes = (await findPartyRowsOfVersions(tx, [id]))
      .filter((p) => p.version === row.currentVersion)
      .map((p) => p.organisationCode);
    const ctx = { now, actor: actorOf(principal) };
    await meetDeadline(tx, 'agreement.staffing_review', id, input.reviewedOn, ctx);
    await setDeadline(
      tx,
      {
        kind: 'agreement.staffing_review',
        subjectType: 'agreement',
        subjectId: id,
        cooperationAreaId: row.cooperationAreaId,
        organisationCodes: partyCodes,
      },
      next,
      ctx,
    );
    await recordEvent(tx, {
      type: 'agreement.staffing_reviewed',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'agreement',
      subjectId: id,
      actor: actorOf(principal),
      payload: {
        agreementId: id,
        staffingReviewId: review.id,
        reviewedOn: review.reviewedOn,
        adequate: review.adequate,
        nextReviewDueOn: review.nextReviewDueOn,
      },
    });
    return review;
  });
}

export async function listStaffingReviews(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<StaffingReviewRow[]> {
  const row = await readable(deps.db, principal, id);
  return findStaffingReviewRows(deps.db, row.id);
}

/**
 * The split of one year's joint costs under the current version (381/2023 §10): Kela's part
 * as agreed, the rest between the employment authorities and the HVA by the number of staff
 * committed (the default), by committed FTE or by the agreed percentages, in cents that add up
 * exactly, with the arithmetic in words. The year's recorded budget and actual costs are split
 * beside it; without `jointCosts` the actual costs (else the budget) are the main split.
 */
export async function computeAgreementCostShares(
  deps: Deps,
  principal: Principal,
  id: string,
  query: { year: number; jointCosts?: number | undefined },
  lang: Lang,
): Promise<
  CostShareResult & {
    agreementId: string;
    version: number;
    approved: boolean;
    budget: CostShareResult | null;
    actual: CostShareResult | null;
  }
> {
  const row = await readable(deps.db, principal, id);
  return costSharesOfAgreement(deps.db, row, deps.clock.now(), query, lang);
}

/**
 * The split of one year's joint costs of an agreement (no access check: the caller has done
 * it), as `computeAgreementCostShares` answers it; also the situational picture's cost shares.
 */
export async function costSharesOfAgreement(
  db: Queryable,
  row: AgreementRow,
  now: Date,
  query: { year: number; jointCosts?: number | undefined },
  lang: Lang,
): Promise<
  CostShareResult & {
    agreementId: string;
    version: number;
    approved: boolean;
    budget: CostShareResult | null;
    actual: CostShareResult | null;
  }
> {
  const agreement = await one(db, row, now);
  const v = agreement.version;
  if (v.validFrom > `${query.year}-12-31` || (v.validTo !== null && v.validTo < `${query.year}-01-01`)) {
    throw new AppError(AgreementErrors.COST_SHARE_YEAR_OUTSIDE_VALIDITY, {
      detail: `Version ${v.version} is valid ${v.validFrom}–${v.validTo ?? ''}, not in ${query.year}.`,
      errors: [{ location: 'query.year', message: 'is outside the agreement’s validity', rule: 'validity' }],
    });
  }
  const recorded = (await findJointCostsRows(db, row.id)).find((r) => r.year === query.year);
  const main = query.jointCosts ?? recorded?.actualCents ?? recorded?.budgetCents ?? null;
  if (main === null) {
    throw new AppError(AgreementErrors.JOINT_COSTS_NOT_RECORDED, {
      detail: `No joint costs are recorded for ${query.year}; give jointCosts.`,
      errors: [
        { location: 'query.jointCosts', message: 'is required when no costs are recorded', rule: 'required' },
      ],
    });
  }
  const fteOf = new Map<string, number>();
  const headcountOf = new Map<string, number>();
  for (const c of agreement.commitments) {
    fteOf.set(c.organisationCode, (fteOf.get(c.organisationCode) ?? 0) + Math.round(Number(c.fte) * 1000));
    headcountOf.set(c.organisationCode, (headcountOf.get(c.organisationCode) ?? 0) + c.headcount);
  }
  const kela = agreement.parties.find((p) => p.roles.includes('kela'));
  const split = (jointCostsCents: number) =>
    computeCostShares(
      {
        year: query.year,
        jointCostsCents,
        method: v.costSharingMethod,
        parties: agreement.parties
          .filter((p) => !(p.roles.length === 1 && p.roles[0] === 'kela'))
          .map((p) => ({
            organisationCode: p.organisationCode,
            roles: p.roles as PartyRole[],
            fteMilli: fteOf.get(p.organisationCode) ?? 0,
            headcount: headcountOf.get(p.organisationCode) ?? 0,
            shareBasisPoints: p.costShareBasisPoints,
          })),
        kelaOrganisationCode: kela?.organisationCode ?? 'kela',
        kela:
          v.kelaContributionKind === 'amount'
            ? { kind: 'amount', amountCents: Number(v.kelaAmountCents ?? 0) }
            : { kind: 'share', basisPoints: v.kelaShareBasisPoints ?? 0 },
      },
      lang,
    );
  const result = split(main);
  const budget =
    recorded?.budgetCents === null || recorded?.budgetCents === undefined
      ? null
      : split(recorded.budgetCents);
  const actual =
    recorded?.actualCents === null || recorded?.actualCents === undefined
      ? null
      : split(recorded.actualCents);
  return {
    ...result,
    agreementId: row.id,
    version: v.version,
    approved: row.approvedVersion === row.currentVersion,
    budget,
    actual,
  };
}

/** The recorded joint-cost budgets and actual costs of an agreement (readers of the agreement). */
export async function listJointCosts(deps: Deps, principal: Principal, id: string): Promise<JointCostsRow[]> {
  const row = await readable(deps.db, principal, id);
  return findJointCostsRows(deps.db, row.id);
}

/**
 * Records a year's joint-cost budget and actual costs (admin of a party), kept beside the split
 * (381/2023 §10). A field left out keeps its value; null clears it.
 */
export async function recordJointCosts(
  deps: Deps,
  principal: Principal,
  id: string,
  year: number,
  input: { budgetCents?: number | null | undefined; actualCents?: number | null | undefined },
): Promise<JointCostsRow> {
  assertAdmin(principal, 'record an agreement’s joint costs');
  return deps.db.transaction(async (tx) => {
    const row = await manageable(tx, principal, id);
    const current = (await findJointCostsRows(tx, id)).find((r) => r.year === year);
    const now = deps.clock.now();
    const written = await upsertJointCosts(tx, {
      agreementId: id,
      year,
      budgetCents: input.budgetCents === undefined ? (current?.budgetCents ?? null) : input.budgetCents,
      actualCents: input.actualCents === undefined ? (current?.actualCents ?? null) : input.actualCents,
      recordedAt: now,
      recordedByOrganisation: principal.org,
      recordedBySub: principal.sub,
    });
    const partyCodes = (await findPartyRowsOfVersions(tx, [id]))
      .filter((p) => p.version === row.currentVersion)
      .map((p) => p.organisationCode);
    await recordEvent(tx, {
      type: 'agreement.joint_costs_recorded',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: row.cooperationAreaId,
      subjectType: 'agreement',
      subjectId: id,
      actor: actorOf(principal),
      payload: {
        agreementId: id,
        year,
        budgetCents: written.budgetCents,
        actualCents: written.actualCents,
      },
    });
    return written;
  });
}
