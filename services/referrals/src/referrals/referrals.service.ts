import { randomUUID } from 'node:crypto';
import type { ReferralDeclineReason, ReferralGround, SubmittedRouting, Transaction } from '@tym/db';
import { addDays, compareLocalDates, planDueOn, referralRespondBy, todayInHelsinki } from '@tym/domain';
import {
  type Actor,
  cancelDeadline,
  eventRowOf,
  meetDeadline,
  newDeadlineRows,
  noteEventWritten,
  recordEvent,
  setDeadline,
} from '@tym/jobs';
import {
  AppError,
  decodeCursor,
  encodeCursor,
  type IdempotentResult,
  invalidField,
  type PiiCipher,
} from '@tym/platform';
import type { MunicipalityRouting } from '@tym/resourcing';
import { accessLogRows, logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import type { CaseRow } from '../cases/cases.repository.js';
import { insertCaseRow, insertCaseTransition, insertTeamMember } from '../cases/cases.repository.js';
import { findClientRow } from '../clients/clients.repository.js';
import {
  applyClientDetails,
  assertCaseStaff,
  type ClientInput,
  clientChanges,
  createClientForReferral,
  decryptSubmittedDetails,
  encryptSubmittedDetails,
  lockClientByCode,
  parseClientIdentityCode,
  type SubmittedClientDetails,
  submittedClientDetails,
  updateClientFromReferral,
} from '../clients/clients.service.js';
import type { ReferralsDeps } from '../deps.js';
import { findRoutingOrNull, referralResponseDays, routeHomeMunicipality } from '../directory.js';
import {
  type ClientRouting,
  canDecideReferral,
  canWithdrawReferral,
  clientPartyCodes,
  isClientPartyStaff,
  mayChangeClientDetails,
  referralListScope,
  seesReferral,
} from '../policy/policy.js';
import { referralNotSubmitted, referralTransition } from './referral.transitions.js';
import { ReferralErrors } from './referrals.errors.js';
import {
  decideClientDetailsRow,
  decideReferralRow,
  findOpenCaseId,
  findPendingReferralId,
  findReferralPage,
  findReferralRow,
  findReferralTransitions,
  insertReferralTransition,
  insertSubmittedReferral,
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

/**
 * Who hears about a referral: the client's parties (`clientPartyCodes`). A referrer that is
 * not a party hears nothing through events: what it would hear (the routing of a known
 * client) would tell it whether the person is a client; it reads its own referral instead.
 */
function audience(referral: ClientRouting): string[] {
  return clientPartyCodes(referral);
}

/** The referral's routing as the referrer asked for it, when it went elsewhere. */
function asSubmitted(row: ReferralRow): ReferralRow {
  const r = row.submittedRouting;
  return r ? { ...row, ...r } : row;
}

const routingFacts = (r: MunicipalityRouting) => ({
  cooperationAreaId: r.cooperationArea.id,
  employmentAuthorityCode: r.employmentAuthority.organisation.code,
  wellbeingCountyOrganiserCode: r.hvaOrganiser.code,
});

/**
 * Submits a referral (ohjaus, 381/2023 §3) inside the caller's transaction (the
 * idempotency wrapper's): validates, routes by home municipality, records the client, and
 * writes the referral, its first transition, its response deadline, the
 * `referral.submitted` event and the access log — all or nothing.
 *
 * Who the caller is relative to the client decides what the referral may do:
 * - an unknown person becomes a client with the details given;
 * - staff of the client's parties allocated to the client's area (`mayChangeClientDetails`)
 *   update the record (`CLIENT_DETAILS_MISMATCH` when both names differ) and learn of a
 *   pending referral or an open case (409), as before;
 * - anyone else never changes the record and is answered exactly as for an unknown person
 *   (201, their own routing, no conflicts): the referral goes to the client's own parties,
 *   with the details as sent kept on it (encrypted) for the parties to confirm.
 *
 * The answer carries ids, codes and dates only: it is stored for idempotent replays, and
 * the referrer already holds the rest.
 */
export async function submitReferral(
  deps: ReferralsDeps,
  caller: Caller,
  input: CreateReferral,
  tx: Transaction,
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
  const submitted = await routeHomeMunicipality(
    tx,
    input.client.homeMunicipalityCode,
    'body.client.homeMunicipalityCode',
    today,
  );
  const details = submittedClientDetails(input.client);

  let client = await lockClientByCode(tx, deps.pii, code);
  let created = false;
  if (!client) {
    client = await createClientForReferral(
      tx,
      deps.pii,
      { ...details, canonicalCode: code, municipalityLanguage: submitted.municipality.language },
      now,
      caller.org,
    );
    created = client !== null;
    // A concurrent referral created the same client first: continue with theirs.
    client ??= await lockClientByCode(tx, deps.pii, code);
    if (!client) throw new Error('client vanished between insert and select');
  }
  let routing = submitted;
  let clientAction: 'client.create' | 'client.update' | 'client.details_submitted' = 'client.create';
  let detailsStatus: 'pending' | null = null;
  if (!created) {
    const record =
      client.homeMunicipalityCode === submitted.municipality.code
        ? submitted
        : ((await findRoutingOrNull(tx, client.homeMunicipalityCode, today)) ?? submitted);
    if (mayChangeClientDetails(caller, routingFacts(record))) {
      client = await updateClientFromReferral(tx, client, details, now);
      clientAction = 'client.update';
      // Under the client's row lock: one pending referral per client and area.
      const pending = await findPendingReferralId(tx, client.id, submitted.cooperationArea.id);
      if (pending) throw alreadyPending(pending);
      const openCase = await findOpenCaseId(tx, client.id, submitted.cooperationArea.id);
      if (openCase) throw openCaseConflict(openCase);
    } else {
      // Not the caller's client to change, nor to learn about: to the client's own parties.
      routing = record;
      clientAction = 'client.details_submitted';
      detailsStatus = clientChanges(client, details).differs ? 'pending' : null;
    }
  }
  const areaId = routing.cooperationArea.id;
  const responseDays = await referralResponseDays(tx, areaId, today);
  const due = referralRespondBy(today, responseDays);
  let submittedRouting: SubmittedRouting | null = null;
  if (routing !== submitted) {
    const days = await referralResponseDays(tx, submitted.cooperationArea.id, today);
    submittedRouting = {
      cooperationAreaId: submitted.cooperationArea.id,
      homeMunicipalityCode: submitted.municipality.code,
      employmentAuthorityCode: submitted.employmentAuthority.organisation.code,
      wellbeingCountyOrganiserCode: submitted.hvaOrganiser.code,
      respondBy: referralRespondBy(today, days).dueOn,
      responseDays: days,
    };
  }
  const referralId = randomUUID();
  const grounds = [...new Set(input.grounds)].sort();
  const parties = {
    employmentAuthorityCode: routing.employmentAuthority.organisation.code,
    wellbeingCountyOrganiserCode: routing.hvaOrganiser.code,
  };
  const organisationCodes = audience(parties);
  const actor = actorOf(caller);
  const deadlineSubject = {
    kind: 'referral.response',
    subjectType: 'referral',
    subjectId: referralId,
    cooperationAreaId: areaId,
    organisationCodes,
  };
  const deadline = newDeadlineRows(deadlineSubject, due, { now, actor });
  // The referral, its transition, deadline, events and access log in one statement.
  const written = await insertSubmittedReferral(
    tx,
    {
      id: referralId,
      clientId: client.id,
      cooperationAreaId: areaId,
      homeMunicipalityCode: routing.municipality.code,
      ...parties,
      referringOrganisationCode: caller.org,
      referredBySub: caller.sub,
      grounds,
      description: input.description,
      status: 'submitted',
      submittedAt: now,
      submittedOn: today,
      respondBy: due.dueOn,
      responseDays,
      submittedDetails: encryptSubmittedDetails(deps.pii, referralId, details),
      submittedRouting,
      clientDetailsStatus: detailsStatus,
      updatedAt: now,
    },
    {
      transition: {
        fromStatus: null,
        toStatus: 'submitted',
        at: now,
        actorOrganisation: caller.org,
        actorSub: caller.sub,
      },
      deadline: deadline.deadline,
      deadlineEvent: deadline.event,
      events: [
        eventRowOf({
          type: 'referral.submitted',
          occurredAt: now,
          organisationCodes,
          cooperationAreaId: areaId,
          subjectType: 'referral',
          subjectId: referralId,
          actor,
          payload: {
            referralId,
            clientId: client.id,
            cooperationAreaId: areaId,
            referringOrganisationCode: caller.org,
            grounds,
            respondBy: due.dueOn,
          },
        }),
      ],
      accessLog: accessLogRows(caller, now, [
        { action: clientAction, resourceType: 'client', resourceId: client.id, clientId: client.id },
        { action: 'referral.create', resourceType: 'referral', resourceId: referralId, clientId: client.id },
      ]),
    },
  );
  // The caller's organisation already has a referral of this person waiting here.
  if (!written) throw alreadyPending(await findPendingReferralId(tx, client.id, areaId, caller.org));
  noteEventWritten(tx);
  // Only when the new referral already had a pending response deadline (it cannot: its id is
  // new); setDeadline moves that one, as it would have.
  if (!written.deadlineWritten) await setDeadline(tx, deadlineSubject, due, { now, actor });
  const referral = written.referral;
  return { status: 201, body: asSubmitted(referral) };
}

function alreadyPending(id: string | null): AppError {
  return new AppError(ReferralErrors.REFERRAL_ALREADY_PENDING, {
    detail: 'The client already has a referral to this cooperation area waiting for an answer.',
    ...(id ? { extensions: { existingReferralId: id } } : {}),
  });
}

/** A referral as one caller sees it. */
export interface ReferralView extends ReferralWithClient {
  /** The client details as sent, while they wait for the client's parties; else null. */
  submittedClient: SubmittedClientDetails | null;
}

/**
 * The client's parties (`isClientPartyStaff`) see the referral with the client record and,
 * while they wait, the details the referral brought. A referrer who is not one sees it as
 * they sent it: their own routing and client details, nothing of the record — so that what
 * they see does not depend on whether the person was already a client.
 */
function viewOf(pii: PiiCipher, caller: Caller, row: ReferralWithClient): ReferralView {
  const submitted = () => decryptSubmittedDetails(pii, row.id, row.submittedDetails);
  if (isClientPartyStaff(caller, row)) {
    return { ...row, submittedClient: row.clientDetailsStatus === 'pending' ? submitted() : null };
  }
  const sent = submitted();
  return {
    ...row,
    ...(row.submittedRouting ?? {}),
    client: sent
      ? {
          id: row.clientId,
          firstNames: sent.firstNames,
          lastName: sent.lastName,
          homeMunicipalityCode: sent.homeMunicipalityCode,
        }
      : row.client,
    clientDetailsStatus: null,
    submittedClient: null,
  };
}

/**
 * A referral with its transitions as one caller sees them. A referrer who is not a party
 * sees its own organisation's steps in full and the others' without who took them (the
 * deciding organisation would tell it where a known client lives).
 */
function detailOf(
  pii: PiiCipher,
  caller: Caller,
  row: ReferralWithClient,
  transitions: ReferralTransitionRow[],
): ReferralDetail {
  const referral = viewOf(pii, caller, row);
  if (isClientPartyStaff(caller, row)) return { referral, transitions };
  const own = (org: string | null) => org === caller.org;
  return {
    referral: {
      ...referral,
      decidedByOrganisation: own(row.decidedByOrganisation) ? row.decidedByOrganisation : null,
    },
    transitions: transitions.map((t) =>
      own(t.actorOrganisation) ? t : { ...t, actorOrganisation: null, actorSub: null },
    ),
  };
}

/** A transition as a caller sees it: who took it is hidden from a non-party referrer. */
export type ReferralTransitionView = Omit<ReferralTransitionRow, 'actorOrganisation' | 'actorSub'> & {
  actorOrganisation: string | null;
  actorSub: string | null;
};

export interface ReferralDetail {
  referral: ReferralView;
  transitions: ReferralTransitionView[];
}

export async function getReferral(deps: ReferralsDeps, caller: Caller, id: string): Promise<ReferralDetail> {
  const found = await deps.db.transaction(async (tx) => {
    const referral = await findReferralRow(tx, id);
    if (!referral || !seesReferral(caller, referral)) return null;
    const transitions = await findReferralTransitions(tx, id);
    await logAccess(tx, caller, deps.clock.now(), [
      { action: 'referral.read', resourceType: 'referral', resourceId: id, clientId: referral.clientId },
    ]);
    return detailOf(deps.pii, caller, referral, transitions);
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
): Promise<{ items: ReferralView[]; nextCursor: string | null }> {
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
      items: items.map((r) => viewOf(deps.pii, caller, r)),
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

const notSubmitted = referralNotSubmitted;

export interface AcceptResult {
  referral: ReferralView;
  transitions: ReferralTransitionView[];
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
        detail:
          'The client’s employment authority or HVA, allocated to the cooperation area, starts the joint assessment (381/2023 §4).',
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
    // The table's cell; the conditional update below settles a concurrent decision.
    const step = referralTransition(referral, 'accept');
    const decided = await decideReferralRow(tx, id, {
      status: step.to,
      caseId,
      decidedAt: now,
      decidedByOrganisation: caller.org,
      decidedBySub: caller.sub,
      updatedAt: now,
    });
    if (!decided) throw notSubmitted((await findReferralRow(tx, id)) ?? referral);

    const existing = await findOpenCaseId(tx, referral.clientId, referral.cooperationAreaId);
    if (existing) throw openCaseConflict(existing);
    // The case's parties are the client's three (not every party of the cooperation area).
    const partyCodes = clientPartyCodes(referral);
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
      fromStatus: step.from,
      toStatus: step.to,
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
    const organisationCodes = audience(referral);
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
      ...detailOf(
        deps.pii,
        caller,
        after ?? { ...referral, ...decided },
        await findReferralTransitions(tx, id),
      ),
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
        detail:
          'The client’s employment authority or HVA, allocated to the cooperation area, declines (381/2023 §4).',
      }),
    );
    // The table's cell; the conditional update below settles a concurrent decision.
    const step = referralTransition(referral, 'decline');
    const decided = await decideReferralRow(tx, id, {
      status: step.to,
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
      fromStatus: step.from,
      toStatus: step.to,
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
      reasonCode: input.reasonCode,
      reasonText: input.reasonText ?? null,
    });
    const actor = actorOf(caller);
    await meetDeadline(tx, 'referral.response', id, todayInHelsinki(now), { now, actor });
    await recordEvent(tx, {
      type: 'referral.declined',
      occurredAt: now,
      organisationCodes: audience(referral),
      cooperationAreaId: referral.cooperationAreaId,
      subjectType: 'referral',
      subjectId: id,
      actor,
      payload: { referralId: id, clientId: referral.clientId, reasonCode: input.reasonCode },
    });
    await logAccess(tx, caller, now, [
      { action: 'referral.decline', resourceType: 'referral', resourceId: id, clientId: referral.clientId },
    ]);
    return detailOf(deps.pii, caller, { ...referral, ...decided }, await findReferralTransitions(tx, id));
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
    // The table's cell; the conditional update below settles a concurrent decision.
    const step = referralTransition(referral, 'withdraw');
    const decided = await decideReferralRow(tx, id, {
      status: step.to,
      decidedAt: now,
      decidedByOrganisation: caller.org,
      decidedBySub: caller.sub,
      updatedAt: now,
    });
    if (!decided) throw notSubmitted((await findReferralRow(tx, id)) ?? referral);
    await insertReferralTransition(tx, {
      referralId: id,
      fromStatus: step.from,
      toStatus: step.to,
      at: now,
      actorOrganisation: caller.org,
      actorSub: caller.sub,
      reasonText: input.reasonText ?? null,
    });
    const actor = actorOf(caller);
    await cancelDeadline(tx, 'referral.response', id, 'referral.withdrawn', { now, actor });
    await recordEvent(tx, {
      type: 'referral.withdrawn',
      occurredAt: now,
      organisationCodes: audience(referral),
      cooperationAreaId: referral.cooperationAreaId,
      subjectType: 'referral',
      subjectId: id,
      actor,
      payload: { referralId: id, clientId: referral.clientId },
    });
    await logAccess(tx, caller, now, [
      { action: 'referral.withdraw', resourceType: 'referral', resourceId: id, clientId: referral.clientId },
    ]);
    return detailOf(deps.pii, caller, { ...referral, ...decided }, await findReferralTransitions(tx, id));
  });
}

/**
 * A party of the client decides on the client details a referral brought that differ from
 * the record (a referral from anyone else never changes it): `apply` writes them to the
 * client record (omitted details kept), `dismiss` leaves the record as it is. Staff of the
 * client's parties allocated to the area (`mayChangeClientDetails`) decide; the referrer
 * who is not one gets 403, anyone else 404.
 */
export async function decideClientDetails(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  input: { decision: 'apply' | 'dismiss' },
): Promise<ReferralDetail> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const referral = await loadForDecision(
      tx,
      caller,
      id,
      (r) => mayChangeClientDetails(caller, r),
      new AppError(ReferralErrors.REFERRAL_CLIENT_DETAILS_NOT_ALLOWED, {
        detail: 'Staff of the client’s parties allocated to the area confirm the client’s details.',
      }),
    );
    const client = await findClientRow(tx, referral.clientId, { forUpdate: true });
    const details = decryptSubmittedDetails(deps.pii, id, referral.submittedDetails);
    if (referral.clientDetailsStatus !== 'pending' || !client || !details) {
      throw new AppError(ReferralErrors.REFERRAL_CLIENT_DETAILS_NOT_PENDING, {
        detail: 'There are no client details on this referral waiting for a decision.',
        extensions: { clientDetailsStatus: referral.clientDetailsStatus },
      });
    }
    const decided = await decideClientDetailsRow(tx, id, {
      clientDetailsStatus: input.decision === 'apply' ? 'applied' : 'dismissed',
      clientDetailsDecidedAt: now,
      clientDetailsDecidedByOrganisation: caller.org,
      clientDetailsDecidedBySub: caller.sub,
      updatedAt: now,
    });
    if (!decided) throw new Error(`referral ${id} changed under the client lock`);
    const entries: Array<{
      action: string;
      resourceType: 'referral' | 'client';
      resourceId: string;
      clientId: string;
    }> = [
      {
        action: `referral.client_details.${input.decision}`,
        resourceType: 'referral',
        resourceId: id,
        clientId: referral.clientId,
      },
    ];
    if (input.decision === 'apply') {
      await applyClientDetails(tx, client, details, now);
      entries.push({
        action: 'client.update',
        resourceType: 'client',
        resourceId: client.id,
        clientId: client.id,
      });
    }
    await logAccess(tx, caller, now, entries);
    const after = await findReferralRow(tx, id);
    if (!after) throw new Error(`referral ${id} vanished`);
    return detailOf(deps.pii, caller, after, await findReferralTransitions(tx, id));
  });
}
