import {
  type CaseStatus,
  cases,
  caseTeamMembers,
  clients,
  type PartyRole,
  type Queryable,
  referrals,
  type TeamRole,
  type Transaction,
} from '@tym/db';
import type { Actor } from '@tym/jobs';
import { meetDeadline } from '@tym/jobs';
import { eq, type SQL, sql } from 'drizzle-orm';
import { findAreaParties } from '../directory.js';
import { clientPartyCodes, KELA_ORGANISATION_CODE } from '../policy/policy.js';
import { isUuid } from '../schemas.js';
import { CaseTransitions } from './case.transitions.js';
import {
  type CaseRow,
  findCaseRow,
  findCurrentTeam,
  findOpenCaseRowsByArea,
  insertCaseTransition,
  isOnTeam,
  updateCaseRow,
} from './cases.repository.js';

/**
 * Query functions other services (planning, notifications, reports) use to read and, for
 * `setCaseActive`, change cases. They take the database or the caller's transaction first
 * and carry no personal data beyond ids: names and identity codes stay behind this
 * service's routes and access log.
 */

/** A client relationship (case), ids, statuses and dates only. */
export interface CaseRecord {
  id: string;
  clientId: string;
  referralId: string;
  cooperationAreaId: string;
  employmentAuthorityCode: string;
  wellbeingCountyOrganiserCode: string;
  partyOrganisationCodes: string[];
  status: CaseStatus;
  assessmentStartedOn: string;
  planDueOn: string;
  activatedOn: string | null;
  endedOn: string | null;
  erasureDueOn: string | null;
}

function toRecord(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    clientId: row.clientId,
    referralId: row.referralId,
    cooperationAreaId: row.cooperationAreaId,
    employmentAuthorityCode: row.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: row.wellbeingCountyOrganiserCode,
    partyOrganisationCodes: row.partyOrganisationCodes,
    status: row.status,
    assessmentStartedOn: row.assessmentStartedOn,
    planDueOn: row.planDueOn,
    activatedOn: row.activatedOn,
    endedOn: row.endedOn,
    erasureDueOn: row.erasureDueOn,
  };
}

export async function findCase(db: Queryable, id: string): Promise<CaseRecord | null> {
  if (!isUuid(id)) return null;
  const row = await findCaseRow(db, id);
  return row ? toRecord(row) : null;
}

export interface CaseParty {
  organisationCode: string;
  /** Party roles in the case's cooperation area; Helsinki holds two. */
  roles: PartyRole[];
  /** The organisation is the client's employment authority or HVA organiser. */
  servesClient: boolean;
}

/**
 * The parties of the case: the client's three (`clientPartyCodes`, policy.ts — the
 * employment authority and HVA organiser of the home municipality, and Kela), with their
 * roles in the case's cooperation area; [] for an unknown case. Another employment
 * authority of the same cooperation area is not a party of the case.
 */
export async function findCaseParties(db: Queryable, caseId: string): Promise<CaseParty[]> {
  const kase = await findCase(db, caseId);
  if (!kase) return [];
  const clientParties = clientPartyCodes(kase);
  const parties = (await findAreaParties(db, kase.cooperationAreaId)).filter((p) =>
    clientParties.includes(p.organisationCode),
  );
  return parties.map((p) => ({
    organisationCode: p.organisationCode,
    roles: p.roles,
    servesClient:
      p.organisationCode === kase.employmentAuthorityCode ||
      p.organisationCode === kase.wellbeingCountyOrganiserCode,
  }));
}

export interface CaseTeamMember {
  staffId: string;
  organisationCode: string;
  /** The `sub` claim of the member's tokens. */
  subject: string;
  role: TeamRole;
  addedAt: Date;
}

/** The current team of a case. */
export async function findCaseTeam(db: Queryable, caseId: string): Promise<CaseTeamMember[]> {
  if (!isUuid(caseId)) return [];
  return (await findCurrentTeam(db, caseId)).map((m) => ({
    staffId: m.staffId,
    organisationCode: m.organisationCode,
    subject: m.subject,
    role: m.role,
    addedAt: m.addedAt,
  }));
}

/** Whether the person (`org`, `sub`) is on the current team of the case. */
export async function isOnCaseTeam(db: Queryable, caseId: string, organisationCode: string, subject: string) {
  return isUuid(caseId) ? isOnTeam(db, caseId, organisationCode, subject) : false;
}

/**
 * For the planning service, inside its transaction when a joint plan is agreed: the case
 * moves from `assessment` to `active` (381/2023 §4–§5) and its `plan.due` deadline is met on
 * `agreedOn`. Returns the case, or null when it was not in assessment (already active, or
 * ended) — then nothing changes. The planning service writes the `plan.agreed` event that
 * announces it.
 */
export async function setCaseActive(
  tx: Transaction,
  caseId: string,
  change: { agreedOn: string; actor: Actor; now: Date },
): Promise<CaseRecord | null> {
  if (!isUuid(caseId)) return null;
  // assessment → active (the table's `activate`, 381/2023 §4(2)); conditional, so a case
  // already active (or ended) is left as it is.
  const row = await updateCaseRow(tx, caseId, CaseTransitions.sourcesOf('activate'), {
    status: 'active',
    activatedOn: change.agreedOn,
    updatedAt: change.now,
  });
  if (!row) return null;
  await insertCaseTransition(tx, {
    caseId,
    fromStatus: 'assessment',
    toStatus: 'active',
    at: change.now,
    actorOrganisation: change.actor.organisation,
    actorSub: change.actor.sub,
    reasonCode: 'plan_agreed',
  });
  await meetDeadline(tx, 'plan.due', caseId, change.agreedOn, { now: change.now, actor: change.actor });
  return toRecord(row);
}

/** Open cases (assessment or active) of a cooperation area by id, for staffing and reports. */
export async function findOpenCasesByArea(
  db: Queryable,
  cooperationAreaId: string,
  page: { limit?: number; afterId?: string } = {},
): Promise<CaseRecord[]> {
  if (!isUuid(cooperationAreaId)) return [];
  const rows = await findOpenCaseRowsByArea(db, cooperationAreaId, {
    limit: Math.min(Math.max(page.limit ?? 500, 1), 5000),
    ...(page.afterId && isUuid(page.afterId) ? { afterId: page.afterId } : {}),
  });
  return rows.map(toRecord);
}

/**
 * The language a client wants texts in (fi, sv or en; another preferred language falls back
 * to Finnish), for invitations sent to the client. Erased clients keep their language.
 */
export async function findClientLanguage(db: Queryable, clientId: string): Promise<'fi' | 'sv' | 'en'> {
  const [row] = await db
    .select({ language: clients.preferredLanguage })
    .from(clients)
    .where(eq(clients.id, clientId));
  return row?.language === 'sv' || row?.language === 'en' ? row.language : 'fi';
}

/**
 * For other services' list filters, as SQL subqueries (written here, by the owner of the
 * tables). The ids of the cases whose client has `org` among its parties (`clientPartyCodes`:
 * the employment authority and HVA of the home municipality, and Kela; 381/2023, domain.md §1).
 */
export function clientPartyCaseIdsSql(org: string): SQL {
  return sql`(SELECT ${cases.id} FROM ${cases}
    WHERE ${org} IN (${cases.employmentAuthorityCode}, ${cases.wellbeingCountyOrganiserCode}, ${KELA_ORGANISATION_CODE}))`;
}

/** The ids (as text) of the referrals whose client has `org` among its parties (as above). */
export function clientPartyReferralIdsSql(org: string): SQL {
  return sql`(SELECT ${referrals.id}::text FROM ${referrals}
    WHERE ${org} IN (${referrals.employmentAuthorityCode}, ${referrals.wellbeingCountyOrganiserCode}, ${KELA_ORGANISATION_CODE}))`;
}

/** The ids of the cases on whose current team the person (`org`, `sub`) is. */
export function teamCaseIdsSql(org: string, sub: string): SQL {
  return sql`(SELECT ${caseTeamMembers.caseId} FROM ${caseTeamMembers}
    WHERE ${caseTeamMembers.organisationCode} = ${org} AND ${caseTeamMembers.subject} = ${sub}
      AND ${caseTeamMembers.removedAt} IS NULL)`;
}
