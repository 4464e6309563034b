import { randomUUID } from 'node:crypto';
import type { ReferralDeclineReason, ReferralGround, Transaction } from '@tym/db';
import { addDays, compareLocalDates, planDueOn, referralRespondBy, todayInHelsinki } from '@tym/domain';
import { type Actor, cancelDeadline, meetDeadline, recordEvent, setDeadline } from '@tym/jobs';
import { AppError, decodeCursor, encodeCursor, type IdempotentResult, invalidField } from '@tym/platform';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import type { CaseRow } from '../cases/cases.repository.js';
import { insertCaseRow, insertCaseTransition, insertTeamMember } from '../cases/cases.repository.js';
import {
  assertCaseStaff,
  type ClientInput,
  ensureClientForReferral,
  parseClientIdentityCode,
} from '../clients/clients.service.js';
import type { ReferralsDeps } from '../deps.js';
import { findAreaParties, referralResponseDays, routeHomeMunicipality } from '../directory.js';
import { canDecideReferral, canWithdrawReferral, referralListScope, seesReferral } from '../policy/policy.js';
import { ReferralErrors } from './referrals.errors.js';
import {
  decideReferralRow,
  findOpenCaseId,
  findPendingReferralId,
  findReferralPage,
  findReferralRow,
  findReferralTransitions,
  insertReferralRow,
  insertReferralTransition,
  type ReferralRow,
  type ReferralTransitionRow,
  type ReferralWithClient,
} from './referrals.repository.js';

/** How far ahead an assessment start may be set when accepting. */
export const MAX_ASSESSMENT_START_DAYS_AHEAD = 90;

export interface CreateReferral {
  client: ClientInput;
  grounds: ReferralGround[];
  description: string;
}

const actorOf = (caller: Caller): Actor => ({ organisation: caller.org, sub: caller.sub });

function notFound(id: string): AppError {
  return new AppError(ReferralErrors.REFERRAL_NOT_FOUND, {
    detail: `No referral ${id}, or not one you may see.`,
  });
}

function openCaseConflict(caseId: string): AppError {
  return new AppError(ReferralErrors.REFERRAL_CLIENT_HAS_OPEN_CASE, {
    detail: 'The client already has an open client relationship in this cooperation area; work in that case.',
    extensions: { existingCaseId: caseId },
  });
}

/** Who hears about a referral: the parties of the area, and the referrer if it is not one. */
function audience(parties: Array<{ organisationCode: string }>, referringOrganisationCode: string): string[] {
  return [...new Set([...parties.map((p) => p.organisationCode), referringOrganisationCode])].sort();
}

/**
 * Submits a referral (ohjaus, 381/2023 §3) inside the caller's transaction (the
 * idempotency wrapper's): validates, routes by home municipality, records or updates the
 * client, and writes the referral, its first transition, its response deadline, the
 * `referral.submitted` event and the access log — all or nothing.
 *
 * The answer carries ids, codes and dates only: it is stored for idempotent replays, and
 * the referrer already holds the rest.
 */
export async function submitReferral(
  tx: Transaction,
  deps: ReferralsDeps,
  caller: Caller,
  input: CreateReferral,
): Promise<IdempotentResult<ReferralRow>> {
  assertCaseStaff(caller);
  if (!input.grounds.length) {
    throw invalidField(
      ReferralErrors.REFERRAL_GROUNDS_REQUIRED,
      'body.grounds',
      'must name at least one ground: work capacity, functional capacity or life management (381/2023 §3)',
      'grounds',
    );
  }
  const { code } = parseClientIdentityCode(input.client, 'body.client');
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  const routing = await routeHomeMunicipality(
    tx,
    input.client.homeMunicipalityCode,
    'body.client.homeMunicipalityCode',
    today,
  );
  const areaId = routing.cooperationArea.id;

  const { row: client, created } = await ensureClientForReferral(
    tx,
    deps.pii,
    { ...input.client, canonicalCode: code, municipalityLanguage: routing.municipality.language },
    now,
    caller.org,
  );
  const openCase = await findOpenCaseId(tx, client.id, areaId);
  if (openCase) throw openCaseConflict(openCase);

  const responseDays = await referralResponseDays(tx, areaId, today);
  const due = referralRespondBy(today, responseDays);
  const referral = await insertReferralRow(tx, {
    clientId: client.id,
    cooperationAreaId: areaId,
    homeMunicipalityCode: routing.municipality.code,
    employmentAuthorityCode: routing.employmentAuthority.organisation.code,
    wellbeingCountyOrganiserCode: routing.hvaOrganiser.code,
    referringOrganisationCode: caller.org,
    referredBySub: caller.sub,
    grounds: [...new Set(input.grounds)].sort(),
    description: input.description,
    status: 'submitted',
    submittedAt: now,
    submittedOn: today,
    respondBy: due.dueOn,
    responseDays,
    updatedAt: now,
  });
  if (!referral) {
    const pending = await findPendingReferralId(tx, client.id, areaId);
    throw new AppError(ReferralErrors.REFERRAL_ALREADY_PENDING, {
      detail: 'The client already has a referral to this cooperation area waiting for an answer.',
      ...(pending ? { extensions: { existingReferralId: pending } } : {}),
    });
  }
  await insertReferralTransition(tx, {
    referralId: referral.id,
    fromStatus: null,
    toStatus: 'submitted',
    at: now,
    actorOrganisation: caller.org,
    actorSub: caller.sub,
  });
  const parties = await findAreaParties(tx, areaId);
  const organisationCodes = audience(parties, caller.org);
  await setDeadline(
    tx,
    {
      kind: 'referral.response',
      subjectType: 'referral',
      subjectId: referral.id,
      cooperationAreaId: areaId,
      organisationCodes,
    },
    due,
    { now, actor: actorOf(caller) },
  );
  await recordEvent(tx, {
    type: 'referral.submitted',
    occurredAt: now,
    organisationCodes,
    cooperationAreaId: areaId,
    subjectType: 'referral',
    subjectId: referral.id,
    actor: actorOf(caller),
    payload: {
      referralId: referral.id,
      clientId: client.id,
      cooperationAreaId: areaId,
      referringOrganisationCode: caller.org,
      grounds: referral.grounds,
      respondBy: referral.respondBy,
    },
  });
  await logAccess(tx, caller, now, [
    {
      action: created ? 'client.create' : 'client.update',
      resourceType: 'client',
      resourceId: client.id,
      clientId: client.id,
    },
    { action: 'referral.create', resourceType: 'referral', resourceId: referral.id, clientId: client.id },
  ]);
  return { status: 201, body: referral };
}

export interface ReferralDetail {
  referral: ReferralWithClient;
  transitions: ReferralTransitionRow[];
}

export async function getReferral(deps: ReferralsDeps, caller: Caller, id: string): Promise<ReferralDetail> {
  const found = await deps.db.transaction(async (tx) => {
    const referral = await findReferralRow(tx, id);
    if (!referral || !seesReferral(caller, referral)) return null;
    const transitions = await findReferralTransitions(tx, id);
    await logAccess(tx, caller, deps.clock.now(), [
      { action: 'referral.read', resourceType: 'referral', resourceId: id, clientId: referral.clientId },
    ]);
    return { referral, transitions };
  });
  if (!found) throw notFound(id);
  return found;
}

type Cursor = { t: string; i: string };
const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Cursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as Cursor).t)) &&
  typeof (v as Cursor).i === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as Cursor).i);

/** The referral inbox: referrals to the caller's areas and their own, newest first. */
export async function listReferrals(
  deps: ReferralsDeps,
  caller: Caller,
  query: { status?: string; cooperationArea?: string; limit?: number; cursor?: string },
): Promise<{ items: ReferralWithClient[]; nextCursor: string | null }> {
  assertCaseStaff(caller);
  const scope = referralListScope(caller);
  if (!scope) throw new AppError('FORBIDDEN');
  const after = decodeCursor(query.cursor, isCursor);
  if (query.cursor && !after) {
    throw invalidField('VALIDATION_FAILED', 'query.cursor', 'is not a cursor this API issued', 'cursor');
  }
  const limit = query.limit ?? 50;
  return deps.db.transaction(async (tx) => {
    const rows = await findReferralPage(
      tx,
      scope,
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.cooperationArea ? { cooperationAreaId: query.cooperationArea } : {}),
      },
      { limit: limit + 1, ...(after ? { after } : {}) },
    );
    const items = rows.slice(0, limit);
    await logAccess(
      tx,
      caller,
      deps.clock.now(),
      items.map((r) => ({
        action: 'referral.list',
        resourceType: 'referral',
        resourceId: r.id,
        clientId: r.clientId,
      })),
    );
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ t: last.submittedAt.toISOString(), i: last.id }) : null,
    };
  });
}

/** Loads a referral for a decision; 404 unless the caller sees it, 403 if they see but may not act. */
async function loadForDecision(
  tx: Transaction,
  caller: Caller,
  id: string,
  may: (r: ReferralWithClient) => boolean,
  denied: AppError,
): Promise<ReferralWithClient> {
  const referral = await findReferralRow(tx, id);
  if (!referral || !seesReferral(caller, referral)) throw notFound(id);
  if (!may(referral)) throw denied;
  return referral;
}

function notSubmitted(current: ReferralRow): AppError {
  return new AppError(ReferralErrors.REFERRAL_NOT_SUBMITTED, {
    detail: `The referral is ${current.status}; only a submitted referral can be accepted, declined or withdrawn.`,
    extensions: { currentStatus: current.status, ...(current.caseId ? { caseId: current.caseId } : {}) },
  });
}

export interface AcceptResult {
  referral: ReferralWithClient;
  transitions: ReferralTransitionRow[];
  case: CaseRow;
}

/**
 * Accepts a referral: the joint assessment of multidisciplinary service need and the client
 * relationship start (381/2023 §4) on `assessmentStartOn` (today unless given; not before
 * the referral was submitted, at most 90 days ahead). In one transaction: the conditional
 * status change (of two concurrent accepts exactly one wins), the case with its plan
 * deadline 3 months later (§4(2), 150/1930), the accepting person as responsible team
 * member, transitions, deadlines, events and the access log.
 */
export async function acceptReferral(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { assessmentStartOn?: string },
): Promise<AcceptResult> {
  const now = deps.clock.now();
  const today = todayInHelsinki(now);
  return deps.db.transaction(async (tx) => {
    const referral = await loadForDecision(
      tx,
      caller,
      id,
      (r) => canDecideReferral(caller, r),
      new AppError(ReferralErrors.REFERRAL_DECISION_NOT_ALLOWED, {
        detail: 'Accepting needs an allocation to the cooperation area the referral was routed to.',
      }),
    );
    const start = input.assessmentStartOn ?? today;
    const latest = addDays(today, MAX_ASSESSMENT_START_DAYS_AHEAD);
    if (compareLocalDates(start, referral.submittedOn) < 0 || compareLocalDates(start, latest) > 0) {
      throw invalidField(
        ReferralErrors.REFERRAL_ASSESSMENT_START_INVALID,
        'body.assessmentStartOn',
        `must be between the submission date ${referral.submittedOn} and ${latest}`,
        'range',
      );
    }
    const caseId = randomUUID();
    const decided = await decideReferralRow(tx, id, {
      status: 'accepted',
      caseId,
      decidedAt: now,
      decidedByOrganisation: caller.org,
      decidedBySub: caller.sub,
      updatedAt: now,
    });
    if (!decided) throw notSubmitted((await findReferralRow(tx, id)) ?? referral);

    const existing = await findOpenCaseId(tx, referral.clientId, referral.cooperationAreaId);
    if (existing) throw openCaseConflict(existing);
    const parties = await findAreaParties(tx, referral.cooperationAreaId);
    const partyCodes = parties.map((p) => p.organisationCode);
    const planDue = planDueOn(start);
    const kase = await insertCaseRow(tx, {
      id: caseId,
      clientId: referral.clientId,
      referralId: referral.id,
      cooperationAreaId: referral.cooperationAreaId,
      employmentAuthorityCode: referral.employmentAuthorityCode,
      wellbeingCountyOrganiserCode: referral.wellbeingCountyOrganiserCode,
      partyOrganisationCodes: partyCodes,
      status: 'assessment',
      assessmentStartedOn: start,
      planDueOn: planDue.dueOn,
      createdAt: now,
      updatedAt: now,
    });
    if (!kase) {
      // A concurrent accept of another referral opened the client's case first.
      const other = await findOpenCaseId(tx, referral.clientId, referral.cooperationAreaId);
      throw openCaseConflict(other ?? 'unknown');
    }
    const actor = actorOf(caller);
    await insertReferralTransition(tx, {
      referralId: id,
      fromStatus: 'submitted',
      toStatus: 'accepted',
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
    });
    await insertCaseTransition(tx, {
      caseId,
      fromStatus: null,
      toStatus: 'assessment',
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
    });
    if (caller.staffId) {
      await insertTeamMember(tx, {
        caseId,
        staffId: caller.staffId,
        organisationCode: caller.org,
        subject: caller.sub,
        role: 'responsible',
        addedAt: now,
        addedByOrganisation: caller.org,
        addedBySub: caller.sub,
      });
    }
    const organisationCodes = audience(parties, referral.referringOrganisationCode);
    await meetDeadline(tx, 'referral.response', id, today, { now, actor });
    await recordEvent(tx, {
      type: 'referral.accepted',
      occurredAt: now,
      organisationCodes,
      cooperationAreaId: referral.cooperationAreaId,
      caseId,
      subjectType: 'referral',
      subjectId: id,
      actor,
      payload: { referralId: id, caseId, clientId: referral.clientId },
    });
    await recordEvent(tx, {
      type: 'case.assessment_started',
      occurredAt: now,
      organisationCodes: partyCodes,
      cooperationAreaId: referral.cooperationAreaId,
      caseId,
      subjectType: 'case',
      subjectId: caseId,
      actor,
      payload: {
        caseId,
        referralId: id,
        clientId: referral.clientId,
        assessmentStartedOn: start,
        planDueOn: planDue.dueOn,
      },
    });
    await setDeadline(
      tx,
      {
        kind: 'plan.due',
        subjectType: 'case',
        subjectId: caseId,
        caseId,
        cooperationAreaId: referral.cooperationAreaId,
        organisationCodes: partyCodes,
      },
      planDue,
      { now, actor },
    );
    await logAccess(tx, caller, now, [
      { action: 'referral.accept', resourceType: 'referral', resourceId: id, clientId: referral.clientId },
      { action: 'case.create', resourceType: 'case', resourceId: caseId, clientId: referral.clientId },
    ]);
    const after = await findReferralRow(tx, id);
    return {
      referral: after ?? { ...referral, ...decided },
      transitions: await findReferralTransitions(tx, id),
      case: kase,
    };
  });
}

export async function declineReferral(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { reasonCode: ReferralDeclineReason; reasonText?: string },
): Promise<ReferralDetail> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const referral = await loadForDecision(
      tx,
      caller,
      id,
      (r) => canDecideReferral(caller, r),
      new AppError(ReferralErrors.REFERRAL_DECISION_NOT_ALLOWED, {
        detail: 'Declining needs an allocation to the cooperation area the referral was routed to.',
      }),
    );
    const decided = await decideReferralRow(tx, id, {
      status: 'declined',
      declineReasonCode: input.reasonCode,
      declineReasonText: input.reasonText ?? null,
      decidedAt: now,
      decidedByOrganisation: caller.org,
      decidedBySub: caller.sub,
      updatedAt: now,
    });
    if (!decided) throw notSubmitted((await findReferralRow(tx, id)) ?? referral);
    await insertReferralTransition(tx, {
      referralId: id,
      fromStatus: 'submitted',
      toStatus: 'declined',
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
      reasonCode: input.reasonCode,
      reasonText: input.reasonText ?? null,
    });
    const actor = actorOf(caller);
    await meetDeadline(tx, 'referral.response', id, todayInHelsinki(now), { now, actor });
    const parties = await findAreaParties(tx, referral.cooperationAreaId);
    await recordEvent(tx, {
      type: 'referral.declined',
      occurredAt: now,
      organisationCodes: audience(parties, referral.referringOrganisationCode),
      cooperationAreaId: referral.cooperationAreaId,
      subjectType: 'referral',
      subjectId: id,
      actor,
      payload: { referralId: id, clientId: referral.clientId, reasonCode: input.reasonCode },
    });
    await logAccess(tx, caller, now, [
      { action: 'referral.decline', resourceType: 'referral', resourceId: id, clientId: referral.clientId },
    ]);
    return { referral: { ...referral, ...decided }, transitions: await findReferralTransitions(tx, id) };
  });
}

export async function withdrawReferral(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { reasonText?: string },
): Promise<ReferralDetail> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const referral = await loadForDecision(
      tx,
      caller,
      id,
      (r) => canWithdrawReferral(caller, r),
      new AppError(ReferralErrors.REFERRAL_WITHDRAW_NOT_REFERRER, {
        detail: 'Only the person who referred, or a coordinator of the referring organisation, can withdraw.',
      }),
    );
    const decided = await decideReferralRow(tx, id, {
      status: 'withdrawn',
      decidedAt: now,
      decidedByOrganisation: caller.org,
      decidedBySub: caller.sub,
      updatedAt: now,
    });
    if (!decided) throw notSubmitted((await findReferralRow(tx, id)) ?? referral);
    await insertReferralTransition(tx, {
      referralId: id,
      fromStatus: 'submitted',
      toStatus: 'withdrawn',
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
      reasonText: input.reasonText ?? null,
    });
    const actor = actorOf(caller);
    await cancelDeadline(tx, 'referral.response', id, 'referral.withdrawn', { now, actor });
    const parties = await findAreaParties(tx, referral.cooperationAreaId);
    await recordEvent(tx, {
      type: 'referral.withdrawn',
      occurredAt: now,
      organisationCodes: audience(parties, referral.referringOrganisationCode),
      cooperationAreaId: referral.cooperationAreaId,
      subjectType: 'referral',
      subjectId: id,
      actor,
      payload: { referralId: id, clientId: referral.clientId },
    });
    await logAccess(tx, caller, now, [
      { action: 'referral.withdraw', resourceType: 'referral', resourceId: id, clientId: referral.clientId },
    ]);
    return { referral: { ...referral, ...decided }, transitions: await findReferralTransitions(tx, id) };
  });
}
